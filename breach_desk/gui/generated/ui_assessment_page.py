# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'assessment_page.ui'
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
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QSpinBox, QTextBrowser, QVBoxLayout,
    QWidget)

from breach_desk.gui.widgets.matrix import RiskMatrix

class Ui_AssessmentPage(object):
    def setupUi(self, AssessmentPage: QWidget) -> None:
        if not AssessmentPage.objectName():
            AssessmentPage.setObjectName(u"AssessmentPage")
        AssessmentPage.resize(600, 640)
        self.outer = QVBoxLayout(AssessmentPage)
        self.outer.setObjectName(u"outer")
        self.bandLabel = QLabel(AssessmentPage)
        self.bandLabel.setObjectName(u"bandLabel")
        self.bandLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.outer.addWidget(self.bandLabel)

        self.scoreRow = QHBoxLayout()
        self.scoreRow.setObjectName(u"scoreRow")
        self.severityText = QTextBrowser(AssessmentPage)
        self.severityText.setObjectName(u"severityText")
        self.severityText.setOpenLinks(False)

        self.scoreRow.addWidget(self.severityText)

        self.matrixColumn = QVBoxLayout()
        self.matrixColumn.setObjectName(u"matrixColumn")
        self.likelihoodLabel = QLabel(AssessmentPage)
        self.likelihoodLabel.setObjectName(u"likelihoodLabel")
        self.likelihoodLabel.setWordWrap(True)

        self.matrixColumn.addWidget(self.likelihoodLabel)

        self.matrix = RiskMatrix(AssessmentPage)
        self.matrix.setObjectName(u"matrix")

        self.matrixColumn.addWidget(self.matrix)

        self.matrixSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.matrixColumn.addItem(self.matrixSpacer)


        self.scoreRow.addLayout(self.matrixColumn)


        self.outer.addLayout(self.scoreRow)

        self.judgementGroup = QGroupBox(AssessmentPage)
        self.judgementGroup.setObjectName(u"judgementGroup")
        self.judgementForm = QFormLayout(self.judgementGroup)
        self.judgementForm.setObjectName(u"judgementForm")
        self.judgementForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.dpcAdjustLabel = QLabel(self.judgementGroup)
        self.dpcAdjustLabel.setObjectName(u"dpcAdjustLabel")

        self.judgementForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dpcAdjustLabel)

        self.dpcRow = QHBoxLayout()
        self.dpcRow.setObjectName(u"dpcRow")
        self.dpcAdjustSpin = QSpinBox(self.judgementGroup)
        self.dpcAdjustSpin.setObjectName(u"dpcAdjustSpin")
        self.dpcAdjustSpin.setMinimum(-3)
        self.dpcAdjustSpin.setMaximum(3)

        self.dpcRow.addWidget(self.dpcAdjustSpin)

        self.dpcReasonEdit = QLineEdit(self.judgementGroup)
        self.dpcReasonEdit.setObjectName(u"dpcReasonEdit")

        self.dpcRow.addWidget(self.dpcReasonEdit)


        self.judgementForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.dpcRow)

        self.dpcError = QLabel(self.judgementGroup)
        self.dpcError.setObjectName(u"dpcError")
        self.dpcError.setWordWrap(True)

        self.judgementForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dpcError)

        self.overrideLabel = QLabel(self.judgementGroup)
        self.overrideLabel.setObjectName(u"overrideLabel")

        self.judgementForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.overrideLabel)

        self.overrideRow = QHBoxLayout()
        self.overrideRow.setObjectName(u"overrideRow")
        self.overrideCombo = QComboBox(self.judgementGroup)
        self.overrideCombo.setObjectName(u"overrideCombo")

        self.overrideRow.addWidget(self.overrideCombo)

        self.overrideReasonEdit = QLineEdit(self.judgementGroup)
        self.overrideReasonEdit.setObjectName(u"overrideReasonEdit")

        self.overrideRow.addWidget(self.overrideReasonEdit)


        self.judgementForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.overrideRow)

        self.overrideError = QLabel(self.judgementGroup)
        self.overrideError.setObjectName(u"overrideError")
        self.overrideError.setWordWrap(True)

        self.judgementForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.overrideError)


        self.outer.addWidget(self.judgementGroup)

        self.factorsLabel = QLabel(AssessmentPage)
        self.factorsLabel.setObjectName(u"factorsLabel")

        self.outer.addWidget(self.factorsLabel)

        self.factorsText = QTextBrowser(AssessmentPage)
        self.factorsText.setObjectName(u"factorsText")
        self.factorsText.setOpenLinks(False)

        self.outer.addWidget(self.factorsText)

        self.pageProblems = QLabel(AssessmentPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.dpcAdjustLabel.setBuddy(self.dpcAdjustSpin)
        self.overrideLabel.setBuddy(self.overrideCombo)
        self.factorsLabel.setBuddy(self.factorsText)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.severityText, self.dpcAdjustSpin)
        QWidget.setTabOrder(self.dpcAdjustSpin, self.dpcReasonEdit)
        QWidget.setTabOrder(self.dpcReasonEdit, self.overrideCombo)
        QWidget.setTabOrder(self.overrideCombo, self.overrideReasonEdit)
        QWidget.setTabOrder(self.overrideReasonEdit, self.factorsText)

        self.retranslateUi(AssessmentPage)

        QMetaObject.connectSlotsByName(AssessmentPage)
    # setupUi

    def retranslateUi(self, AssessmentPage: QWidget) -> None:
