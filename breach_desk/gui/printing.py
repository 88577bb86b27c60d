"""Reports as PDF (the assessment, the ICO report draft, the letter to the person): export,
preview (QtPdf) and print. Built on the worker.

ReportLab is imported only here, inside the worker call, so starting the app never pays for it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from breach_desk.files import write_private

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from breach_desk.domain.register import Breach
    from breach_desk.gui.backend import Backend
    from breach_desk.reports import ReportSettings
    from breach_desk.services.register import Register

NO_ORGANISATION = "(organisation not set)"


def report_settings(
    organisation: str, contact: str = "", marking: str | None = None
) -> ReportSettings:
    """On the worker: what every report prints besides the breach, dated now."""
    from breach_desk import reports
    from breach_desk.domain.clock import now

    return reports.ReportSettings(
        organisation=organisation or NO_ORGANISATION,
        generated_at=now(),
        contact=contact or None,
        **({"marking": marking} if marking else {}),
    )


def render_assessment_pdf(
    breach: Breach,
    organisation: str,
    marking: str | None = None,
    register: Register | None = None,
) -> bytes:
    """On the worker: the assessment report of a stored breach (with the audit position of
    the ``register`` it was read from in the footer)."""
    from breach_desk import reports
    from breach_desk.services.register import with_audit_position

    settings = report_settings(organisation, marking=marking)
    if register is not None:
        settings = with_audit_position(settings, [register])
    return bytes(reports.render_assessment(breach, settings))


def render_ico_pdf(
    breach: Breach, organisation: str, contact: str = "", delay_reason: str | None = None
) -> bytes:
    """On the worker: the draft of the ICO's breach report form."""
    from breach_desk import reports

    settings = report_settings(organisation, contact)
    return bytes(reports.render_ico_report(breach, settings, delay_reason=delay_reason))


def default_letter(breach: Breach, organisation: str, contact: str = "") -> str:
    """On the worker: the first draft of the letter to the person, for the officer to edit."""
    from breach_desk import reports

    return str(reports.default_letter_text(breach, report_settings(organisation, contact)))


def render_letter_pdf(breach: Breach, organisation: str, contact: str, text: str) -> bytes:
    """On the worker: the letter exactly as the officer edited it."""
    from breach_desk import reports

    settings = report_settings(organisation, contact)
    return bytes(reports.render_letter(breach, settings, text=text))


def ico_report_late(breach: Breach, at: datetime) -> bool:
    """Is the ICO report due and past its 72 hours, and not yet made (or made late with no
    reasons recorded)? Then the draft asks for the reasons for the delay, Art. 33(1). The one
    ICO clock decides (``domain/notification``)."""
    from breach_desk.domain.notification import ClockState

    clock = breach.clock(at)
    return clock.state is ClockState.LATE or (
        clock.state is ClockState.REPORTED_LATE and clock.accent == "late"
    )


def stored_delay_reason(breach: Breach) -> str | None:
    """The reasons for the late ICO report the officer gave when finalising, if any (the newest
    version that has them)."""
    for version in reversed(breach.versions):
        if version.ico_delay_reason:
            return str(version.ico_delay_reason)
    return None


def write_file(path: str, data: bytes) -> str:
    """On the worker: a PDF holds personal data, so it is written readable by its owner only
    (0600), whole or not at all (a half-written PDF is never left behind)."""
    write_private(path, data)
    return str(Path(path))


class SaveAs:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, f"Save {suggested}", suggested, "PDF documents (*.pdf)"
        )
        return path or None


class PrintDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


Runner = Callable[[Callable[[], str]], object]
"""Runs the printing off the window (``Backend.call``), and says where it went."""


def on_worker(backend: Backend, parent: QWidget) -> Runner:
    """A runner for ``print_pdf``: the printing on the worker, a failure said over ``parent``."""

    def failed(exc: BaseException) -> None:
        from breach_desk.gui.backend import describe_error
        from breach_desk.gui.dialogs import Notice

        Notice.tell(parent, "Not printed", describe_error(exc))

    def run(work: Callable[[], str]) -> object:
        return backend.call(lambda _s: work(), on_error=failed, owner=parent)

    return run


@dataclass(frozen=True)
class PrintJob:
    """Where a PDF goes once the print dialog closed: plain values, safe to hand to the worker.

    ``file``: the dialog's Print to File; the PDF itself is written there, exactly as Export
    writes it (vector, 0600), never a rasterised copy. ``printer``: a printer by name, given the
    PDF itself through the system's printing (CUPS ``lp``) where there is one."""

    title: str
    file: str = ""
    printer: str = ""
    copies: int = 1


def print_pdf(
    parent: QWidget | None,
    data: bytes,
    title: str,
    run: Runner | None = None,
) -> bool:
    """Print a PDF on a printer (or to a file) the person chooses. The dialog closes at once;
    the printing is done by ``run`` (on the worker; here and now when None)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setDocName(title)
    if not PrintDialog.ask(parent, printer):
        return False
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    job = PrintJob(
        title=title,
        file=printer.outputFileName() if to_file else "",
        printer="" if to_file else printer.printerName(),
        copies=max(1, printer.copyCount()),
    )

    def work() -> str:
        return send_to_printer(job, data, None if job.file or _system_printing() else printer)

    if run is None:
        work()
    else:
        run(work)
    return True


def _system_printing() -> str | None:
    return shutil.which("lp")


def send_to_printer(job: PrintJob, data: bytes, printer: QPrinter | None = None) -> str:
    """On the worker: the PDF to a file (0600, byte for byte what Export writes), to the
    system's printing, or (no system printing) drawn on ``printer`` page by page."""
    if job.file:
        return write_file(job.file, data)
    lp = _system_printing()
    if lp is not None and printer is None:
        command = [lp, "-n", str(job.copies), "-t", job.title]
        if job.printer:
            command += ["-d", job.printer]
        subprocess.run([*command, "-"], input=data, check=True, capture_output=True)
        return job.printer or "the default printer"
    if printer is None:
        raise RuntimeError("No printing is set up on this computer.")
    _draw(printer, data)
    return job.printer or "the printer"


def _draw(printer: QPrinter, data: bytes) -> None:
    """Each page at 300 dots per inch: a printer without the system's PDF printing."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    printer.setResolution(300)
    document, _buffer = _document(data)
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            size = (
                document.pagePointSize(page)
                .toSize()
                .scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            painter.drawImage(QRect(target.topLeft(), size), document.render(page, size))
    finally:
        painter.end()


def _document(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


class PreviewDialog(QDialog):
    """The PDF as it will print, with Save and Print."""

    def __init__(
        self,
        parent: QWidget | None,
        data: bytes,
        title: str,
        suggested: str,
        run: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtPdfWidgets import QPdfView

        self._run = run
        self.setWindowTitle(f"Preview: {title}")
        self._data = data
        self._title = title
        self._suggested = suggested
        self.document, self._buffer = _document(data)
        self.document.setParent(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Report preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = QPushButton("&Save as PDF…")
        printing = QPushButton("&Print…")
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(printing, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        save.clicked.connect(self._save)
        printing.clicked.connect(self._print)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(QSize(em * 130, self.fontMetrics().height() * 52))

    @property
    def data(self) -> bytes:
        """The PDF shown: what Save writes and Print prints."""
        return self._data

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _save(self) -> None:
        path = SaveAs.ask(self, self._suggested)
        if path:
            write_file(path, self._data)

    def _print(self) -> None:
        print_pdf(self, self._data, self._title, self._run)
