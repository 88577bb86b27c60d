# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recipients_page.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_RecipientsPage(object):
    def setupUi(self, RecipientsPage: QWidget) -> None:
        if not RecipientsPage.objectName():
            RecipientsPage.setObjectName(u"RecipientsPage")
        RecipientsPage.resize(560, 480)
        self.outer = QVBoxLayout(RecipientsPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(RecipientsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.recipientsLabel = QLabel(RecipientsPage)
        self.recipientsLabel.setObjectName(u"recipientsLabel")

        self.outer.addWidget(self.recipientsLabel)

        self.recipientsTable = QTableView(RecipientsPage)
        self.recipientsTable.setObjectName(u"recipientsTable")
        self.recipientsTable.setTabKeyNavigation(False)

        self.outer.addWidget(self.recipientsTable)

        self.recipientButtons = QHBoxLayout()
        self.recipientButtons.setObjectName(u"recipientButtons")
        self.addRecipientButton = QPushButton(RecipientsPage)
        self.addRecipientButton.setObjectName(u"addRecipientButton")

        self.recipientButtons.addWidget(self.addRecipientButton)

        self.removeRecipientButton = QPushButton(RecipientsPage)
        self.removeRecipientButton.setObjectName(u"removeRecipientButton")

        self.recipientButtons.addWidget(self.removeRecipientButton)

        self.recipientSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recipientButtons.addItem(self.recipientSpacer)


        self.outer.addLayout(self.recipientButtons)

        self.recipientsError = QLabel(RecipientsPage)
        self.recipientsError.setObjectName(u"recipientsError")
        self.recipientsError.setWordWrap(True)

        self.outer.addWidget(self.recipientsError)

        self.recipientsMatches = QLabel(RecipientsPage)
        self.recipientsMatches.setObjectName(u"recipientsMatches")
        self.recipientsMatches.setWordWrap(True)
        self.recipientsMatches.setTextFormat(Qt.TextFormat.RichText)
        self.recipientsMatches.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse)

        self.outer.addWidget(self.recipientsMatches)

        self.pageProblems = QLabel(RecipientsPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.recipientsLabel.setBuddy(self.recipientsTable)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.recipientsTable, self.addRecipientButton)
        QWidget.setTabOrder(self.addRecipientButton, self.removeRecipientButton)
        QWidget.setTabOrder(self.removeRecipientButton, self.recipientsMatches)

        self.retranslateUi(RecipientsPage)

        QMetaObject.connectSlotsByName(RecipientsPage)
    # setupUi

    def retranslateUi(self, RecipientsPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("RecipientsPage", u"Who received or saw the data? A recipient who poses a risk to the person (violence, abuse, harassment, a hostile party) makes harm likely and the severity at least high.", None))
        self.recipientsLabel.setText(QCoreApplication.translate("RecipientsPage", u"&Recipients", None))
#if QT_CONFIG(accessibility)
        self.recipientsTable.setAccessibleName(QCoreApplication.translate("RecipientsPage", u"Recipients", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.recipientsTable.setAccessibleDescription(QCoreApplication.translate("RecipientsPage", u"One row per recipient. F2 edits a cell; Space ticks a check box cell.", None))
#endif // QT_CONFIG(accessibility)
        self.addRecipientButton.setText(QCoreApplication.translate("RecipientsPage", u"A&dd recipient", None))
        self.removeRecipientButton.setText(QCoreApplication.translate("RecipientsPage", u"Re&move recipient", None))
#if QT_CONFIG(accessibility)
        self.recipientsMatches.setAccessibleName(QCoreApplication.translate("RecipientsPage", u"Earlier breaches involving these recipients", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
