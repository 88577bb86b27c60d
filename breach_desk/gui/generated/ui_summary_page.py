# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'summary_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_SummaryPage(object):
    def setupUi(self, SummaryPage: QWidget) -> None:
        if not SummaryPage.objectName():
            SummaryPage.setObjectName(u"SummaryPage")
        SummaryPage.resize(600, 560)
        self.outer = QVBoxLayout(SummaryPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(SummaryPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.summaryText = QTextBrowser(SummaryPage)
        self.summaryText.setObjectName(u"summaryText")
        self.summaryText.setOpenLinks(False)

        self.outer.addWidget(self.summaryText)

        self.reportRow = QHBoxLayout()
        self.reportRow.setObjectName(u"reportRow")
        self.previewButton = QPushButton(SummaryPage)
        self.previewButton.setObjectName(u"previewButton")

        self.reportRow.addWidget(self.previewButton)

        self.reportSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.reportRow.addItem(self.reportSpacer)


        self.outer.addLayout(self.reportRow)

        self.reasonForm = QFormLayout()
        self.reasonForm.setObjectName(u"reasonForm")
        self.reasonForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.reasonLabel = QLabel(SummaryPage)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.reasonForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(SummaryPage)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.reasonForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.reasonError = QLabel(SummaryPage)
        self.reasonError.setObjectName(u"reasonError")
        self.reasonError.setWordWrap(True)

        self.reasonForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reasonError)


        self.outer.addLayout(self.reasonForm)

        self.pageProblems = QLabel(SummaryPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.summaryText, self.reasonEdit)

        self.retranslateUi(SummaryPage)

        QMetaObject.connectSlotsByName(SummaryPage)
    # setupUi

    def retranslateUi(self, SummaryPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("SummaryPage", u"Everything you entered and what follows from it. Use Edit to go back to a page; Finalise stores this as the assessment version in the register.", None))
#if QT_CONFIG(accessibility)
        self.summaryText.setAccessibleName(QCoreApplication.translate("SummaryPage", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        self.previewButton.setText(QCoreApplication.translate("SummaryPage", u"&Preview the assessment report\u2026", None))
#if QT_CONFIG(tooltip)
        self.previewButton.setToolTip(QCoreApplication.translate("SummaryPage", u"The assessment report as it would print now (not yet saved): preview, save as PDF or print it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.previewButton.setAccessibleName(QCoreApplication.translate("SummaryPage", u"Preview the assessment report", None))
#endif // QT_CONFIG(accessibility)
        self.reasonLabel.setText(QCoreApplication.translate("SummaryPage", u"&Reason for reassessing", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("SummaryPage", u"e.g. New facts: the recipient has confirmed deletion", None))
        pass
    # retranslateUi
