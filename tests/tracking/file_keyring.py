"""A keyring backend for the tests: the keyring library's own extension point, keeping its
secrets in the JSON file named by BREACH_DESK_TEST_KEYRING (this machine has no desktop keyring
service to talk to). Selected in a child process with PYTHON_KEYRING_BACKEND."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["BREACH_DESK_TEST_KEYRING"])

    def _all(self) -> dict[str, str]:
        path = self._path
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        found = self._all()
        found[f"{service}\n{username}"] = password
        self._path.write_text(json.dumps(found), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        found = self._all()
        found.pop(f"{service}\n{username}", None)
        self._path.write_text(json.dumps(found), encoding="utf-8")
