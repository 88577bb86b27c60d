"""Reading an organisation's old breach log (an Excel workbook or a CSV file) into rows.

A log has columns Breach Desk has never seen ("Date reported", "Directorate/Service",
"Reported to ICO? (Y/N)"…). Each column is given a FIELD: a dotted path of the facts
(``subjects.people.name``), something only a log holds (``log.ico_reported``), or ``ignore``.
Suggestions come from header synonyms; values are read with synonyms (Y/Yes/✓, Red/Amber,
"Misdirected email"), UK dates in any common form, several names or emails in one cell.

Every problem names the row as the spreadsheet shows it, the column's header and the value.
A value the log does not hold stays unknown: nothing here fills a gap with a default.
Formulas are read as the values the spreadsheet saved with them, never evaluated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from breach_desk.domain.clock import LONDON
from breach_desk.domain.enums import Cause, DataCategory, DiscoveredHow
from breach_desk.services.xlsx_fast import FastBook
from breach_desk.store.normalise import fold

IGNORE = "ignore"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: str
    """text, date, count, cause, categories, names, emails, yesno, severity."""
    help: str
    synonyms: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field(
        "reference",
        "Log reference",
        "text",
        "The log's own reference for the breach. Re-importing the file recognises the row by it.",
        (
            "ref",
            "reference",
            "log ref",
            "incident ref",
            "incident no",
            "incident number",
            "breach ref",
            "breach no",
            "breach number",
            "id",
            "ref no",
            "case ref",
            "log no",
        ),
    ),
    Field(
        "title",
        "Title",
        "text",
        "A short title. Empty: the first line of the description is used.",
        ("title", "incident title", "breach title", "short description", "subject", "headline"),
    ),
    Field(
        "description",
        "What happened",
        "text",
        "What happened, in the log's words.",
        (
            "description",
            "summary of incident",
            "summary",
            "incident summary",
            "details",
            "what happened",
            "nature of incident",
            "incident description",
            "general description",
            "brief description",
            "description of incident",
            "description of breach",
        ),
    ),
    Field(
        "service",
        "Service",
        "text",
        "The service, directorate or team where it happened.",
        (
            "service",
            "directorate",
            "directorate service",
            "department",
            "team",
            "section",
            "service area",
            "business area",
            "directorate/service",
            "dept",
            "area",
        ),
    ),
    Field(
        "occurred_at",
        "When it happened",
        "date",
        "A date (15/03/2021, 15-Mar-21, 2021-03-15), a month (March 2021) or a year (2021).",
        (
            "date of incident",
            "date occurred",
            "incident date",
            "occurred",
            "date of breach",
            "when it happened",
            "date breach occurred",
            "occurred on",
        ),
    ),
    Field(
        "aware_at",
        "When the organisation became aware",
        "date",
        "When it was reported or discovered: a date, a month or a year, as for the above.",
        (
            "date reported",
            "date discovered",
            "reported",
            "date aware",
            "date logged",
            "date identified",
            "aware",
            "date became aware",
            "reported on",
            "date received",
            "date reported to ig",
            "date notified",
            "date",
        ),
    ),
    Field(
        "cause",
        "Cause",
        "cause",
        "Human error (misdirected email, post, lost or stolen), technical fault, "
        "malicious inside, malicious outside (cyber, hacking, phishing), or unknown.",
        (
            "cause",
            "type",
            "incident type",
            "breach type",
            "category of incident",
            "root cause",
            "nature",
            "type of breach",
            "type of incident",
            "incident category",
        ),
    ),
    Field(
        "data.categories",
        "Data involved",
        "categories",
        "The kinds of data, several separated by commas or semicolons: health, medical, "
        "mental health, safeguarding, social care, criminal, financial, bank, contact details…",
        (
            "data involved",
            "data type",
            "type of data",
            "data categories",
            "nature of data",
            "data affected",
            "personal data involved",
            "special category",
            "data",
        ),
    ),
    Field(
        "subjects.count",
        "Number of people affected",
        "count",
        "A whole number. Empty when the log did not count them: it then stays unknown.",
        (
            "no of individuals affected",
            "number of individuals affected",
            "individuals affected",
            "number affected",
            "no affected",
            "people affected",
            "data subjects affected",
            "number of data subjects",
            "no of data subjects",
            "volume",
            "how many",
        ),
    ),
    Field(
        "subjects.people.name",
        "Names of the people affected",
        "names",
        "Several names separated by semicolons or new lines.",
        (
            "data subject",
            "data subjects",
            "name of data subject",
            "person affected",
            "individual",
            "names",
            "service user",
            "client name",
            "subject name",
        ),
    ),
    Field(
        "subjects.people.email",
        "Emails of the people affected",
        "emails",
        "Several email addresses separated by semicolons, commas or new lines.",
        ("data subject email", "email of data subject", "subject email", "person email"),
    ),
    Field(
        "recipients.label",
        "Who received the data",
        "names",
        "The recipients, several separated by semicolons or new lines.",
        (
            "recipient",
            "recipients",
            "sent to",
            "disclosed to",
            "received by",
            "wrong recipient",
            "unintended recipient",
        ),
    ),
    Field(
        "recipients.email",
        "Emails of who received the data",
        "emails",
        "Several email addresses separated by semicolons, commas or new lines.",
        ("recipient email", "recipients email", "email sent to", "sent to email"),
    ),
    Field(
        "recipients.poses_risk_to_subject",
        "Recipient poses a risk to the person",
        "yesno",
        "Y or N: the log says the recipient poses a risk to the person (an abuser, say). "
        "A later breach to the same recipient then carries this risk forward.",
        (
            "recipient poses risk",
            "risk from recipient",
            "recipient a risk",
            "recipient poses a risk",
            "risk posed by recipient",
        ),
    ),
    Field(
        "recipients.risk_note",
        "Why the recipient poses a risk",
        "text",
        "Why the recipient poses a risk to the person.",
        ("risk note", "recipient risk note", "why a risk"),
    ),
    Field(
        "discovered_how",
        "How it was discovered",
        "discovered",
        "Reported by staff, told by the recipient, told by the person affected, a complaint, "
        "monitoring or audit, a third party, the police or the ICO, the media, or other.",
        (
            "how discovered",
            "how it was discovered",
            "how identified",
            "how was it discovered",
            "how detected",
            "discovered by",
            "how reported",
            "identified by",
        ),
    ),
    Field(
        "log.ico_reported",
        "Reported to the ICO",
        "yesno",
        "Y or N (Yes, No, True, False, ✓ and ✗ are read too). Empty: the log does not say.",
        (
            "reported to ico",
            "reported to ico y n",
            "ico reported",
            "ico notified",
            "notified to ico",
            "reportable to ico",
            "reported to the ico",
            "ico",
            "referred to ico",
        ),
    ),
    Field(
        "log.ico_reported_at",
        "When it was reported to the ICO",
        "date",
        "A date, as above.",
        (
            "date ico informed",
            "date reported to ico",
            "ico date",
            "date ico notified",
            "date of ico report",
            "date notified to ico",
        ),
    ),
    Field(
        "log.ico_reference",
        "The ICO's reference",
        "text",
        "The case reference the ICO gave.",
        ("ico reference", "ico ref", "ico case ref", "ico case reference", "ico case number"),
    ),
    Field(
        "log.people_told",
        "The people were told",
        "yesno",
        "Y or N, as above.",
        (
            "data subjects informed",
            "individuals informed",
            "subjects informed",
            "people informed",
            "data subject notified",
            "individuals notified",
            "data subjects notified",
            "informed data subject",
        ),
    ),
    Field(
        "log.people_told_at",
        "When the people were told",
        "date",
        "A date, as above.",
        (
            "date data subjects informed",
            "date individuals informed",
            "date subjects informed",
            "date people informed",
        ),
    ),
    Field(
        "log.risk",
        "The log's severity",
        "severity",
        "The log's own words, kept as recorded: Low, Medium, High, Very high, Green, Amber, "
        "Red, or a number 1 to 5.",
        (
            "rag",
            "rag severity",
            "severity",
            "risk",
            "risk rating",
            "rating",
            "rag rating",
            "risk level",
            "severity rating",
            "impact",
            "grade",
            "level",
            "rag status",
        ),
    ),
    Field(
        "log.closed_at",
        "When it was closed",
        "date",
        "A date, as above.",
        ("date closed", "closed", "closed on", "closure date", "date of closure"),
    ),
    Field(
        "log.actions",
        "Actions taken",
        "text",
        "What was done, kept as text.",
        (
            "actions taken",
            "action taken",
            "actions",
            "remedial action",
            "remedial actions",
            "containment",
            "steps taken",
            "outcome",
            "outcome closure",
            "notification steps",
        ),
    ),
    Field(
        "log.lessons",
        "Lessons learned",
        "text",
        "What was learned, kept as text.",
        (
            "lessons learned",
            "lessons learnt",
            "lessons",
            "learning",
            "recommendations",
            "lessons identified",
        ),
    ),
)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = (*BY_NAME, IGNORE)
MULTI = ("names", "emails")

YES = ("y", "yes", "true", "1", "✓", "✔", "x", "reported", "informed", "notified", "done")
NO = ("n", "no", "false", "0", "✗", "✘", "not reported", "not informed", "no action", "none")

SEVERITY: dict[str, str] = {
    "low": "low",
    "l": "low",
    "green": "low",
    "g": "low",
    "1": "low",
    "minor": "low",
    "negligible": "low",
    "2": "low",
    "medium": "medium",
    "med": "medium",
    "m": "medium",
    "amber": "medium",
    "a": "medium",
    "moderate": "medium",
    "3": "medium",
    "high": "high",
    "h": "high",
    "red": "high",
    "r": "high",
    "4": "high",
    "serious": "high",
    "major": "high",
    "very high": "very high",
    "critical": "very high",
    "severe": "very high",
    "5": "very high",
    "catastrophic": "very high",
}
"""The log's severity words and the level each stands for (the words are kept as recorded)."""

