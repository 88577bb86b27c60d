"""The date fields speak British English whatever the desktop's language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from breach_desk.gui.app import make_app


def test_a_date_field_shows_and_takes_english_month_names_on_a_welsh_desktop(
    qtbot: QtBot,
) -> None:
    # A Welsh desktop: Qt's default locale would name September "Medi" and refuse "Sep".
    QLocale.setDefault(QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom))
    make_app()
    field = QDateEdit()
    qtbot.addWidget(field)
    field.setDisplayFormat("d MMM yyyy")  # as the wizard's and the committee report's fields
    field.setDate(QDate(2026, 9, 30))
    assert field.text() == "30 Sep 2026"  # as the documents write it (Qt's en_GB: "Sept")
    field.lineEdit().setText("9 Sep 2026")  # typed as the documents write it
    field.interpretText()
    assert field.date() == QDate(2026, 9, 9)
    assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Monday
