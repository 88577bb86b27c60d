# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'happened_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_HappenedPage(object):
    def setupUi(self, HappenedPage: QWidget) -> None:
        if not HappenedPage.objectName():
            HappenedPage.setObjectName(u"HappenedPage")
        HappenedPage.resize(560, 560)
        self.outer = QVBoxLayout(HappenedPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(HappenedPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.confidentialityLabel = QLabel(HappenedPage)
        self.confidentialityLabel.setObjectName(u"confidentialityLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.confidentialityLabel)

        self.confidentialityCombo = QComboBox(HappenedPage)
        self.confidentialityCombo.setObjectName(u"confidentialityCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.confidentialityCombo)

        self.confidentialityError = QLabel(HappenedPage)
        self.confidentialityError.setObjectName(u"confidentialityError")
        self.confidentialityError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.confidentialityError)

        self.integrityLabel = QLabel(HappenedPage)
        self.integrityLabel.setObjectName(u"integrityLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.integrityLabel)

        self.integrityCombo = QComboBox(HappenedPage)
        self.integrityCombo.setObjectName(u"integrityCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.integrityCombo)

        self.availabilityLabel = QLabel(HappenedPage)
        self.availabilityLabel.setObjectName(u"availabilityLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.availabilityLabel)

        self.availabilityCombo = QComboBox(HappenedPage)
        self.availabilityCombo.setObjectName(u"availabilityCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.availabilityCombo)

        self.outageLabel = QLabel(HappenedPage)
        self.outageLabel.setObjectName(u"outageLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.outageLabel)

        self.outageSpin = QDoubleSpinBox(HappenedPage)
        self.outageSpin.setObjectName(u"outageSpin")
        self.outageSpin.setMinimum(-1.000000000000000)
        self.outageSpin.setMaximum(100000.000000000000000)
        self.outageSpin.setDecimals(1)
        self.outageSpin.setValue(-1.000000000000000)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.outageSpin)

        self.essentialCheck = QCheckBox(HappenedPage)
        self.essentialCheck.setObjectName(u"essentialCheck")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.essentialCheck)

        self.harmCheck = QCheckBox(HappenedPage)
        self.harmCheck.setObjectName(u"harmCheck")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.harmCheck)

        self.harmNoteLabel = QLabel(HappenedPage)
        self.harmNoteLabel.setObjectName(u"harmNoteLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.harmNoteLabel)

        self.harmNoteEdit = QLineEdit(HappenedPage)
        self.harmNoteEdit.setObjectName(u"harmNoteEdit")
        self.harmNoteEdit.setMaxLength(2000)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.harmNoteEdit)

        self.harmAtLabel = QLabel(HappenedPage)
        self.harmAtLabel.setObjectName(u"harmAtLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.harmAtLabel)

        self.harmAtEdit = QDateEdit(HappenedPage)
        self.harmAtEdit.setObjectName(u"harmAtEdit")
        self.harmAtEdit.setCalendarPopup(True)
        self.harmAtEdit.setMinimumDate(QDate(1900, 1, 1))
        self.harmAtEdit.setDate(QDate(1900, 1, 1))

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.harmAtEdit)

        self.discoveredLabel = QLabel(HappenedPage)
        self.discoveredLabel.setObjectName(u"discoveredLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.discoveredLabel)

        self.discoveredCombo = QComboBox(HappenedPage)
        self.discoveredCombo.setObjectName(u"discoveredCombo")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.discoveredCombo)

        self.discoveredNoteEdit = QLineEdit(HappenedPage)
        self.discoveredNoteEdit.setObjectName(u"discoveredNoteEdit")
        self.discoveredNoteEdit.setMaxLength(2000)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.discoveredNoteEdit)

        self.causeLabel = QLabel(HappenedPage)
        self.causeLabel.setObjectName(u"causeLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.causeLabel)

        self.causeCombo = QComboBox(HappenedPage)
        self.causeCombo.setObjectName(u"causeCombo")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.causeCombo)

        self.occurrencesLabel = QLabel(HappenedPage)
        self.occurrencesLabel.setObjectName(u"occurrencesLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.occurrencesLabel)

        self.occurrencesSpin = QSpinBox(HappenedPage)
        self.occurrencesSpin.setObjectName(u"occurrencesSpin")
        self.occurrencesSpin.setMinimum(1)
        self.occurrencesSpin.setMaximum(100000)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.occurrencesSpin)

        self.cyberCheck = QCheckBox(HappenedPage)
        self.cyberCheck.setObjectName(u"cyberCheck")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.cyberCheck)

        self.containmentLabel = QLabel(HappenedPage)
        self.containmentLabel.setObjectName(u"containmentLabel")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.containmentLabel)

        self.containmentEdit = QPlainTextEdit(HappenedPage)
        self.containmentEdit.setObjectName(u"containmentEdit")
        self.containmentEdit.setTabChangesFocus(True)

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.containmentEdit)

        self.happenedError = QLabel(HappenedPage)
        self.happenedError.setObjectName(u"happenedError")
        self.happenedError.setWordWrap(True)

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.happenedError)


        self.outer.addLayout(self.form)

        self.pageProblems = QLabel(HappenedPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.confidentialityLabel.setBuddy(self.confidentialityCombo)
        self.integrityLabel.setBuddy(self.integrityCombo)
        self.availabilityLabel.setBuddy(self.availabilityCombo)
        self.outageLabel.setBuddy(self.outageSpin)
        self.harmNoteLabel.setBuddy(self.harmNoteEdit)
        self.harmAtLabel.setBuddy(self.harmAtEdit)
        self.discoveredLabel.setBuddy(self.discoveredCombo)
        self.causeLabel.setBuddy(self.causeCombo)
        self.occurrencesLabel.setBuddy(self.occurrencesSpin)
        self.containmentLabel.setBuddy(self.containmentEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.confidentialityCombo, self.integrityCombo)
        QWidget.setTabOrder(self.integrityCombo, self.availabilityCombo)
        QWidget.setTabOrder(self.availabilityCombo, self.outageSpin)
        QWidget.setTabOrder(self.outageSpin, self.essentialCheck)
        QWidget.setTabOrder(self.essentialCheck, self.harmCheck)
        QWidget.setTabOrder(self.harmCheck, self.harmNoteEdit)
        QWidget.setTabOrder(self.harmNoteEdit, self.harmAtEdit)
        QWidget.setTabOrder(self.harmAtEdit, self.discoveredCombo)
        QWidget.setTabOrder(self.discoveredCombo, self.discoveredNoteEdit)
        QWidget.setTabOrder(self.discoveredNoteEdit, self.causeCombo)
        QWidget.setTabOrder(self.causeCombo, self.occurrencesSpin)
        QWidget.setTabOrder(self.occurrencesSpin, self.cyberCheck)
        QWidget.setTabOrder(self.cyberCheck, self.containmentEdit)

        self.retranslateUi(HappenedPage)

        QMetaObject.connectSlotsByName(HappenedPage)
    # setupUi

    def retranslateUi(self, HappenedPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("HappenedPage", u"What was lost: confidentiality, integrity, availability. Together with a malicious cause they make the circumstances of the breach (CB, ENISA 2013).", None))
        self.confidentialityLabel.setText(QCoreApplication.translate("HappenedPage", u"&Confidentiality", None))
        self.confidentialityCombo.setPlaceholderText(QCoreApplication.translate("HappenedPage", u"Choose\u2026", None))
        self.integrityLabel.setText(QCoreApplication.translate("HappenedPage", u"&Integrity", None))
        self.availabilityLabel.setText(QCoreApplication.translate("HappenedPage", u"A&vailability", None))
        self.outageLabel.setText(QCoreApplication.translate("HappenedPage", u"&Outage (hours)", None))
        self.outageSpin.setSpecialValueText(QCoreApplication.translate("HappenedPage", u"not known", None))
#if QT_CONFIG(tooltip)
        self.outageSpin.setToolTip(QCoreApplication.translate("HappenedPage", u"How long the data was unavailable, where availability was lost.", None))
#endif // QT_CONFIG(tooltip)
        self.essentialCheck.setText(QCoreApplication.translate("HappenedPage", u"People were denied or delayed an &essential service", None))
#if QT_CONFIG(tooltip)
        self.essentialCheck.setToolTip(QCoreApplication.translate("HappenedPage", u"Care, treatment, payments: the consequences have occurred (likelihood: occurred).", None))
#endif // QT_CONFIG(tooltip)
        self.harmCheck.setText(QCoreApplication.translate("HappenedPage", u"Harm has &already happened to someone because of this breach", None))
#if QT_CONFIG(tooltip)
        self.harmCheck.setToolTip(QCoreApplication.translate("HappenedPage", u"Fraud reported, the recipient made contact, the data was published and used: the consequences have occurred (likelihood: occurred).", None))
#endif // QT_CONFIG(tooltip)
        self.harmNoteLabel.setText(QCoreApplication.translate("HappenedPage", u"What ha&rm", None))
        self.harmNoteEdit.setPlaceholderText(QCoreApplication.translate("HappenedPage", u"e.g. three tenants reported phishing emails using their names", None))
#if QT_CONFIG(tooltip)
        self.harmNoteEdit.setToolTip(QCoreApplication.translate("HappenedPage", u"Printed in the decision note as the reason the likelihood is 'occurred'.", None))
#endif // QT_CONFIG(tooltip)
        self.harmAtLabel.setText(QCoreApplication.translate("HappenedPage", u"Harm reported on (&date)", None))
        self.harmAtEdit.setDisplayFormat(QCoreApplication.translate("HappenedPage", u"d MMM yyyy", None))
        self.harmAtEdit.setSpecialValueText(QCoreApplication.translate("HappenedPage", u"not known", None))
#if QT_CONFIG(tooltip)
        self.harmAtEdit.setToolTip(QCoreApplication.translate("HappenedPage", u"When the harm was reported, if known.", None))
#endif // QT_CONFIG(tooltip)
        self.discoveredLabel.setText(QCoreApplication.translate("HappenedPage", u"Ho&w we found out", None))
#if QT_CONFIG(tooltip)
        self.discoveredCombo.setToolTip(QCoreApplication.translate("HappenedPage", u"How the organisation found out about the breach: the ICO's report form asks. It changes no decision.", None))
#endif // QT_CONFIG(tooltip)
        self.discoveredNoteEdit.setPlaceholderText(QCoreApplication.translate("HappenedPage", u"e.g. a tenant phoned the housing office", None))
#if QT_CONFIG(accessibility)
        self.discoveredNoteEdit.setAccessibleName(QCoreApplication.translate("HappenedPage", u"How we found out: details", None))
#endif // QT_CONFIG(accessibility)
        self.causeLabel.setText(QCoreApplication.translate("HappenedPage", u"Ca&use", None))
        self.occurrencesLabel.setText(QCoreApplication.translate("HappenedPage", u"How &many times", None))
#if QT_CONFIG(tooltip)
        self.occurrencesSpin.setToolTip(QCoreApplication.translate("HappenedPage", u"How many separate times it happened before it was stopped, e.g. an address sent on three occasions = 3. More than once makes harm more likely.", None))
#endif // QT_CONFIG(tooltip)
        self.cyberCheck.setText(QCoreApplication.translate("HappenedPage", u"A c&yber incident", None))
        self.containmentLabel.setText(QCoreApplication.translate("HappenedPage", u"Con&tainment so far", None))
        self.containmentEdit.setPlaceholderText(QCoreApplication.translate("HappenedPage", u"What has been done to contain it so far.", None))
        pass
    # retranslateUi
