"""Due dates for a calendar: one entry per open action, as an iCalendar file (RFC 5545).

Each entry's UID is the breach reference and the recommendation's code, so importing a newer
file updates the entries already there rather than adding copies. An entry carries what an
email may carry and no more: the breach reference, the recommendation's text, the due date and
the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event, Todo

from breach_desk.domain.clock import english
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.remind import HOW_TO_OPEN
from breach_desk.domain.workflow import ActionItem

PRODID = "-//Breach Desk//Recommendations//EN"
UID_DOMAIN = "breach-desk"


def uid(item: ActionItem) -> str:
    r = item.recommendation
    return f"{r.breach_reference}-{r.code}@{UID_DOMAIN}".lower()


def calendar(items: Sequence[ActionItem], at: datetime, *, todo: bool = False) -> bytes:
    """The .ics bytes: all-day events on each due date (``todo``: VTODOs with a DUE date)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Breach Desk actions")
    for item in items:
        r = item.recommendation
        entry = Todo() if todo else Event()
        entry.add("uid", uid(item))
        entry.add("dtstamp", at)
        entry.add("last-modified", r.history[-1].at if r.history else at)
        entry.add("summary", f"{r.breach_reference}: {r.text}")
        service = item.service
        lines = [f"Breach {r.breach_reference}", f"Due {english(r.due_date, '%d %b %Y')}"]
        if service:
            lines.append(f"Service: {service}")
        lines.append(HOW_TO_OPEN.format(ref=r.breach_reference))
        entry.add("description", "\n".join(lines))
        if service:
            entry.add("categories", [service])
        if todo:
            entry.add("due", r.due_date)
            status = (
                "IN-PROCESS" if r.status is RecommendationStatus.IN_PROGRESS else "NEEDS-ACTION"
            )
            entry.add("status", status)
        else:
            entry.add("dtstart", r.due_date)
            entry.add("dtend", r.due_date + timedelta(days=1))
            entry.add("transp", "TRANSPARENT")
        cal.add_component(entry)
    return bytes(cal.to_ical())
