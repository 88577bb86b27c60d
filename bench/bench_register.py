"""Benchmark the breach register at scale, on SQLite and PostgreSQL, against its budgets.

    .venv/bin/python bench/bench_register.py                     # 100,000 breaches, SQLite
    .venv/bin/python bench/bench_register.py --engine postgresql # needs BREACH_DESK_TEST_PG
    .venv/bin/python bench/bench_register.py --engine both --n 5000   # a quick run

Generates N breaches (JSON lines, facts v1) whose assessments propose about five
recommendations each, imports them through the real import path (validation, references,
repeat matching, assessment, audit chain), then times what a user waits for. Prints each
figure next to its budget and exits 1 when one is over. Each engine runs in its own process,
so the peak memory is that engine's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

BUDGETS = {
    "import": 60.0,
    "first page": 0.100,
    "sorted page": 0.100,
    "search": 0.200,
    "repeat matching": 0.020,
    "peak memory": 500.0,
}
UNITS: dict[str, Literal["s", "ms", "MB"]] = {"import": "s", "peak memory": "MB"}

# fmt: off
FIRST = ["Ann", "Bob", "Chloé", "David", "Eilidh", "Fatima", "George", "Hannah", "Imran", "Jade",
         "Kofi", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rhys", "Siobhán", "Tomasz",
         "Una", "Victor", "Wei", "Yusuf", "Zoë"]
ROOTS = ["Ash", "Brad", "Carr", "Dun", "El", "Fair", "Glen", "Hart", "Ing", "Kirk", "Lang", "Mar",
         "Nor", "Pen", "Rad", "Stan", "Thorn", "Wes", "Whit", "York", "O'Ne", "Mc"]
ENDS = ["ford", "ley", "ton", "wood", "by", "field", "ham", "well", "more", "wick", "dale",
        "bridge", "ill", "son"]
SERVICES = ["Children's Services", "Adult Social Care", "Housing", "Revenues and Benefits",
            "Payroll", "Education", "Planning", "Libraries", "Waste", "Legal", "HR",
            "Licensing", "Public Health", "Customer Services", "Highways", "Parking"]
WHAT = ["Letter", "Email", "Case file", "Payslip", "Spreadsheet", "Report", "Invoice",
        "Assessment", "Referral", "Minutes", "Photo", "Laptop", "Memory stick", "Form"]
HOW = ["sent to the wrong address", "emailed to the wrong recipient", "left on a train",
       "posted on the website", "shared in a group email (CC not BCC)", "lost in the post",
       "given to a family member", "accessed without a business need", "stolen from a car",
       "disclosed over the phone", "attached to the wrong case"]
COMMON = ["basic_identifiers"] * 5 + ["contact_details"] * 5 + [
    "location", "financial", "behavioural", "identification_documents"]
SPECIAL = ["health", "mental_health", "social_care", "criminal_offence"]
TOWNS = ["Ashford", "Bexley", "Crawley", "Dover", "Epsom", "Fareham", "Gosport", "Hove",
         "Ilford", "Leeds", "Margate", "Newbury", "Oxford", "Poole", "Reading", "Slough",
         "Truro", "Wells", "Yeovil", "Bath"]
ORGS = ["Housing Association", "Academy", "GP Surgery", "Police", "Care Home", "Solicitors",
        "Foster Agency", "Credit Union", "Advice Centre", "NHS Trust"]
STREETS = ["High St", "Station Rd", "Church Lane", "Mill Rd", "Park Ave", "Queen St",
           "King St", "London Rd", "Victoria Rd", "Green Lane"]
# fmt: on


def fake_person(rng: random.Random) -> dict[str, str]:
    first = rng.choice(FIRST)
    last = rng.choice(ROOTS) + rng.choice(ENDS)
    p = {"name": f"{first} {chr(65 + rng.randrange(26))}. {last}"}
    if rng.random() < 0.6:
        p["email"] = f"{first}.{last}{rng.randrange(10_000)}@example.org".lower()
    if rng.random() < 0.5:
        p["identifier"] = f"C{rng.randrange(1_000_000):07d}"
    return p


_FREQUENT = [fake_person(random.Random(i)) for i in range(2000)]
"""People who turn up in more than one breach (about 8% of people): the repeats to find."""


def fake_facts(rng: random.Random, n: int) -> dict[str, Any]:
    day = rng.randrange(0, 5 * 365)
    aware = time.strftime(
        "%Y-%m-%dT%H:%M:00", time.gmtime(1577865600 + day * 86400 + rng.randrange(8, 18) * 3600)
    )
    people = [
        rng.choice(_FREQUENT) if rng.random() < 0.08 else fake_person(rng)
        for _ in range(rng.choice((0, 1, 1, 1, 1, 2)))
    ]
    confidentiality = rng.choice(
        ("known_recipients",) * 10 + ("unknown_recipients", "exposed_no_evidence_of_access", "none")
    )
    recipients = []
    if confidentiality in ("known_recipients", "unknown_recipients"):
        for _ in range(rng.choice((1, 1, 1, 2))):
            kind = rng.choice(
                ("internal_staff",) * 6
                + ("trusted_professional",) * 4
                + ("member_of_public",) * 3
                + ("partner_organisation",) * 2
                + ("unknown",)
            )
            if kind in ("partner_organisation", "trusted_professional", "internal_staff"):
                where = (
                    rng.choice(SERVICES)
                    if kind == "internal_staff"
                    else (f"{rng.choice(TOWNS)} {rng.choice(ORGS)}")
                )
                label = f"{fake_person(rng)['name']}, {where}"
            else:
                label = (
                    f"Resident at {rng.randrange(1, 400)} {rng.choice(STREETS)}, "
                    f"{rng.choice(TOWNS)}"
                )
            r: dict[str, Any] = {"kind": kind, "label": label}
            if rng.random() < 0.2:
                r["email"] = f"office{rng.randrange(20_000)}@partner.example"
            if rng.random() < 0.75:
                r["deletion_confirmed"] = True
            if rng.random() < 0.02:
                r["poses_risk_to_subject"] = True
            recipients.append(r)
    categories = [rng.choice(COMMON) for _ in range(rng.choice((1, 1, 2)))]
    if rng.random() < 0.1:
        categories.append(rng.choice(SPECIAL))
    title = f"{rng.choice(WHAT)} {rng.choice(HOW)}"
    facts: dict[str, Any] = {
        "format": "breach-desk/facts/1",
        "title": title,
        "description": f"{title}. Reported by the {rng.choice(SERVICES)} team; record {n}.",
        "service": rng.choice(SERVICES),
        "aware_at": aware,
        "cause": rng.choice(
            ("human_error",) * 12
            + ("technical_fault",) * 3
            + ("malicious_external", "malicious_internal", "unknown", "unknown")
        ),
        "subjects": {
            "count": rng.choice((1,) * 8 + (2, 5, 12, 150, 2000)),
            "vulnerable": rng.random() < 0.05,
        },
        "data": {"categories": sorted(set(categories))},
        "loss": {"confidentiality": confidentiality},
    }
    if people:
        facts["subjects"]["people"] = people
    if recipients:
        facts["recipients"] = recipients
    if confidentiality == "none" or rng.random() < 0.05:
        facts["loss"]["availability"] = "temporary"
    return facts


def generate(path: Path, n: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(fake_facts(rng, i), ensure_ascii=False))
            out.write("\n")


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    fn()  # warm the caches, as a user's second look at the screen does
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run_one(url: str, n: int, workdir: Path) -> dict[str, float]:
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.services.register import Register

    data = workdir / "breaches.jsonl"
    start = time.perf_counter()
    generate(data, n)
    print(
        f"  generated {n:,} breaches in {time.perf_counter() - start:.1f} s "
        f"({data.stat().st_size / 1e6:.0f} MB of JSON lines)",
        flush=True,
    )
    results: dict[str, float] = {}
    with Register.open(url) as reg:
        start = time.perf_counter()
        with TotalMemory() as together:
            refs = reg.import_file(data)
        results["import"] = time.perf_counter() - start
        print(
            f"  peak memory of the importer and its helpers together: {together.peak:.0f} MB",
            flush=True,
        )
        with reg.store.unit() as uow:
            from sqlalchemy import text

            recs = uow.session.execute(text("SELECT count(*) FROM recommendations")).scalar_one()
            repeats = uow.session.execute(
                text("SELECT count(*) FROM breaches WHERE is_repeat")
            ).scalar_one()
        print(
            f"  imported {len(refs):,} breaches, {recs:,} recommendations, "
            f"{repeats:,} marked as repeats",
            flush=True,
        )
        # Complaints about one breach in 40, one in three of them acknowledged: the register's
        # Complaint column sorts by the clock of those still waiting.
        day = "date(aware_at)" if reg.engine_name == "sqlite" else "CAST(aware_at AS date)"
        with reg.store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO complaints (breach_id, received_on, from_whom, how, summary,"
                    " acknowledged_on, recorded_by, recorded_at)"
                    f" SELECT id, {day}, 'A resident', 'letter', 'About it',"
                    f" CASE WHEN id % 3 = 0 THEN {day} END, 'bench', aware_at"
                    " FROM breaches WHERE id % 40 = 0"
                )
            )
        if reg.engine_name == "postgresql":
            with reg.store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))

        def first_page() -> None:
            reg.list_breaches(limit=100)
            reg.count_breaches()

        results["first page"] = timed(first_page)
        # Sorted by the columns that are not plain fields of a breach, each way (the slowest).
        sorted_times = {}
        for sort in ("ico_deadline", "overdue", "complaint"):
            for descending in (True, False):

                def sorted_page(sort: str = sort, descending: bool = descending) -> None:
                    reg.list_breaches(sort=sort, descending=descending, limit=100)
                    reg.count_breaches()

                sorted_times[f"{sort} {'desc' if descending else 'asc'}"] = timed(sorted_page)
        results["sorted page"] = max(sorted_times.values())
        print(
            "  sorted first pages: "
            + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in sorted_times.items()),
            flush=True,
        )
        # Not a budget: a year on, every recommendation overdue (nothing was ever done).
        before = os.environ.get("BREACH_DESK_NOW")
        os.environ["BREACH_DESK_NOW"] = "2028-01-01T12:00:00+00:00"
        worst = {}
        for d in (True, False):

            def late_page(d: bool = d) -> None:
                reg.list_breaches(sort="overdue", descending=d, limit=100)

            worst[f"overdue {'desc' if d else 'asc'}"] = timed(late_page, repeat=3)
        if before is None:
            del os.environ["BREACH_DESK_NOW"]
        else:
            os.environ["BREACH_DESK_NOW"] = before
        print(
            "  a year on, every recommendation overdue: "
            + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in worst.items()),
            flush=True,
        )
        words = ["payslip", "siobhan", "children's", "o'nefield", "c0042170", "station rd"]
        search_times = []
        for word in words:

            def search(word: str = word) -> None:
                reg.list_breaches(search=word, limit=100)
                reg.count_breaches(search=word)

            search_times.append(timed(search, repeat=3))
        results["search"] = max(search_times)
        # A new breach about someone already in the register (one of the people who turn up
        # more than once), sent to a new recipient: what the wizard asks before finalising.
        rng = random.Random(7)
        raw = fake_facts(rng, 10**9)
        raw["subjects"]["people"] = [_FREQUENT[3], fake_person(rng)]
        probe = facts_from_dict(raw)
        found = reg.find_matches(probe)
        results["repeat matching"] = timed(lambda: reg.find_matches(probe), repeat=21)
        print(f"  matching a new breach found {len(found)} earlier breaches", flush=True)
        start = time.perf_counter()
        report = reg.verify_audit()
        print(
            f"  audit verify: {report.entries:,} entries, ok={report.ok}, "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )
    results["peak memory"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


class TotalMemory:
    """Peak resident memory of this process and its import helpers together (Linux /proc),
    sampled twice a second. ru_maxrss of the helpers is useless here: each is counted with
    the importer's pages it shared for a moment while starting."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TotalMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.5):
            try:
                with open(f"/proc/{me}/task/{me}/children") as fh:
                    children = [int(p) for p in fh.read().split()]
            except OSError:
                return
            total = self._rss_kb(me) + sum(self._rss_kb(c) for c in children)
            self.peak = max(self.peak, total / 1024)