CAUSES: tuple[tuple[str, Cause], ...] = (
    ("cyber", Cause.MALICIOUS_EXTERNAL),
    ("hack", Cause.MALICIOUS_EXTERNAL),
    ("phish", Cause.MALICIOUS_EXTERNAL),
    ("ransomware", Cause.MALICIOUS_EXTERNAL),
    ("malware", Cause.MALICIOUS_EXTERNAL),
    ("external attack", Cause.MALICIOUS_EXTERNAL),
    ("theft", Cause.MALICIOUS_EXTERNAL),
    ("stolen", Cause.MALICIOUS_EXTERNAL),
    ("burglary", Cause.MALICIOUS_EXTERNAL),
    ("blagging", Cause.MALICIOUS_EXTERNAL),
    ("malicious external", Cause.MALICIOUS_EXTERNAL),
    ("malicious outside", Cause.MALICIOUS_EXTERNAL),
    ("insider", Cause.MALICIOUS_INTERNAL),
    ("malicious internal", Cause.MALICIOUS_INTERNAL),
    ("malicious inside", Cause.MALICIOUS_INTERNAL),
    ("deliberate", Cause.MALICIOUS_INTERNAL),
    ("unauthorised access", Cause.MALICIOUS_INTERNAL),
    ("snooping", Cause.MALICIOUS_INTERNAL),
    ("technical", Cause.TECHNICAL_FAULT),
    ("system", Cause.TECHNICAL_FAULT),
    ("software", Cause.TECHNICAL_FAULT),
    ("it fault", Cause.TECHNICAL_FAULT),
    ("misdirect", Cause.HUMAN_ERROR),
    ("wrong address", Cause.HUMAN_ERROR),
    ("wrong recipient", Cause.HUMAN_ERROR),
    ("human error", Cause.HUMAN_ERROR),
    ("lost", Cause.HUMAN_ERROR),
    ("loss", Cause.HUMAN_ERROR),
    ("disposal", Cause.HUMAN_ERROR),
    ("verbal", Cause.HUMAN_ERROR),
    ("disclosure", Cause.HUMAN_ERROR),
    ("email", Cause.HUMAN_ERROR),
    ("post", Cause.HUMAN_ERROR),
    ("unknown", Cause.UNKNOWN),
    ("not known", Cause.UNKNOWN),
)
"""Words in a log's cause column and the cause each means; the first that appears wins
("Lost/stolen" is theft: someone took it)."""
_STOLEN_FIRST = ("lost/stolen", "lost or stolen", "lost / stolen")

