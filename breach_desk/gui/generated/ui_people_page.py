# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'people_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QTableView,
    QVBoxLayout, QWidget)

from breach_desk.gui.widgets.checklist import CheckList

class Ui_PeoplePage(object):
    def setupUi(self, PeoplePage: QWidget) -> None:
        if not PeoplePage.objectName():
            PeoplePage.setObjectName(u"PeoplePage")
        PeoplePage.resize(560, 560)
        self.outer = QVBoxLayout(PeoplePage)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(PeoplePage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.countLabel = QLabel(PeoplePage)
        self.countLabel.setObjectName(u"countLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.countLabel)

        self.countRow = QHBoxLayout()
        self.countRow.setObjectName(u"countRow")
        self.countSpin = QSpinBox(PeoplePage)
        self.countSpin.setObjectName(u"countSpin")
        self.countSpin.setMinimum(1)
        self.countSpin.setMaximum(100000000)
        self.countSpin.setGroupSeparatorShown(True)

        self.countRow.addWidget(self.countSpin)

        self.countEstimateCheck = QCheckBox(PeoplePage)
        self.countEstimateCheck.setObjectName(u"countEstimateCheck")

        self.countRow.addWidget(self.countEstimateCheck)

        self.countSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.countRow.addItem(self.countSpacer)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.countRow)

        self.countError = QLabel(PeoplePage)
        self.countError.setObjectName(u"countError")
        self.countError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.countError)

        self.groupsLabel = QLabel(PeoplePage)
        self.groupsLabel.setObjectName(u"groupsLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.groupsLabel)

        self.groupsList = CheckList(PeoplePage)
        self.groupsList.setObjectName(u"groupsList")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.groupsList)

        self.vulnerableCheck = QCheckBox(PeoplePage)
        self.vulnerableCheck.setObjectName(u"vulnerableCheck")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.vulnerableCheck)

        self.alreadyAwareCheck = QCheckBox(PeoplePage)
        self.alreadyAwareCheck.setObjectName(u"alreadyAwareCheck")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.alreadyAwareCheck)

        self.peopleLabel = QLabel(PeoplePage)
        self.peopleLabel.setObjectName(u"peopleLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.peopleLabel)

        self.peopleTable = QTableView(PeoplePage)
        self.peopleTable.setObjectName(u"peopleTable")
        self.peopleTable.setTabKeyNavigation(False)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.peopleTable)

        self.peopleButtons = QHBoxLayout()
        self.peopleButtons.setObjectName(u"peopleButtons")
        self.addPersonButton = QPushButton(PeoplePage)
        self.addPersonButton.setObjectName(u"addPersonButton")

        self.peopleButtons.addWidget(self.addPersonButton)

        self.removePersonButton = QPushButton(PeoplePage)
        self.removePersonButton.setObjectName(u"removePersonButton")

        self.peopleButtons.addWidget(self.removePersonButton)

        self.peopleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.peopleButtons.addItem(self.peopleSpacer)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.peopleButtons)

        self.peopleError = QLabel(PeoplePage)
        self.peopleError.setObjectName(u"peopleError")
        self.peopleError.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.peopleError)

        self.peopleMatches = QLabel(PeoplePage)
        self.peopleMatches.setObjectName(u"peopleMatches")
        self.peopleMatches.setWordWrap(True)
        self.peopleMatches.setTextFormat(Qt.TextFormat.RichText)
        self.peopleMatches.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.peopleMatches)


        self.outer.addLayout(self.form)

        self.pageProblems = QLabel(PeoplePage)
        self.pageProblems.setObjectName(u"pageProblems")
        self.pageProblems.setWordWrap(True)

        self.outer.addWidget(self.pageProblems)

#if QT_CONFIG(shortcut)
        self.countLabel.setBuddy(self.countSpin)
        self.groupsLabel.setBuddy(self.groupsList)
        self.peopleLabel.setBuddy(self.peopleTable)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.countSpin, self.countEstimateCheck)
        QWidget.setTabOrder(self.countEstimateCheck, self.groupsList)
        QWidget.setTabOrder(self.groupsList, self.vulnerableCheck)
        QWidget.setTabOrder(self.vulnerableCheck, self.alreadyAwareCheck)
        QWidget.setTabOrder(self.alreadyAwareCheck, self.peopleTable)
        QWidget.setTabOrder(self.peopleTable, self.addPersonButton)
        QWidget.setTabOrder(self.addPersonButton, self.removePersonButton)
        QWidget.setTabOrder(self.removePersonButton, self.peopleMatches)

        self.retranslateUi(PeoplePage)

        QMetaObject.connectSlotsByName(PeoplePage)
    # setupUi

    def retranslateUi(self, PeoplePage: QWidget) -> None:
        self.intro.setText(QCoreApplication.translate("PeoplePage", u"Whose data is it? Naming the people lets Breach Desk find earlier breaches that involved them: a repeat makes harm more likely.", None))
        self.countLabel.setText(QCoreApplication.translate("PeoplePage", u"Nu&mber of people", None))
#if QT_CONFIG(tooltip)
        self.countSpin.setToolTip(QCoreApplication.translate("PeoplePage", u"How many people's data is involved. 1,000 or more raises the band by one; 100,000 or more by two.", None))
#endif // QT_CONFIG(tooltip)
        self.countEstimateCheck.setText(QCoreApplication.translate("PeoplePage", u"An &estimate", None))
        self.groupsLabel.setText(QCoreApplication.translate("PeoplePage", u"&Groups", None))
#if QT_CONFIG(accessibility)
        self.groupsList.setAccessibleDescription(QCoreApplication.translate("PeoplePage", u"Tick each group the people belong to; Space ticks the current one", None))
#endif // QT_CONFIG(accessibility)
        self.vulnerableCheck.setText(QCoreApplication.translate("PeoplePage", u"At least one person is &vulnerable", None))
#if QT_CONFIG(tooltip)
        self.vulnerableCheck.setToolTip(QCoreApplication.translate("PeoplePage", u"e.g. a victim of abuse, in mental-health crisis, a child in care. ENISA: special characteristics of the individuals, DPC +1.", None))
#endif // QT_CONFIG(tooltip)
        self.alreadyAwareCheck.setText(QCoreApplication.translate("PeoplePage", u"The people &already know about it", None))
#if QT_CONFIG(tooltip)
        self.alreadyAwareCheck.setToolTip(QCoreApplication.translate("PeoplePage", u"e.g. they reported it. It does not remove the duty to tell them: they are still owed a written explanation.", None))
#endif // QT_CONFIG(tooltip)
        self.peopleLabel.setText(QCoreApplication.translate("PeoplePage", u"Named &people", None))
#if QT_CONFIG(accessibility)
        self.peopleTable.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Named people", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.peopleTable.setAccessibleDescription(QCoreApplication.translate("PeoplePage", u"Name, email and case number of each person you can identify. Press F2 to edit a cell.", None))
#endif // QT_CONFIG(accessibility)
        self.addPersonButton.setText(QCoreApplication.translate("PeoplePage", u"A&dd person", None))
        self.removePersonButton.setText(QCoreApplication.translate("PeoplePage", u"&Remove person", None))
#if QT_CONFIG(accessibility)
        self.peopleMatches.setAccessibleName(QCoreApplication.translate("PeoplePage", u"Earlier breaches involving these people", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
