# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'decisions_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QLabel, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_DecisionsPage(object):
    def setupUi(self, DecisionsPage: QWidget) -> None:
        if not DecisionsPage.objectName():
            DecisionsPage.setObjectName(u"DecisionsPage")
        DecisionsPage.resize(560, 560)
        self.outer = QVBoxLayout(DecisionsPage)
        self.outer.setObjectName(u"outer")
        self.icoGroup = QGroupBox(DecisionsPage)
        self.icoGroup.setObjectName(u"icoGroup")
        self.icoLayout = QVBoxLayout(self.icoGroup)
        self.icoLayout.setObjectName(u"icoLayout")
        self.icoDecisionLabel = QLabel(self.icoGroup)
        self.icoDecisionLabel.setObjectName(u"icoDecisionLabel")
        self.icoDecisionLabel.setWordWrap(True)

        self.icoLayout.addWidget(self.icoDecisionLabel)

        self.icoReasonLabel = QLabel(self.icoGroup)
        self.icoReasonLabel.setObjectName(u"icoReasonLabel")
        self.icoReasonLabel.setWordWrap(True)
        self.icoReasonLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.icoLayout.addWidget(self.icoReasonLabel)

        self.delayLabel = QLabel(self.icoGroup)
        self.delayLabel.setObjectName(u"delayLabel")

        self.icoLayout.addWidget(self.delayLabel)

        self.delayEdit = QPlainTextEdit(self.icoGroup)
        self.delayEdit.setObjectName(u"delayEdit")
        self.delayEdit.setTabChangesFocus(True)

        self.icoLayout.addWidget(self.delayEdit)

        self.delayError = QLabel(self.icoGroup)
        self.delayError.setObjectName(u"delayError")
        self.delayError.setWordWrap(True)

        self.icoLayout.addWidget(self.delayError)


        self.outer.addWidget(self.icoGroup)

        self.subjectsGroup = QGroupBox(DecisionsPage)
        self.subjectsGroup.setObjectName(u"subjectsGroup")
        self.subjectsForm = QFormLayout(self.subjectsGroup)
        self.subjectsForm.setObjectName(u"subjectsForm")
        self.subjectsForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.subjectsDecisionLabel = QLabel(self.subjectsGroup)
        self.subjectsDecisionLabel.setObjectName(u"subjectsDecisionLabel")
        self.subjectsDecisionLabel.setWordWrap(True)

        self.subjectsForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.subjectsDecisionLabel)

        self.subjectsReasonLabel = QLabel(self.subjectsGroup)
        self.subjectsReasonLabel.setObjectName(u"subjectsReasonLabel")
        self.subjectsReasonLabel.setWordWrap(True)
        self.subjectsReasonLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.subjectsForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.subjectsReasonLabel)

        self.art34Label = QLabel(self.subjectsGroup)
        self.art34Label.setObjectName(u"art34Label")

        self.subjectsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.art34Label)

        self.art34Combo = QComboBox(self.subjectsGroup)
        self.art34Combo.setObjectName(u"art34Combo")

        self.subjectsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.art34Combo)

        self.art34ReasonLabel = QLabel(self.subjectsGroup)
        self.art34ReasonLabel.setObjectName(u"art34ReasonLabel")

        self.subjectsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.art34ReasonLabel)

        self.art34ReasonEdit = QPlainTextEdit(self.subjectsGroup)
        self.art34ReasonEdit.setObjectName(u"art34ReasonEdit")
        self.art34ReasonEdit.setTabChangesFocus(True)

        self.subjectsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.art34ReasonEdit)

        self.art34Error = QLabel(self.subjectsGroup)
        self.art34Error.setObjectName(u"art34Error")
        self.art34Error.setWordWrap(True)

        self.subjectsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.art34Error)


        self.outer.addWidget(self.subjectsGroup)

        self.pageProblems = QLabel(DecisionsPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.delayLabel.setBuddy(self.delayEdit)
        self.art34Label.setBuddy(self.art34Combo)
        self.art34ReasonLabel.setBuddy(self.art34ReasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.delayEdit, self.art34Combo)
        QWidget.setTabOrder(self.art34Combo, self.art34ReasonEdit)

        self.retranslateUi(DecisionsPage)

        QMetaObject.connectSlotsByName(DecisionsPage)
    # setupUi

    def retranslateUi(self, DecisionsPage: QWidget) -> None:
        self.icoGroup.setTitle(QCoreApplication.translate("DecisionsPage", u"Report to the ICO (UK GDPR Art. 33)", None))
#if QT_CONFIG(accessibility)
        self.icoDecisionLabel.setAccessibleName(QCoreApplication.translate("DecisionsPage", u"ICO decision", None))
#endif // QT_CONFIG(accessibility)
        self.delayLabel.setText(QCoreApplication.translate("DecisionsPage", u"Reasons for the &delay (the 72 hours have passed)", None))
        self.delayEdit.setPlaceholderText(QCoreApplication.translate("DecisionsPage", u"Why the report is later than 72 hours after becoming aware. It accompanies the report.", None))
        self.subjectsGroup.setTitle(QCoreApplication.translate("DecisionsPage", u"Tell the affected people (UK GDPR Art. 34)", None))
#if QT_CONFIG(accessibility)
        self.subjectsDecisionLabel.setAccessibleName(QCoreApplication.translate("DecisionsPage", u"Decision on telling the people", None))
#endif // QT_CONFIG(accessibility)
        self.art34Label.setText(QCoreApplication.translate("DecisionsPage", u"Art. 34(3) &exception", None))
#if QT_CONFIG(tooltip)
        self.art34Combo.setToolTip(QCoreApplication.translate("DecisionsPage", u"Only when the risk is high. (a), unintelligible data, is a fact and applies by itself.", None))
#endif // QT_CONFIG(tooltip)
        self.art34ReasonLabel.setText(QCoreApplication.translate("DecisionsPage", u"Re&ason", None))
        self.art34ReasonEdit.setPlaceholderText(QCoreApplication.translate("DecisionsPage", u"Why the exception applies: printed in the decision note.", None))
        pass
    # retranslateUi
