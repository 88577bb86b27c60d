"""Benchmark bringing an old breach log in, against its budgets (issue 22).

    .venv/bin/python bench/bench_oldlog.py              # 20,000 rows, XLSX and CSV, SQLite
    .venv/bin/python bench/bench_oldlog.py --n 2000     # a quick run

Writes a council-style log of N rows (made-up people; UK dates in mixed forms, blank counts,
RAG words, several people in some cells) as an XLSX workbook and as a CSV file, then times
what a person waits for: the preview (read, map, check every row against the register), the
import (all or nothing, through the real path: audit chain, matching index), and matching a
new breach against a register holding the whole log. Each format runs in its own process, so
the peak memory is that run's. Prints each figure beside its budget; exits 1 when one is over.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

BUDGETS = {"preview": 10.0, "import": 60.0, "repeat matching": 0.020, "peak memory": 500.0}
UNITS = {"preview": "s", "import": "s", "repeat matching": "ms", "peak memory": "MB"}

HEADERS = [
    "Incident No.", "Date reported", "Directorate/Service", "Summary of incident",
    "No. of individuals affected", "Reported to ICO? (Y/N)", "Date ICO informed",
    "Data subjects informed", "RAG / Severity", "Actions taken", "Lessons learned",
    "Data subject(s)", "Sent to",
]  # fmt: skip
FIRST = ["Ann", "Bob", "Chloé", "David", "Eilidh", "Fatima", "George", "Hannah", "Imran", "Jade"]
LAST = ["Ashford", "Bradley", "Carrick", "Dunmore", "Ellwood", "Fairley", "Glenn", "Hartwell"]
SERVICES = ["Children's Services", "Adult Social Care", "Housing", "Revenues and Benefits",
            "Education", "Planning", "Libraries", "Highways"]  # fmt: skip
WHAT = ["Letter", "Email", "Case file", "Payslip", "Spreadsheet", "Report", "Referral"]
HOW = ["sent to the wrong address", "emailed to the wrong recipient", "left on a train",
       "shared in a group email", "lost in the post", "given to a family member"]  # fmt: skip
RAG = ["Red", "Amber", "Green", "3", "High", "Low"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randrange(2000)}"


def rows(n: int, seed: int = 22) -> list[list[Any]]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    out = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(3650))
        style = i % 4
        when = (
            day.strftime("%d/%m/%Y") if style == 0 else
            day.strftime("%d-%b-%y") if style == 1 else
            day.strftime("%B %Y") if style == 2 else
            day.isoformat()
        )  # fmt: skip
        people = "; ".join(person(rng) for _ in range(rng.choice([0, 1, 1, 2, 3])))
        out.append([
            f"OLD-{i + 1:06d}", when, rng.choice(SERVICES),
            f"{rng.choice(WHAT)} {rng.choice(HOW)} (case {i})",
            rng.choice(["", "1", "2", "15", ""]), rng.choice(["Y", "N", "N", "Yes", ""]),
            day.strftime("%d/%m/%Y") if i % 9 == 0 else "", rng.choice(["Y", "N", ""]),
            rng.choice(RAG), "Apologised; recalled" if i % 3 else "", "", people,
            person(rng) if i % 2 else "",
        ])  # fmt: skip
    return out


def write_files(folder: Path, n: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    data = rows(n)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Breach log")
    sheet.append(["Westshire Council - breach log"])
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    xlsx = folder / "log.xlsx"
    book.save(xlsx)
    csv_path = folder / "log.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows(data)
    return xlsx, csv_path


def run(path: Path, folder: Path) -> dict[str, float]:
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.services.oldlog import OldLog
    from breach_desk.services.register import Register

    results: dict[str, float] = {}
    with Register.open(f"sqlite:///{folder / (path.suffix[1:] + '.sqlite3')}") as reg:
        log = OldLog(reg)
        began = time.perf_counter()
        preview = log.read(path)
        log.check(preview)
        results["preview"] = time.perf_counter() - began
        assert not preview.problems, [str(p) for p in preview.problems[:5]]
        began = time.perf_counter()
        outcome = log.import_log(preview)
        results["import"] = time.perf_counter() - began
        print(f"  {path.suffix[1:]}: imported {len(outcome.added):,} rows", flush=True)
        someone = preview.rows[len(preview.rows) // 2].values.get("subjects.people.name") or (
            "Ann Ashford1",
        )
        new = facts_from_dict(
            {
                "format": "breach-desk/facts/1",
                "title": "A new breach",
                "aware_at": "2026-03-01T09:00:00",
                "subjects": {"count": 1, "people": [{"name": someone[0]}]},
                "data": {"categories": ["contact_details"]},
                "loss": {"confidentiality": "known_recipients"},
                "recipients": [{"label": "Hannah Glenn7", "kind": "member_of_public"}],
            }
        )
        times = []
        for _ in range(30):
            began = time.perf_counter()
            found = reg.find_matches(new)
            times.append(time.perf_counter() - began)
        assert found, "the new breach's person is in the log: it must be found"
        results["repeat matching"] = statistics.median(times)
    results["peak memory"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


BASELINES = {"preview": "python", "import": "sqlite", "repeat matching": "sqlite"}


def report(label: str, results: dict[str, float]) -> bool:
    from figures import report as figure

    ok = True
    print(f"{label}:")
    for name, budget in BUDGETS.items():
        value, unit = results[name], UNITS[name]
        shown, limit = (value * 1000, budget * 1000) if unit == "ms" else (value, budget)
        figure(
            f"{label.split(',')[0]}: {name}",
            shown,
            unit,  # type: ignore[arg-type]
            limit,
            baseline=BASELINES.get(name, "python"),  # type: ignore[arg-type]
        )
        verdict = "ok" if value <= budget else "OVER BUDGET"
        ok &= value <= budget
        print(f"  {name:<16} {shown:>9.1f} {unit:<3} (budget {limit:g} {unit})  {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="rows in the log")
    parser.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        results = run(Path(args.child), Path(args.folder))
        print("RESULTS " + json.dumps(results), flush=True)
        return 0
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        files = write_files(folder, args.n)
        print(f"wrote a log of {args.n:,} rows as XLSX and CSV in "
              f"{time.perf_counter() - began:.1f} s", flush=True)  # fmt: skip
        for path in files:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=False,
            )
            found = None
            for line in proc.stdout.splitlines():
                if line.startswith("RESULTS "):
                    found = json.loads(line.removeprefix("RESULTS "))
                else:
                    print(line)
            if proc.returncode != 0 or found is None:
                from figures import failed

                failed(path.suffix[1:], proc.returncode, proc.stderr)
                ok = False
                continue
            ok &= report(f"{path.suffix[1:].upper()}, {args.n:,} rows (SQLite)", found)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
