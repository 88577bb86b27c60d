# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recommendations_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_RecommendationsPage(object):
    def setupUi(self, RecommendationsPage: QWidget) -> None:
        if not RecommendationsPage.objectName():
            RecommendationsPage.setObjectName(u"RecommendationsPage")
        RecommendationsPage.resize(600, 520)
        self.outer = QVBoxLayout(RecommendationsPage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(RecommendationsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.recommendationsLabel = QLabel(RecommendationsPage)
        self.recommendationsLabel.setObjectName(u"recommendationsLabel")

        self.outer.addWidget(self.recommendationsLabel)

        self.recommendationsTable = QTableView(RecommendationsPage)
        self.recommendationsTable.setObjectName(u"recommendationsTable")
        self.recommendationsTable.setTabKeyNavigation(False)

        self.outer.addWidget(self.recommendationsTable)

        self.recommendationButtons = QHBoxLayout()
        self.recommendationButtons.setObjectName(u"recommendationButtons")
        self.addLabel = QLabel(RecommendationsPage)
        self.addLabel.setObjectName(u"addLabel")

        self.recommendationButtons.addWidget(self.addLabel)

        self.catalogueCombo = QComboBox(RecommendationsPage)
        self.catalogueCombo.setObjectName(u"catalogueCombo")

        self.recommendationButtons.addWidget(self.catalogueCombo)

        self.addRecommendationButton = QPushButton(RecommendationsPage)
        self.addRecommendationButton.setObjectName(u"addRecommendationButton")

        self.recommendationButtons.addWidget(self.addRecommendationButton)

        self.recommendationSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recommendationButtons.addItem(self.recommendationSpacer)

        self.removeRecommendationButton = QPushButton(RecommendationsPage)
        self.removeRecommendationButton.setObjectName(u"removeRecommendationButton")

        self.recommendationButtons.addWidget(self.removeRecommendationButton)


        self.outer.addLayout(self.recommendationButtons)

        self.removedLabel = QLabel(RecommendationsPage)
        self.removedLabel.setObjectName(u"removedLabel")
        self.removedLabel.setWordWrap(True)

        self.outer.addWidget(self.removedLabel)

        self.recommendationsError = QLabel(RecommendationsPage)
        self.recommendationsError.setObjectName(u"recommendationsError")
        self.recommendationsError.setWordWrap(True)

        self.outer.addWidget(self.recommendationsError)

        self.pageProblems = QLabel(RecommendationsPage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.recommendationsLabel.setBuddy(self.recommendationsTable)
        self.addLabel.setBuddy(self.catalogueCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.recommendationsTable, self.catalogueCombo)
        QWidget.setTabOrder(self.catalogueCombo, self.addRecommendationButton)
        QWidget.setTabOrder(self.addRecommendationButton, self.removeRecommendationButton)

        self.retranslateUi(RecommendationsPage)

        QMetaObject.connectSlotsByName(RecommendationsPage)
    # setupUi

    def retranslateUi(self, RecommendationsPage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("RecommendationsPage", u"What must change, who does it and by when. Each is tracked until the IG team has verified it was done. Name an owner and change a due date where you know better; removing one needs a reason.", None))
        self.recommendationsLabel.setText(QCoreApplication.translate("RecommendationsPage", u"&Recommendations", None))
#if QT_CONFIG(accessibility)
        self.recommendationsTable.setAccessibleName(QCoreApplication.translate("RecommendationsPage", u"Recommendations", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.recommendationsTable.setAccessibleDescription(QCoreApplication.translate("RecommendationsPage", u"F2 edits the owner or the due date of the current row.", None))
#endif // QT_CONFIG(accessibility)
        self.addLabel.setText(QCoreApplication.translate("RecommendationsPage", u"A&dd from the catalogue", None))
        self.addRecommendationButton.setText(QCoreApplication.translate("RecommendationsPage", u"Add", None))
        self.removeRecommendationButton.setText(QCoreApplication.translate("RecommendationsPage", u"Re&move\u2026", None))
#if QT_CONFIG(accessibility)
        self.removedLabel.setAccessibleName(QCoreApplication.translate("RecommendationsPage", u"Removed recommendations", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
