"""The demo register: the founding case (Ombudsman 21 007 914) and a few others to look around.

It is a separate SQLite file beside the user's own register, filled once on first open.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from breach_desk.domain.facts import Facts
    from breach_desk.services.register import Register

DEMO_FILE = "breach-desk-demo.sqlite3"


def demo_url(data_dir: str | Path | None = None) -> str:
    """Where the demo register lives: the data folder, beside the real one."""
    if data_dir is None:
        from platformdirs import user_data_dir

        data_dir = user_data_dir("breach-desk", appauthor=False)
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DEMO_FILE}"


def demo_facts() -> list[Facts]:
    from breach_desk.facts_io import facts_from_dict

    text = resources.files(__name__).joinpath("cases.json").read_text(encoding="utf-8")
    return [facts_from_dict(item) for item in json.loads(text)]


DEMO_TOLD: dict[str, dict[str, Any]] = {
    "Adoptive parents' names and address sent unredacted to the birth parents": {
        "ico": {
            "reported_at": "2024-06-14T16:40:00+01:00",
            "how": "phone",
            "ico_reference": "IC-40522-T8V1",
        },
        "follow_ups": [
            {
                "at": "2024-06-18T10:00:00+01:00",
                "text": "A safety plan for the family is agreed with the police and "
                "children's social care",
            }
        ],
        "people": [{"at": "2024-06-13T12:00:00+01:00", "how": "in_person", "count": 2}],
    },
    "Job-seekers' data including national insurance numbers attached to a mass email": {
        "ico": {
            "reported_at": "2024-04-08T11:00:00+01:00",
            "how": "online",
            "ico_reference": "IC-31877-Q2M4",
            "delay_reason": "The processor told us on 3 April but sent the list of the people "
            "affected only on 7 April",
        },
        "ico_responses": [
            {"at": "2024-05-20", "outcome": "advice", "text": "Review the processor contract"}
        ],
    },
}
"""Who was told in the demo, by the case's title (its reference depends on the year it was
filled): a report on time, one late with its reasons and the ICO's advice; the founding case
and the stolen notebook are still unreported, their clocks late."""


def seed_demo(register: Register) -> list[str]:
    """Fill an empty register with the demo cases (on the worker), whatever the user's role: a
    service manager looks around the demo too. Returns the references ([] when already full)."""
    from breach_desk.services.notifications import EXPORT_FORMAT, Notify

    cases = demo_facts()
    refs = list(register.fill_empty(cases))
    if refs:
        entries = [
            {"reference": ref} | DEMO_TOLD[facts.title]
            for facts, ref in zip(cases, refs, strict=True)
            if facts.title in DEMO_TOLD
        ]
        Notify(register).fill_demo({"format": EXPORT_FORMAT, "breaches": entries})
    return refs
