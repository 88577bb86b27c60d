"""The date fields speak British English whatever the desktop's language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from breach_desk.gui.app import make_app


def test_a_date_field_shows_and_takes_english_month_names_on_a_welsh_desktop(
    qtbot: QtBot,
) -> None:
    # A Welsh desktop: Qt's default locale would name March "Maw" and refuse "Mar".
    QLocale.setDefault(QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom))
    make_app()
    field = QDateEdit()
    qtbot.addWidget(field)
    field.setDisplayFormat("d MMM yyyy")  # as the wizard's and the committee report's fields
    field.setDate(QDate(2026, 3, 5))
    assert field.text() == "5 Mar 2026"
    field.lineEdit().setText("9 Apr 2026")  # typed as an officer writes it
    field.interpretText()
    assert field.date() == QDate(2026, 4, 9)
    assert QLocale().name() == "en_GB"
