"""The demo register: the founding case (Ombudsman 21 007 914) and a few others to look around.

It is a separate SQLite file beside the user's own register, filled once on first open.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

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


def seed_demo(register: Register) -> list[str]:
    """Fill an empty register with the demo cases (on the worker), whatever the user's role: a
    service manager looks around the demo too. Returns the references ([] when already full)."""
    return list(register.fill_empty(demo_facts()))
