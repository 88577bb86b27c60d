"""Council-style breach logs written for the tests (made-up people, never real personal data).

Two councils keep their logs differently: Northshire in a workbook with a merged title row above
the headers, blank counts, Excel dates, typed dates and serial numbers, Y/N and RAG values,
several people in one cell, formulas, and a second sheet; Westborough in a CSV with other
headers, ISO and dotted dates, causes and kinds of data in words, recipients with emails.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

NORTHSHIRE_HEADERS = [
    "Incident No.",
    "Date reported",
    "Directorate/Service",
    "Summary of incident",
    "No. of individuals affected",
    "Reported to ICO? (Y/N)",
    "Date ICO informed",
    "Data subjects informed",
    "RAG / Severity",
    "Actions taken",
    "Lessons learned",
    "Data subject(s)",
    "Sent to",
    "Officer notes",
]

NORTHSHIRE_ROWS: list[list[Any]] = [
    [
        "NS-2021-004",
        datetime(2021, 3, 15, 10, 30),
        "Children's Services",
        "Child protection minutes emailed to the father's new partner",
        2,
        "Y",
        "17-Mar-21",
        "Yes",
        "Red",
        "Recall requested; apology sent",
        "Check recipients against the case file",
        "Mr Brian Hollis; Mrs Jean Hollis",
        "Carl Denton",
        "see file",
    ],
    [
        "NS-2021-011",
        "June 2021",
        "Adult Social Care",
        "Care plan posted to an old address",
        None,
        "N",
        None,
        "N",
        "Amber",
        None,
        None,
        "Ada Quinn",
        None,
        None,
    ],
    [
        "NS-2021-019",
        44470,  # an Excel serial number: 1 October 2021
        "Housing",
        "Tenancy file left on a bus",
        "=2+1",  # a formula the file holds with no saved value: read as empty
        "✓",
        "05/10/2021",
        None,
        3,
        "Reported to police",
        None,
        None,
        None,
        None,
    ],
    [
        "NS-2022-002",
        "2022",
        "Revenues & Benefits",
        "Benefit letter with another claimant's details",
        "1",
        "no",
        None,
        "yes",
        "Green",
        None,
        "Two-person check on batch letters",
        "Peter Yeo\nSandra Yeo",
        "Mr K Lamb",
        None,
    ],
]


def northshire_xlsx(folder: Path, rows: list[list[Any]] | None = None) -> Path:
    """The Northshire workbook: title row merged over the columns, a blank row, the headers on
    row 3, the log, and a second sheet of formulas."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Breach log"
    sheet.append(["Northshire County Council - data protection breach log 2021-22"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(NORTHSHIRE_HEADERS))
    sheet.append([])
    sheet.append(NORTHSHIRE_HEADERS)
    for row in NORTHSHIRE_ROWS if rows is None else rows:
        sheet.append(row)
    summary = book.create_sheet("Summary")
    summary.append(["Breaches", "=COUNTA('Breach log'!A4:A100)"])
    summary.append(["Reported to the ICO", "=COUNTIF('Breach log'!F4:F100,\"Y\")"])
    path = folder / "northshire-breach-log.xlsx"
    book.save(path)
    return path


WESTBOROUGH_HEADERS = [
    "Ref",
    "Date of breach",
    "Date breach reported",
    "Department",
    "Description",
    "Type",
    "Data involved",
    "Number affected",
    "ICO notified",
    "ICO ref",
    "Individuals informed",
    "Risk rating",
    "Outcome",
    "Recipient",
    "Recipient email",
    "Recipient poses a risk",
    "Data subject email",
]

WESTBOROUGH_ROWS: list[list[str]] = [
    [
        "WB/21/07",
        "2021-06-03",
        "03.06.2021",
        "Education",
        "SEN report emailed to the wrong parent",
        "Misdirected email",
        "health; safeguarding",
        "1",
        "N",
        "",
        "Y",
        "Medium",
        "Recalled and deleted",
        "Gary Platt",
        "gary.platt@example.net",
        "Y",
        "lucy.ford@example.org",
    ],
    [
        "WB/21/12",
        "",
        "3 September 2021",
        "Highways",
        '=HYPERLINK("http://example.invalid","Laptop stolen from car")',
        "Lost/stolen",
        "contact details",
        "",
        "Yes",
        "ICO/00012345",
        "No",
        "High",
        "Device wiped remotely",
        "",
        "",
        "",
        "",
    ],
    [
        "WB/22/01",
        "Jan 2022",
        "14/01/22",
        "Finance",
        "Phishing email led to mailbox access",
        "Cyber",
        "financial, criminal",
        "1,250",
        "TRUE",
        "ICO/00019999",
        "FALSE",
        "Very high",
        "Passwords reset",
        "",
        "",
        "",
        "a.one@example.org, b.two@example.org",
    ],
]


def westborough_csv(folder: Path, rows: list[list[str]] | None = None, name: str = "") -> Path:
    path = folder / (name or "westborough-breaches.csv")
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(WESTBOROUGH_HEADERS)
        writer.writerows(WESTBOROUGH_ROWS if rows is None else rows)
    return path


def two_sheet_xlsx(folder: Path) -> Path:
    """A log kept one sheet per year."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "2021"
    first.append(["Ref", "Date reported", "Service", "Summary of incident"])
    first.append(["Y21-1", "01/02/2021", "Libraries", "Borrower list emailed to all borrowers"])
    second = book.create_sheet("2022")
    second.append(["Ref", "Date reported", "Service", "Summary of incident", "Data subject"])
    second.append(["Y22-1", "02/02/2022", "Parking", "Permit sent to the wrong driver", "Ivy Nash"])
    second.append(["Y22-2", "09/02/2022", "Parking", "Fine details read out in public", ""])
    path = folder / "two-years.xlsx"
    book.save(path)
    return path


def westborough_row(values: dict[str, str]) -> list[str]:
    """A row of the Westborough log from the cells it fills, by heading (the rest left empty)."""
    unknown = set(values) - set(WESTBOROUGH_HEADERS)
    assert not unknown, f"not a Westborough heading: {unknown}"
    return [values.get(heading, "") for heading in WESTBOROUGH_HEADERS]
