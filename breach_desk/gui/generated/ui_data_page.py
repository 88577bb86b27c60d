# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'data_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QLabel, QListWidgetItem, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

from breach_desk.gui.widgets.checklist import CheckList

class Ui_DataPage(object):
    def setupUi(self, DataPage: QWidget) -> None:
        if not DataPage.objectName():
            DataPage.setObjectName(u"DataPage")
        DataPage.resize(560, 560)
        self.outer = QVBoxLayout(DataPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(DataPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.categoriesLabel = QLabel(DataPage)
        self.categoriesLabel.setObjectName(u"categoriesLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.categoriesLabel)

        self.categoriesList = CheckList(DataPage)
        self.categoriesList.setObjectName(u"categoriesList")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.categoriesList)

        self.categoriesError = QLabel(DataPage)
        self.categoriesError.setObjectName(u"categoriesError")
        self.categoriesError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.categoriesError)

        self.extentLabel = QLabel(DataPage)
        self.extentLabel.setObjectName(u"extentLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.extentLabel)

        self.extentCombo = QComboBox(DataPage)
        self.extentCombo.setObjectName(u"extentCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.extentCombo)

        self.presenceCheck = QCheckBox(DataPage)
        self.presenceCheck.setObjectName(u"presenceCheck")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.presenceCheck)

        self.recordsLabel = QLabel(DataPage)
        self.recordsLabel.setObjectName(u"recordsLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.recordsLabel)

        self.recordsSpin = QSpinBox(DataPage)
        self.recordsSpin.setObjectName(u"recordsSpin")
        self.recordsSpin.setMinimum(-1)
        self.recordsSpin.setMaximum(2000000000)
        self.recordsSpin.setValue(-1)
        self.recordsSpin.setGroupSeparatorShown(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.recordsSpin)

        self.unintelligibleCheck = QCheckBox(DataPage)
        self.unintelligibleCheck.setObjectName(u"unintelligibleCheck")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.unintelligibleCheck)

        self.publicCheck = QCheckBox(DataPage)
        self.publicCheck.setObjectName(u"publicCheck")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.publicCheck)

        self.identifiabilityLabel = QLabel(DataPage)
        self.identifiabilityLabel.setObjectName(u"identifiabilityLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.identifiabilityLabel)

        self.identifiabilityCombo = QComboBox(DataPage)
        self.identifiabilityCombo.setObjectName(u"identifiabilityCombo")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.identifiabilityCombo)

        self.dataError = QLabel(DataPage)
        self.dataError.setObjectName(u"dataError")
        self.dataError.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.dataError)


        self.outer.addLayout(self.form)

        self.pageProblems = QLabel(DataPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.categoriesLabel.setBuddy(self.categoriesList)
        self.extentLabel.setBuddy(self.extentCombo)
        self.recordsLabel.setBuddy(self.recordsSpin)
        self.identifiabilityLabel.setBuddy(self.identifiabilityCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.categoriesList, self.extentCombo)
        QWidget.setTabOrder(self.extentCombo, self.presenceCheck)
        QWidget.setTabOrder(self.presenceCheck, self.recordsSpin)
        QWidget.setTabOrder(self.recordsSpin, self.unintelligibleCheck)
        QWidget.setTabOrder(self.unintelligibleCheck, self.publicCheck)
        QWidget.setTabOrder(self.publicCheck, self.identifiabilityCombo)

        self.retranslateUi(DataPage)

        QMetaObject.connectSlotsByName(DataPage)
    # setupUi

    def retranslateUi(self, DataPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("DataPage", u"What kinds of data were involved? The most sensitive kind sets the data processing context (DPC, ENISA 2013): special category data, criminal offence data and social care records count as sensitive data (base 4).", None))
        self.categoriesLabel.setText(QCoreApplication.translate("DataPage", u"&Kinds of data", None))
#if QT_CONFIG(accessibility)
        self.categoriesList.setAccessibleDescription(QCoreApplication.translate("DataPage", u"Tick every kind of data involved; Space ticks the current one. Special categories are marked.", None))
#endif // QT_CONFIG(accessibility)
        self.extentLabel.setText(QCoreApplication.translate("DataPage", u"E&xtent", None))
        self.presenceCheck.setText(QCoreApplication.translate("DataPage", u"Being in the data at all re&veals a special category", None))
#if QT_CONFIG(tooltip)
        self.presenceCheck.setToolTip(QCoreApplication.translate("DataPage", u"For example the patient list of an HIV, sexual-health, gender-identity, drug-and-alcohol or mental-health service, or a trade union's membership list: then a minimal extent does not lower the score.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.presenceCheck.setAccessibleDescription(QCoreApplication.translate("DataPage", u"Asked when a special category is chosen with minimal extent: appearing in the data at all reveals it, so the minimal extent does not lower the score.", None))
#endif // QT_CONFIG(accessibility)
        self.recordsLabel.setText(QCoreApplication.translate("DataPage", u"&Records", None))
        self.recordsSpin.setSpecialValueText(QCoreApplication.translate("DataPage", u"not known", None))
#if QT_CONFIG(tooltip)
        self.recordsSpin.setToolTip(QCoreApplication.translate("DataPage", u"How many records were involved, if known.", None))
#endif // QT_CONFIG(tooltip)
        self.unintelligibleCheck.setText(QCoreApplication.translate("DataPage", u"&Unintelligible to whoever holds it (strong encryption, keys safe)", None))
#if QT_CONFIG(tooltip)
        self.unintelligibleCheck.setToolTip(QCoreApplication.translate("DataPage", u"State-of-the-art encryption or salted hashing, keys not compromised. Nobody can read it: Art. 34(3)(a).", None))
#endif // QT_CONFIG(tooltip)
        self.publicCheck.setText(QCoreApplication.translate("DataPage", u"Already &publicly available before the breach", None))
#if QT_CONFIG(tooltip)
        self.publicCheck.setToolTip(QCoreApplication.translate("DataPage", u"ENISA: DPC drops to 1, unless a recipient poses a risk to the person.", None))
#endif // QT_CONFIG(tooltip)
        self.identifiabilityLabel.setText(QCoreApplication.translate("DataPage", u"&Identifiability", None))
        pass
    # retranslateUi
