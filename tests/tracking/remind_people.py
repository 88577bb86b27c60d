"""Running ``breach-desk`` as one of the test's people, on either engine, against the test mail
server."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from tracking_people import PgPeople, SqlitePeople, pg_url


def login(people: SqlitePeople | PgPeople, name: str) -> str:
    return people.login(name) if isinstance(people, PgPeople) else name


def url_for(people: SqlitePeople | PgPeople, name: str) -> str:
    if isinstance(people, PgPeople):
        return pg_url(people.schema, people.login(name))
    return people.url


def env_for(people: SqlitePeople | PgPeople, name: str, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BREACH_DESK_SMTP_")}
    env.pop("BREACH_DESK_DB", None)
    if isinstance(people, SqlitePeople):
        env.update(people.env(name))
    env.update(extra)
    return env


def cli_as(
    people: SqlitePeople | PgPeople,
    name: str,
    *args: str,
    mail: dict[str, str] | None = None,
    **kwargs: Any,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breach_desk", "--db", url_for(people, name), *args],
        env=env_for(people, name, mail or {}),
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def popen_as(
    people: SqlitePeople | PgPeople, name: str, *args: str, mail: dict[str, str]
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "breach_desk", "--db", url_for(people, name), *args],
        env=env_for(people, name, mail),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