CATEGORIES: tuple[tuple[str, DataCategory], ...] = (
    ("mental health", DataCategory.MENTAL_HEALTH),
    ("health", DataCategory.HEALTH),
    ("medical", DataCategory.HEALTH),
    ("clinical", DataCategory.HEALTH),
    ("safeguarding", DataCategory.SOCIAL_CARE),
    ("social care", DataCategory.SOCIAL_CARE),
    ("care record", DataCategory.SOCIAL_CARE),
    ("criminal", DataCategory.CRIMINAL_OFFENCE),
    ("offence", DataCategory.CRIMINAL_OFFENCE),
    ("conviction", DataCategory.CRIMINAL_OFFENCE),
    ("financial", DataCategory.FINANCIAL),
    ("bank", DataCategory.FINANCIAL),
    ("benefit", DataCategory.FINANCIAL),
    ("payment card", DataCategory.PAYMENT_CARD),
    ("card", DataCategory.PAYMENT_CARD),
    ("contact", DataCategory.CONTACT_DETAILS),
    ("address", DataCategory.CONTACT_DETAILS),
    ("phone", DataCategory.CONTACT_DETAILS),
    ("email", DataCategory.CONTACT_DETAILS),
    ("name", DataCategory.BASIC_IDENTIFIERS),
    ("date of birth", DataCategory.BASIC_IDENTIFIERS),
    ("dob", DataCategory.BASIC_IDENTIFIERS),
    ("basic", DataCategory.BASIC_IDENTIFIERS),
    ("identif", DataCategory.BASIC_IDENTIFIERS),
    ("passport", DataCategory.IDENTIFICATION_DOCUMENTS),
    ("driving licence", DataCategory.IDENTIFICATION_DOCUMENTS),
    ("password", DataCategory.CREDENTIALS),
    ("login", DataCategory.CREDENTIALS),
    ("location", DataCategory.LOCATION),
    ("ethnic", DataCategory.RACIAL_OR_ETHNIC_ORIGIN),
    ("race", DataCategory.RACIAL_OR_ETHNIC_ORIGIN),
    ("religio", DataCategory.RELIGIOUS_BELIEFS),
    ("political", DataCategory.POLITICAL_OPINIONS),
    ("trade union", DataCategory.TRADE_UNION),
    ("sexual orientation", DataCategory.SEXUAL_ORIENTATION),
    ("sex life", DataCategory.SEXUAL_LIFE),
    ("sexual", DataCategory.SEXUAL_LIFE),
    ("genetic", DataCategory.GENETIC),
    ("biometric", DataCategory.BIOMETRIC),
    ("behaviour", DataCategory.BEHAVIOURAL),
    ("other", DataCategory.OTHER),
)

