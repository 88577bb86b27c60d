"""How a benchmark hands its figures to ``run_all.py``.

Every benchmark prints its figures for people as it always has, and also one machine-readable
line per budgeted figure through :func:`report`. ``run_all.py`` reads those lines, puts each
figure beside its budget, and divides it by a baseline measured in the same run on the same
machine (a bare PySide6 window, a plain Python loop, a plain SQLite query), so that a slower or
busier machine moves the figure and its baseline together and only a real regression moves the
ratio.
"""

from __future__ import annotations

import json
from typing import Literal

Baseline = Literal["qt", "python", "sqlite"]
"""What a figure is divided by: the start of a bare PySide6 window (start-up and window
figures), a plain Python loop (the method, documents, parsing), a plain SQLite query (register
queries, imports and tracking views on either engine)."""

PREFIX = "FIGURE "


def report(
    name: str,
    value: float,
    unit: Literal["s", "ms", "MB", "per s"],
    budget: float | None,
    *,
    baseline: Baseline,
    higher_is_better: bool = False,
) -> None:
    """One figure: ``value`` in ``unit`` against ``budget`` (the same unit; None when the
    figure is reported, not budgeted). Memory figures (MB) are compared with their budget but
    not with a baseline: memory does not scale with the machine's speed."""
    print(
        PREFIX
        + json.dumps(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "budget": budget,
                "baseline": baseline,
                "higher_is_better": higher_is_better,
            }
        ),
        flush=True,
    )