#if QT_CONFIG(accessibility)
        self.bandLabel.setAccessibleName(QCoreApplication.translate("AssessmentPage", u"Severity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.severityText.setAccessibleName(QCoreApplication.translate("AssessmentPage", u"How severity was worked out", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.likelihoodLabel.setAccessibleName(QCoreApplication.translate("AssessmentPage", u"Likelihood", None))
#endif // QT_CONFIG(accessibility)
        self.judgementGroup.setTitle(QCoreApplication.translate("AssessmentPage", u"Your judgement (each needs a reason, printed in the report)", None))
        self.dpcAdjustLabel.setText(QCoreApplication.translate("AssessmentPage", u"&DPC adjustment", None))
        self.dpcAdjustSpin.setSpecialValueText("")
#if QT_CONFIG(tooltip)
        self.dpcAdjustSpin.setToolTip(QCoreApplication.translate("AssessmentPage", u"Raise or lower the data processing context (applied last, kept within 1 to 4). Needs a reason.", None))
#endif // QT_CONFIG(tooltip)
        self.dpcReasonEdit.setPlaceholderText(QCoreApplication.translate("AssessmentPage", u"Reason for the adjustment", None))
#if QT_CONFIG(accessibility)
        self.dpcReasonEdit.setAccessibleName(QCoreApplication.translate("AssessmentPage", u"Reason for the DPC adjustment", None))
#endif // QT_CONFIG(accessibility)
        self.overrideLabel.setText(QCoreApplication.translate("AssessmentPage", u"Severity &override", None))
#if QT_CONFIG(tooltip)
        self.overrideCombo.setToolTip(QCoreApplication.translate("AssessmentPage", u"Replaces the band; the computed band stays in the record and both are printed. Needs a reason.", None))
#endif // QT_CONFIG(tooltip)
        self.overrideReasonEdit.setPlaceholderText(QCoreApplication.translate("AssessmentPage", u"Reason for the override", None))
#if QT_CONFIG(accessibility)
        self.overrideReasonEdit.setAccessibleName(QCoreApplication.translate("AssessmentPage", u"Reason for the severity override", None))
#endif // QT_CONFIG(accessibility)
        self.factorsLabel.setText(QCoreApplication.translate("AssessmentPage", u"&Why: every rule that applied", None))
        pass
    # retranslateUi
