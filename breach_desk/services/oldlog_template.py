"""The breach-log template: the columns ``log import`` understands, and how to fill them in."""

from __future__ import annotations

from pathlib import Path

from breach_desk.services.oldlog_read import FIELDS, IGNORE
from breach_desk.store.exporting import table_csv

HOW_COLUMNS = (
    ("column", "Column"),
    ("field", "Field name (for --map)"),
    ("what", "What to write"),
    ("required", "Required"),
)


def template_columns() -> list[tuple[str, str]]:
    return [(f.name, f.label) for f in FIELDS]


def explanations() -> list[dict[str, str]]:
    rows = []
    for f in FIELDS:
        required = ""
        if f.name == "title":
            required = "This or 'What happened'"
        elif f.name == "aware_at":
            required = "This or 'When it happened'"
        rows.append({"column": f.label, "field": f.name, "what": f.help, "required": required})
    rows.append(
        {
            "column": "(any other column)",
            "field": IGNORE,
            "what": "Left out of the import. Your own columns can stay in the file.",
            "required": "",
        }
    )
    return rows


def write_template(path: str | Path) -> None:
    """An XLSX (the columns, then a sheet explaining each) or a CSV (the columns)."""
    target = Path(path)
    columns = template_columns()
    if target.suffix.lower() == ".csv":
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            table_csv(columns, [], out)
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Breach log"
    sheet.append([label for _key, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 22
    sheet.freeze_panes = "A2"
    how = book.create_sheet("How to fill it in")
    how.append([label for _key, label in HOW_COLUMNS])
    for cell in how[1]:
        cell.font = Font(bold=True)
    for row in explanations():
        how.append([row[key] for key, _label in HOW_COLUMNS])
        for cell in how[how.max_row]:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 34), ("B", 34), ("C", 80), ("D", 26)):
        how.column_dimensions[letter].width = width
    book.save(target)
