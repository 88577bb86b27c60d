"""Colours that keep their contrast in the system's light and dark palettes.

Colour only ever repeats what the words already say: a band is always written ("VERY HIGH"),
the ICO clock always says "18 h left" or "late by 2 d". Accents follow UI.md: green, amber with
dark text, orange, red.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True, slots=True)
class Accent:
    background: QColor
    text: QColor


_LIGHT = {
    "low": ("#d7ecd9", "#14532d"),
    "medium": ("#fde8a8", "#4a3500"),
    "high": ("#fbd0a6", "#5c2400"),
    "very_high": ("#c62828", "#ffffff"),
    "unlikely": ("#d7ecd9", "#14532d"),
    "risk": ("#fde8a8", "#4a3500"),
    "high_risk": ("#c62828", "#ffffff"),
    "neutral": ("#e4e7eb", "#1f2933"),
    "warn": ("#fde8a8", "#4a3500"),
    "late": ("#c62828", "#ffffff"),
    "ok": ("#d7ecd9", "#14532d"),
}

_DARK = {
    "low": ("#1e4d2b", "#d7f5dd"),
    "medium": ("#e0b341", "#1f1600"),
    "high": ("#e07b2c", "#1a0a00"),
    "very_high": ("#e5484d", "#ffffff"),
    "unlikely": ("#1e4d2b", "#d7f5dd"),
    "risk": ("#e0b341", "#1f1600"),
    "high_risk": ("#e5484d", "#ffffff"),
    "neutral": ("#3a3f45", "#e8eaed"),
    "warn": ("#e0b341", "#1f1600"),
    "late": ("#e5484d", "#ffffff"),
    "ok": ("#1e4d2b", "#d7f5dd"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def accent(kind: str, palette: QPalette | None = None) -> Accent:
    table = _DARK if is_dark(palette) else _LIGHT
    bg, fg = table.get(kind, table["neutral"])
    return Accent(QColor(bg), QColor(fg))


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: QColor, under: QColor, alpha: float) -> QColor:
    """``colour`` at ``alpha`` over ``under``, as it shows (opaque)."""
    return QColor.fromRgbF(
        colour.redF() * alpha + under.redF() * (1 - alpha),
        colour.greenF() * alpha + under.greenF() * (1 - alpha),
        colour.blueF() * alpha + under.blueF() * (1 - alpha),
    )


def readable(text: QColor, background: QColor, minimum: float = 4.5) -> QColor:
    """``text`` if it reads on ``background``; otherwise black or white, whichever reads."""
    if contrast(text, background) >= minimum:
        return text
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast(black, background) >= contrast(white, background) else white


def risk_kind(risk: str | None) -> str:
    return {"unlikely": "unlikely", "risk": "risk", "high": "high_risk"}.get(risk or "", "neutral")


def clock_kind(hours_left: float, reported: bool = False) -> str:
    """UI.md: neutral above 24 h, amber under 24 h, red when late."""
    if reported:
        return "ok"
    if hours_left < 0:
        return "late"
    if hours_left < 24:
        return "warn"
    return "neutral"


def badge_css(kind: str, palette: QPalette | None = None) -> str:
    a = accent(kind, palette)
    return (
        f"background-color: {a.background.name()}; color: {a.text.name()};"
        " border-radius: 3px; padding: 1px 6px; font-weight: 600;"
    )


def error_css(palette: QPalette | None = None) -> str:
    colour = "#ff8a80" if is_dark(palette) else "#b71c1c"
    return f"color: {colour};"