def report(engine: str, results: dict[str, float]) -> bool:
    from figures import report as figure

    ok = True
    print(f"{engine}:")
    for name, budget in BUDGETS.items():
        value = results[name]
        unit = UNITS.get(name, "ms")
        shown, limit = (value * 1000, budget * 1000) if unit == "ms" else (value, budget)
        figure(
            f"{engine}: {name}",
            shown,
            unit,
            limit,
            baseline="sqlite",
        )
        verdict = "ok" if value <= budget else "OVER BUDGET"
        ok &= value <= budget
        print(f"  {name:<16} {shown:>9.1f} {unit:<3} (budget {limit:g} {unit})  {verdict}")
    return ok


def child(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-register-") as tmp:
        work = Path(tmp)
        schema = None
        if args.engine == "sqlite":
            url = f"sqlite:///{work / 'register.sqlite3'}"
        else:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            base = args.pg or os.environ.get("BREACH_DESK_TEST_PG")
            if not base:
                print("set BREACH_DESK_TEST_PG or give --pg URL", file=sys.stderr)
                return 2
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(base, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            url = (
                make_url(base)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
        try:
            print(f"{args.engine}: {args.n:,} breaches", flush=True)
            results = run_one(url, args.n, work)
        finally:
            from bench_tracking import forget_witnesses

            forget_witnesses(url)  # a register thrown away: its witness with it
            if schema is not None:
                with admin.connect() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
    print("RESULTS " + json.dumps(results), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="breaches (default 100,000)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL (default BREACH_DESK_TEST_PG)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    from figures import each_engine

    pg = ["--pg", args.pg] if args.pg else []
    return each_engine(__file__, engines, ["--n", str(args.n), *pg], report)


if __name__ == "__main__":
    sys.exit(main())
