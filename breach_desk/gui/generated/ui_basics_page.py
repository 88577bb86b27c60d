# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'basics_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

from breach_desk.gui.widgets.date_field import DateField

class Ui_BasicsPage(object):
    def setupUi(self, BasicsPage: QWidget) -> None:
        if not BasicsPage.objectName():
            BasicsPage.setObjectName(u"BasicsPage")
        BasicsPage.resize(560, 520)
        self.outer = QVBoxLayout(BasicsPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(BasicsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.referenceLabel = QLabel(BasicsPage)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.referenceLabel)

        self.referenceEdit = QLineEdit(BasicsPage)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setMaxLength(40)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.referenceEdit)

        self.referenceError = QLabel(BasicsPage)
        self.referenceError.setObjectName(u"referenceError")
        self.referenceError.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.referenceError)

        self.titleLabel = QLabel(BasicsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(BasicsPage)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.titleError = QLabel(BasicsPage)
        self.titleError.setObjectName(u"titleError")
        self.titleError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleError)

        self.serviceLabel = QLabel(BasicsPage)
        self.serviceLabel.setObjectName(u"serviceLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.serviceLabel)

        self.serviceCombo = QComboBox(BasicsPage)
        self.serviceCombo.setObjectName(u"serviceCombo")
        self.serviceCombo.setEditable(True)
        self.serviceCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.serviceCombo)

        self.descriptionLabel = QLabel(BasicsPage)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(BasicsPage)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.occurredLabel = QLabel(BasicsPage)
        self.occurredLabel.setObjectName(u"occurredLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.occurredLabel)

        self.occurredEdit = DateField(BasicsPage)
        self.occurredEdit.setObjectName(u"occurredEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.occurredEdit)

        self.occurredError = QLabel(BasicsPage)
        self.occurredError.setObjectName(u"occurredError")
        self.occurredError.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.occurredError)

        self.awareLabel = QLabel(BasicsPage)
        self.awareLabel.setObjectName(u"awareLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.awareLabel)

        self.awareEdit = DateField(BasicsPage)
        self.awareEdit.setObjectName(u"awareEdit")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.awareEdit)

        self.awareError = QLabel(BasicsPage)
        self.awareError.setObjectName(u"awareError")
        self.awareError.setWordWrap(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.awareError)

        self.clockCaption = QLabel(BasicsPage)
        self.clockCaption.setObjectName(u"clockCaption")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.clockCaption)

        self.clockLabel = QLabel(BasicsPage)
        self.clockLabel.setObjectName(u"clockLabel")
        self.clockLabel.setWordWrap(True)
        self.clockLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.clockLabel)


        self.outer.addLayout(self.form)

        self.pageProblems = QLabel(BasicsPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.referenceLabel.setBuddy(self.referenceEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.serviceLabel.setBuddy(self.serviceCombo)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.occurredLabel.setBuddy(self.occurredEdit)
        self.awareLabel.setBuddy(self.awareEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.referenceEdit)
        QWidget.setTabOrder(self.referenceEdit, self.serviceCombo)
        QWidget.setTabOrder(self.serviceCombo, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.occurredEdit)
        QWidget.setTabOrder(self.occurredEdit, self.awareEdit)

        self.retranslateUi(BasicsPage)

        QMetaObject.connectSlotsByName(BasicsPage)
    # setupUi

    def retranslateUi(self, BasicsPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("BasicsPage", u"The essentials of the breach. The 72 hours for reporting to the ICO run from the moment you became aware that it was a personal-data breach.", None))
        self.referenceLabel.setText(QCoreApplication.translate("BasicsPage", u"&Reference", None))
#if QT_CONFIG(tooltip)
        self.referenceEdit.setToolTip(QCoreApplication.translate("BasicsPage", u"The breach's reference in the register. Keep one it already has (e.g. IG-2021-014), or leave the one proposed.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.referenceEdit.setAccessibleName(QCoreApplication.translate("BasicsPage", u"Reference", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("BasicsPage", u"&Title", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("BasicsPage", u"e.g. Email address shared with the wrong people", None))
#if QT_CONFIG(accessibility)
        self.titleEdit.setAccessibleDescription(QCoreApplication.translate("BasicsPage", u"A short title for the register", None))
#endif // QT_CONFIG(accessibility)
        self.serviceLabel.setText(QCoreApplication.translate("BasicsPage", u"Ser&vice", None))
#if QT_CONFIG(tooltip)
        self.serviceCombo.setToolTip(QCoreApplication.translate("BasicsPage", u"The team or department where it happened, e.g. Children's Services.", None))
#endif // QT_CONFIG(tooltip)
        self.descriptionLabel.setText(QCoreApplication.translate("BasicsPage", u"&What happened", None))
        self.descriptionEdit.setPlaceholderText(QCoreApplication.translate("BasicsPage", u"In your own words: what was disclosed, to whom, how it came to light.", None))
        self.occurredLabel.setText(QCoreApplication.translate("BasicsPage", u"&Occurred", None))
#if QT_CONFIG(tooltip)
        self.occurredEdit.setToolTip(QCoreApplication.translate("BasicsPage", u"When the breach first happened, as precisely as it is known: the day (15/03/2021), the month (June 2022) or the year (2022). Leave it empty if it is not known.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.occurredEdit.setAccessibleName(QCoreApplication.translate("BasicsPage", u"Date the breach occurred", None))
#endif // QT_CONFIG(accessibility)
        self.awareLabel.setText(QCoreApplication.translate("BasicsPage", u"&Aware", None))
#if QT_CONFIG(tooltip)
        self.awareEdit.setToolTip(QCoreApplication.translate("BasicsPage", u"When the organisation became aware that a personal-data breach had happened, in UK time (e.g. 15/03/2021 10:00). The ICO clock runs from here.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.awareEdit.setAccessibleName(QCoreApplication.translate("BasicsPage", u"When you became aware (UK time)", None))
#endif // QT_CONFIG(accessibility)
        self.clockCaption.setText(QCoreApplication.translate("BasicsPage", u"ICO clock", None))
#if QT_CONFIG(accessibility)
        self.clockLabel.setAccessibleName(QCoreApplication.translate("BasicsPage", u"ICO 72-hour deadline", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