CATEGORY_WORDS = (
    "health, medical, mental health, safeguarding, social care, criminal, financial, bank, card, "
    "contact, address, name, passport, password, location, ethnic, religion, political, "
    "trade union, sexual, genetic, biometric, behaviour, other"
)

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}

HEADER_SCAN_ROWS = 20
MAX_CELL = 20_000
MAX_TITLE = 200
MAX_SHORT = 200


class LogFileError(Exception):
    """The file cannot be read as a breach log (one line for a person)."""


# --- values -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogDate:
    """A date in a log, at the precision it was written: a day (with perhaps a time), a month,
    a year."""

    year: int
    month: int | None = None
    day: int | None = None
    at: time | None = None

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return text if self.at is None else f"{text}T{self.at.strftime('%H:%M')}"

    def moment(self) -> datetime:
        """The first moment it can mean, London time, as UTC (for ordering the register)."""
        local = datetime.combine(
            date(self.year, self.month or 1, self.day or 1), self.at or time(0), LONDON
        )
        return local.astimezone(UTC)

    @classmethod
    def parse(cls, text: str) -> LogDate:
        y, _, rest = text.partition("-")
        if not rest:
            return cls(int(y))
        m, _, rest = rest.partition("-")
        if not rest:
            return cls(int(y), int(m))
        d, _, hm = rest.partition("T")
        at = time.fromisoformat(hm) if hm else None
        return cls(int(y), int(m), int(d), at)


class BadValue(ValueError):
    """A cell's value cannot be read; the message says why (without the value)."""


_EXCEL_EPOCH = date(1899, 12, 30)
_TIME = r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?)?$"
_D_M_Y = re.compile(r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})" + _TIME)
_Y_M_D = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + _TIME)
_D_MON_Y = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{4}|\d{2})" + _TIME
)
_MON_D_Y = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MON_Y = re.compile(r"^([a-z]+)\.?[\s\-/]+(\d{2}|\d{4})$")
_M_Y = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _day(y: int, m: int, d: int, hh: str | None = None, mm: str | None = None) -> LogDate:
    try:
        date(y, m, d)
    except ValueError:
        raise BadValue("is not a date that exists") from None
    at = None
    if hh is not None and mm is not None:
        try:
            at = time(int(hh), int(mm))
        except ValueError:
            raise BadValue("is not a time that exists") from None
    return LogDate(y, m, d, at)


def _from_serial(serial: float) -> LogDate:
    if not 1 <= serial < 2_958_466:
        raise BadValue("is not a date")
    moment = datetime.combine(_EXCEL_EPOCH, time(0)) + timedelta(days=serial)
    at = moment.time() if moment.time() != time(0) else None
    return LogDate(
        moment.year, moment.month, moment.day, at.replace(second=0, microsecond=0) if at else None
    )


