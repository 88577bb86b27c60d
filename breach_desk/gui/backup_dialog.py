"""File ▸ Back up register…: a consistent copy of the whole register, made on the worker
(``store/backup``: SQLite's online backup API, or pg_dump for a team database)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from breach_desk.gui.commands import Commands
    from breach_desk.services.backup import BackupResult


class BackupAs:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str, postgres: bool) -> str | None:
        kinds = "pg_dump archives (*.dump)" if postgres else "Breach Desk registers (*.sqlite3)"
        path, _ = QFileDialog.getSaveFileName(parent, "Back up the register", suggested, kinds)
        return path or None


def back_up(c: Commands) -> None:
    """Ask where, then copy on the worker; say where it went, or the command to run."""
    from breach_desk.gui.dialogs import Notice
    from breach_desk.services.backup import back_up as copy_register

    info = c.backend.info
    if info is None:
        return
    postgres = info.engine_name == "postgresql"
    suggested = f"breach-register-{date.today().isoformat()}.{'dump' if postgres else 'sqlite3'}"
    path = BackupAs.ask(c.desk.parent_widget(), suggested, postgres)
    if not path:
        return

    def done(result: BackupResult) -> None:
        if result.path is None:
            Notice.tell(
                c.desk.parent_widget(),
                "Back up the register",
                "pg_dump is not installed on this computer. Ask IT to run, where it is:\n\n"
                + result.how,
            )
            return
        from breach_desk.gui.actions.saved import SavedNotice

        c.desk.say(f"Backed up to {result.path}", 8000)
        SavedNotice.show_saved(c.desk.parent_widget(), "Backed up", str(result.path))

    c.desk.say("Backing up the register…")
    # The file dialog has already asked before replacing a file.
    c.backend.call(
        lambda s: copy_register(s.register.url, path, overwrite=True),
        on_done=done,
        on_error=c._on_error,
        owner=c,
    )