def read_date(value: Any) -> LogDate | None:
    """A date as a UK log writes it; None for an empty cell. BadValue when it is not one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        at = value.time()
        return LogDate(
            value.year,
            value.month,
            value.day,
            at.replace(second=0, microsecond=0) if at != time(0) else None,
        )
    if isinstance(value, date):
        return LogDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise BadValue("is not a date")
    if isinstance(value, int | float):
        return _from_serial(float(value))
    text = " ".join(str(value).strip().lower().split())
    if not text:
        return None
    if found := _Y_M_D.match(text):
        return _day(int(found[1]), int(found[2]), int(found[3]), found[4], found[5])
    if found := _D_M_Y.match(text):
        return _day(_year(found[3]), int(found[2]), int(found[1]), found[4], found[5])
    if found := _D_MON_Y.match(text):
        month = MONTHS.get(found[2])
        if month is None:
            raise BadValue("is not a date")
        return _day(_year(found[3]), month, int(found[1]), found[4], found[5])
    if found := _MON_D_Y.match(text):
        month = MONTHS.get(found[1])
        if month is None:
            raise BadValue("is not a date")
        return _day(int(found[3]), month, int(found[2]))
    if found := _MON_Y.match(text):
        month = MONTHS.get(found[1])
        if month is None:
            raise BadValue("is not a date")
        return LogDate(_year(found[2]), month)
    if found := _M_Y.match(text):
        if not 1 <= int(found[1]) <= 12:
            raise BadValue("is not a month that exists")
        return LogDate(int(found[2]), int(found[1]))
    if found := _YEAR.match(text):
        return LogDate(int(found[1]))
    if _SERIAL.match(text):
        return _from_serial(float(text))
    raise BadValue("is not a date (write it as 15/03/2021, 15-Mar-21, March 2021 or 2021)")


def read_yes_no(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = " ".join(str(value).strip().lower().split()).rstrip(".")
    if not text:
        return None
    if text in YES or text.startswith("yes"):
        return True
    if text in NO or text.startswith("no ") or text.startswith("no,") or text.startswith("no -"):
        return False
    raise BadValue("is not yes or no (accepted: Y, Yes, True, ✓, N, No, False, ✗)")


def read_count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadValue("is not a number of people")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise BadValue("is not a whole number of people")
        number = int(value)
    else:
        text = str(value).strip().replace(",", "")
        if not text:
            return None
        if not text.isdigit():
            raise BadValue("is not a whole number of people (leave it empty when not known)")
        number = int(text)
    if number < 0 or number > 100_000_000:
        raise BadValue("is not a number of people")
    return number


def read_cause(value: Any) -> Cause | None:
    text = " ".join(str(value).strip().lower().split()) if value is not None else ""
    if not text:
        return None
    if any(s in text for s in _STOLEN_FIRST):
        return Cause.MALICIOUS_EXTERNAL
    for word in (c.value.replace("_", " ") for c in Cause):
        if text == word:
            return Cause(word.replace(" ", "_"))
    for word, cause in CAUSES:
        if word in text:
            return cause
    raise BadValue(
        "is not a cause Breach Desk knows (accepted: misdirected email or post, lost, "
        "lost/stolen, human error, technical fault, cyber, hacking, phishing, insider, unknown)"
    )


def _parts(value: Any, separators: str) -> list[str]:
    if value is None:
        return []
    text = str(value)
    return [p.strip() for p in re.split(f"[{separators}]", text) if p.strip()]


def read_categories(value: Any) -> tuple[DataCategory, ...]:
    found: list[DataCategory] = []
    for part in _parts(value, ";,\n/+&"):
        text = part.lower()
        if text == "and":
            continue
        hit = next((cat for word, cat in CATEGORIES if word in text), None)
        if hit is None:
            raise BadValue(
                f"names a kind of data Breach Desk does not know (accepted: {CATEGORY_WORDS})"
            )
        if hit not in found:
            found.append(hit)
    return tuple(found)


_EMAIL = re.compile(r"^[^@\s<>(),;]+@[^@\s<>(),;]+\.[^@\s<>(),;]+$")


def read_emails(value: Any) -> tuple[str, ...]:
    out: list[str] = []
    for part in _parts(value, ";,\n\\s"):
        candidate = part.strip("<>()[]'\"")
        if not _EMAIL.match(candidate):
            raise BadValue("holds something that is not an email address")
        if candidate not in out:
            out.append(candidate)
    return tuple(out)


def read_names(value: Any) -> tuple[str, ...]:
    out: list[str] = []
    for part in _parts(value, ";\n|"):
        text = " ".join(part.split())[:MAX_SHORT]
        if text and text not in out:
            out.append(text)
    return tuple(out)


def read_severity(value: Any) -> str | None:
    """The log's severity words, as recorded (checked against the words a log uses)."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    key = text.lower().rstrip(".")
    if isinstance(value, float) and value.is_integer():
        key = str(int(value))
        text = key
    first = re.split(r"[\s/\-–(]+", key)[0]
    if key in SEVERITY or first in SEVERITY:
        return text
    raise BadValue(
        "is not a severity a log uses (accepted: Low, Medium, High, Very high, "
        "Green, Amber, Red, 1 to 5)"
    )


def severity_level(recorded: str) -> str:
    key = recorded.lower().rstrip(".")
    return SEVERITY.get(key) or SEVERITY.get(re.split(r"[\s/\-–(]+", key)[0], "")


def read_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    if len(text) > MAX_CELL:
        raise BadValue(f"is longer than {MAX_CELL:,} characters")
    return text


DISCOVERED: tuple[tuple[str, DiscoveredHow], ...] = (
    ("complain", DiscoveredHow.COMPLAINT),
    ("recipient", DiscoveredHow.RECIPIENT_TOLD_US),
    ("wrong person", DiscoveredHow.RECIPIENT_TOLD_US),
    ("data subject", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("affected", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("service user", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("client", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("resident", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("member of the public", DiscoveredHow.AFFECTED_PERSON_TOLD_US),
    ("staff", DiscoveredHow.STAFF_REPORTED),
    ("employee", DiscoveredHow.STAFF_REPORTED),
    ("officer", DiscoveredHow.STAFF_REPORTED),
    ("self", DiscoveredHow.STAFF_REPORTED),
    ("internal", DiscoveredHow.STAFF_REPORTED),
    ("audit", DiscoveredHow.MONITORING_OR_AUDIT),
    ("monitor", DiscoveredHow.MONITORING_OR_AUDIT),
    ("alert", DiscoveredHow.MONITORING_OR_AUDIT),
    ("police", DiscoveredHow.POLICE_OR_ICO),
    ("ico", DiscoveredHow.POLICE_OR_ICO),
    ("media", DiscoveredHow.MEDIA),
    ("press", DiscoveredHow.MEDIA),
    ("social media", DiscoveredHow.MEDIA),
    ("third party", DiscoveredHow.THIRD_PARTY),
    ("partner", DiscoveredHow.THIRD_PARTY),
    ("supplier", DiscoveredHow.THIRD_PARTY),
    ("contractor", DiscoveredHow.THIRD_PARTY),
    ("other", DiscoveredHow.OTHER),
)


def read_discovered(value: Any) -> DiscoveredHow | None:
    text = " ".join(str(value).strip().lower().split()) if value is not None else ""
    if not text:
        return None
    for how in DiscoveredHow:
        if text in (how.value, how.value.replace("_", " ")):
            return how
    for word, how in DISCOVERED:
        if re.search(rf"\b{re.escape(word)}", text):
            return how
    raise BadValue(
        "is not a way of finding out Breach Desk knows (accepted: reported by staff, told by "
        "the recipient, told by the person affected, complaint, audit, third party, police or "
        "ICO, media, other)"
    )


NOT_KNOWN = (
    "n/a",
    "na",
    "n.a.",
    "not known",
    "unknown",
    "tbc",
    "tbd",
    "-",
    "--",
    "?",
    "none given",
)


def _not_known(value: Any) -> bool:
    return isinstance(value, str) and " ".join(value.lower().split()) in NOT_KNOWN


READERS: dict[str, Any] = {
    "text": read_text,
    "date": read_date,
    "count": read_count,
    "cause": read_cause,
    "categories": read_categories,
    "names": read_names,
    "emails": read_emails,
    "yesno": read_yes_no,
    "severity": read_severity,
    "discovered": read_discovered,
}


# --- problems -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None
    column: str | None
    value: str | None
    message: str
    kind: str
    """bad date, unknown value, not a number, bad email, required field empty, too long,
    already imported, repeated in the file, reference in use."""

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "the file"
        if self.column is not None:
            where += f', column "{self.column}"'
        shown = f' "{_shown(self.value)}"' if self.value is not None else ""
        return f"{where}:{shown} {self.message}" if shown else f"{where}: {self.message}"

    def beside_row(self) -> str:
        """The problem as the preview shows it beside its row (the row said already)."""
        where = f"{self.column}: " if self.column is not None else ""
        shown = f'"{_shown(self.value)}" ' if self.value is not None else ""
        return f"{where}{shown}{self.message}"


def _shown(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= 60 else text[:59] + "…"


_KIND_OF = {
    "date": "bad date",
    "count": "not a number",
    "emails": "bad email",
    "text": "too long",
}


# --- the file -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    field: str
    samples: tuple[str, ...]


@dataclass(slots=True)
class LogRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    """FIELD → the value read (dates as LogDate, lists as tuples); only what the row holds."""

    @property
    def reference(self) -> str | None:
        ref = self.values.get("reference")
        return ref if isinstance(ref, str) else None

    def key(self) -> str:
        """What recognises the row when the file is imported again: the log's reference,
        else a fingerprint of its date, service and description."""
        if self.reference:
            return "ref:" + (fold(self.reference) or self.reference)[:70]
        when = self.values.get("aware_at") or self.values.get("occurred_at")
        parts = [
            when.isoformat() if isinstance(when, LogDate) else "",
            fold(self.values.get("service")) or "",
            fold(self.values.get("description") or self.values.get("title")) or "",
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        return "fp:" + digest[:40]

    def register_reference(self) -> str:
        """The breach's reference in the register: the log's own, else one made from the
        fingerprint (the same every time the file is imported)."""
        if self.reference:
            return " ".join(self.reference.split())[:64]
        return "LOG-" + self.key()[3:13].upper()

    def title(self) -> str:
        title = self.values.get("title")
        if not title:
            description = str(self.values.get("description") or "")
            title = description.strip().splitlines()[0] if description.strip() else ""
        text = " ".join(str(title).split())
        return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"

    def aware_date(self) -> LogDate | None:
        found = self.values.get("aware_at") or self.values.get("occurred_at")
        return found if isinstance(found, LogDate) else None


@dataclass(slots=True)
class Preview:
    """A log read with a mapping: its columns, its rows, every problem beside its row."""

    path: str
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    columns: list[Column]
    rows: list[LogRow]
    problems: list[Problem]
    rows_read: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems

    def problems_by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.problems:
            out[p.kind] = out.get(p.kind, 0) + 1
        return out

    def mapping(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns}

    def problems_of(self, row: int) -> list[Problem]:
        return [p for p in self.problems if p.row == row]


def fold_header(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", (fold(text) or "").replace("no.", "no ")).split())


_SYNONYMS: dict[str, str] = {}
for _f in FIELDS:
    for _s in (*_f.synonyms, _f.name, _f.label):
        _SYNONYMS.setdefault(fold_header(_s), _f.name)


def suggest(header: str) -> str:
    """The FIELD a header most likely means, or ``ignore``."""
    key = fold_header(header)
    if not key:
        return IGNORE
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    # The longest synonym the header starts with or contains ("Date ICO informed (if any)").
    best, size = IGNORE, 0
    for synonym, name in _SYNONYMS.items():
        if (
            len(synonym) > size
            and len(synonym) >= 4
            and (key.startswith(synonym + " ") or f" {synonym} " in f" {key} ")
        ):
            best, size = name, len(synonym)
    return best


def sheet_names(path: str | Path) -> tuple[str, ...]:
    if not _is_xlsx(path):
        return ()
    book = _open_fast(path)
    try:
        return tuple(book.sheetnames)
    finally:
        book.close()


MAX_FILE_BYTES = 200 * 1024 * 1024
"""A breach log of 20,000 rows is a few megabytes; a file this large is not one."""


def _is_xlsx(path: str | Path) -> bool:
    try:
        if Path(path).is_dir():
            raise LogFileError("is a folder, not a file")
        if not Path(path).is_file() and Path(path).exists():
            raise LogFileError("is not a regular file")
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise LogFileError(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except FileNotFoundError:
        raise LogFileError("no such file") from None
    except IsADirectoryError:
        raise LogFileError("is a folder, not a file") from None
    except OSError as exc:
        raise LogFileError(f"cannot read it ({exc.strerror})") from None


def _open_fast(path: str | Path) -> Any:
    """The workbook read as a stream (``xlsx_fast``), else by openpyxl."""
    try:
        return FastBook(path)
    except Exception:  # a layout the stream reader does not know: openpyxl reads it
        return _open_book(path)


def _open_book(path: str | Path) -> Any:
    from openpyxl import load_workbook

    try:
        # data_only: a formula is read as the value the spreadsheet saved, never evaluated.
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LogFileError(f"cannot be read as an Excel workbook ({type(exc).__name__})") from None


def _rows(
    path: str | Path, sheet: str | None
) -> tuple[str | None, tuple[str, ...], Iterator[tuple[int, list[Any]]]]:
    """(sheet used, every sheet, (row number as shown, cell values) for each row)."""
    if _is_xlsx(path):
        book = _open_fast(path)
        names = tuple(book.sheetnames)
        if sheet is None:
            chosen = names[0]
        elif sheet in names:
            chosen = sheet
        else:
            book.close()
            raise LogFileError(f'has no sheet "{sheet}" (its sheets: {", ".join(names)})')

        def cells() -> Iterator[tuple[int, list[Any]]]:
            try:
                if isinstance(book, FastBook):
                    yield from book.rows(chosen)
                else:
                    for number, row in enumerate(book[chosen].iter_rows(values_only=True), 1):
                        yield number, list(row)
            except (ParseError, ValueError, KeyError, zipfile.BadZipFile):
                raise LogFileError("cannot be read as an Excel workbook (it is damaged)") from None
            finally:
                book.close()

        return chosen, names, cells()
    if sheet is not None:
        raise LogFileError("is a CSV file: it has no sheets (leave out --sheet)")
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise LogFileError("is not a readable CSV file (it holds NUL characters)")
    # The separator is the one the first lines use most (a cell's "Jane; Tom" must not
    # make semicolons the separator of a comma-separated file).
    head = text[:8192].splitlines()[:HEADER_SCAN_ROWS]
    counts = {sep: sum(line.count(sep) for line in head) for sep in (",", ";", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    declared = re.fullmatch(r'"?sep=(.)"?', head[0].strip()) if head else None
    if declared:  # Excel's "sep=;" line: it names the separator and is not a row
        delimiter = declared[1]
        text = text.split("\n", 1)[1] if "\n" in text else ""

    def lines() -> Iterator[tuple[int, list[Any]]]:
        reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
        try:
            for number, row in enumerate(reader, 1):
                yield number, list(row)
        except csv.Error as exc:
            raise LogFileError(f"is not a readable CSV file ({exc})") from None

    return None, (), lines()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime("%d/%m/%Y %H:%M")
            if value.time() != time(0)
            else value.strftime("%d/%m/%Y")
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_row(first: Sequence[tuple[int, list[Any]]]) -> int:
    """The row holding the headers: the first one with the most cells that mean a field
    (a merged title row above it names one field at most)."""
    best, score = first[0][0] if first else 1, -1
    for number, row in first:
        texts = [_cell_text(v) for v in row if _cell_text(v).strip()]
        hits = sum(1 for t in texts if suggest(t) != IGNORE)
        if len(texts) >= 2 and hits > score:
            best, score = number, hits
    return best


Mapping_ = Mapping[str, str]


def check_mapping(mapping: Mapping_) -> list[str]:
    """Problems with a mapping given by a person: unknown FIELD names."""
    return [
        f'"{header}={name}": {name} is not a field (the fields: {", ".join(FIELD_NAMES)})'
        for header, name in mapping.items()
        if name not in FIELD_NAMES
    ]


def read_log(
    path: str | Path,
    sheet: str | None = None,
    mapping: Mapping_ | None = None,
    samples: int = 3,
) -> Preview:
    """Read the whole log with ``mapping`` (header text → FIELD) over the suggestions."""
    chosen, names, rows = _rows(path, sheet)
    mapping = dict(mapping or {})
    bad = check_mapping(mapping)
    if bad:
        raise LogFileError(bad[0])
    head: list[tuple[int, list[Any]]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    if not head:
        raise LogFileError("is empty")
    header_at = _header_row(head)
    header_cells = next(r for n, r in head if n == header_at)
    headers = [" ".join(_cell_text(v).split()) for v in header_cells]
    unknown = [h for h in mapping if h not in headers]
    if unknown:
        raise LogFileError(
            f'has no column "{unknown[0]}" in its header row (row {header_at}: '
            f"{', '.join(h for h in headers if h)})"
        )
    columns: list[tuple[int, str, str]] = []
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    for index, header in enumerate(headers):
        if not header:
            continue
        name = mapping.get(header) or suggest(header)
        if name != IGNORE and name in taken and header not in mapping:
            name = IGNORE  # a second column suggesting the same field is left out
        if name != IGNORE and name in taken:
            problems.append(
                Problem(
                    header_at,
                    header,
                    None,
                    f'is mapped to {name}, as "{taken[name]}" is: map one of them to '
                    f"another field or to ignore",
                    "mapping",
                )
            )
        taken.setdefault(name, header)
        columns.append((index, header, name))
    out_rows: list[LogRow] = []
    sample_values: dict[int, list[str]] = {i: [] for i, _h, _n in columns}
    read = 0

    def body() -> Iterable[tuple[int, list[Any]]]:
        yield from (item for item in head if item[0] > header_at)
        yield from rows

    for number, cells in body():
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        read += 1
        log_row = LogRow(number)
        for index, header, name in columns:
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str) and not value.strip():
                value = None
            if value is not None and len(sample_values[index]) < samples:
                sample_values[index].append(_cell_text(value))
            if name == IGNORE or value is None:
                continue
            spec = BY_NAME[name]
            if spec.kind not in ("text", "cause", "names") and _not_known(value):
                continue  # "N/A", "unknown", "TBC": the log does not say, so it stays unknown
            try:
                parsed = READERS[spec.kind](value)
            except BadValue as exc:
                kind = _KIND_OF.get(spec.kind, "unknown value")
                problems.append(Problem(number, header, _cell_text(value), str(exc), kind))
                continue
            if parsed is None or parsed == ():
                continue
            log_row.values[name] = parsed
        failed = {p.column for p in problems[-len(columns) :] if p.row == number}
        _check_row(log_row, columns, problems, failed)
        out_rows.append(log_row)
    _check_repeats(out_rows, columns, problems)
    problems.sort(key=lambda p: p.row or 0)
    return Preview(
        path=str(path),
        sheet=chosen,
        sheets=names,
        header_row=header_at,
        columns=[Column(i, h, n, tuple(sample_values[i])) for i, h, n in columns],
        rows=out_rows,
        problems=problems,
        rows_read=read,
    )


def _header_of(columns: Sequence[tuple[int, str, str]], *names: str) -> str | None:
    for name in names:
        for _i, header, mapped in columns:
            if mapped == name:
                return header
    return None


def _check_row(
    row: LogRow,
    columns: Sequence[tuple[int, str, str]],
    out: list[Problem],
    failed: set[str | None],
) -> None:
    """A row's own checks; ``failed``: the columns whose values could not be read (no second
    problem for them)."""
    if not row.title() and not failed & {_header_of(columns, "title", "description")}:
        header = _header_of(columns, "title", "description")
        out.append(
            Problem(
                row.row,
                header,
                None,
                "is empty: a breach needs a title or a description"
                if header
                else "has no title or description (map a column to title or description)",
                "required field empty",
            )
        )
    if row.aware_date() is None and not failed & {
        _header_of(columns, "aware_at"),
        _header_of(columns, "occurred_at"),
    }:
        header = _header_of(columns, "aware_at", "occurred_at")
        out.append(
            Problem(
                row.row,
                header,
                None,
                "is empty: a breach needs the date it was reported or happened"
                if header
                else "has no date (map a column to aware_at or occurred_at)",
                "required field empty",
            )
        )
    ref = row.reference
    if ref is not None and len(" ".join(ref.split())) > 64:
        out.append(
            Problem(
                row.row,
                _header_of(columns, "reference"),
                ref,
                "is longer than 64 characters",
                "too long",
            )
        )


def _check_repeats(
    rows: Sequence[LogRow], columns: Sequence[tuple[int, str, str]], out: list[Problem]
) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.reference and (row.title() == "" or row.aware_date() is None):
            continue
        key = row.key()
        if key in seen:
            header = _header_of(columns, "reference") if row.reference else None
            same = "reference" if row.reference else "date, service and description"
            out.append(
                Problem(
                    row.row,
                    header,
                    row.reference,
                    f"repeats row {seen[key]} (the same {same})",
                    "repeated in the file",
                )
            )
        else:
            seen[key] = row.row


# --- what is stored -----------------------------------------------------------------------------


def record_of(row: LogRow) -> dict[str, Any]:
    """The row as the register keeps it: each FIELD the row holds, dates as ISO text."""
    out: dict[str, Any] = {}
    for name, value in row.values.items():
        if isinstance(value, LogDate):
            out[name] = value.isoformat()
        elif isinstance(value, tuple):
            out[name] = [v.value if hasattr(v, "value") else v for v in value]
        elif hasattr(value, "value"):
            out[name] = value.value
        else:
            out[name] = value
    return out
