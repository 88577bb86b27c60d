"""The dashboard: the register at a glance for the IG team and the SIRO.

Every chart has its numbers written beside it: a chart repeats the words, it never replaces
them. Double-click a breach in a list to open it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from breach_desk.domain import vocabulary
from breach_desk.gui import style
from breach_desk.gui.actions import bridge
from breach_desk.gui.dashboard.models import BreachLinesModel, ClocksModel, ReferenceRole
from breach_desk.gui.views import ViewContext
from breach_desk.gui.widgets.badges import BadgeDelegate

if TYPE_CHECKING:
    from breach_desk.services.tracking import Dashboard

RISKS = (
    ("high", "High risk", "high_risk"),
    ("risk", "Risk", "risk"),
    ("unlikely", "Unlikely", "unlikely"),
    ("not assessed", "Not assessed", "neutral"),
)
TIMELINESS = (
    ("on_time", "Done on time, verified", "ok"),
    ("late", "Done late, verified", "warn"),
    ("awaiting", "Done, not yet verified", "neutral"),
    ("not_done", "Overdue, not done", "late"),
)


CLOCKS_TITLE = "ICO clocks: reportable breaches not yet reported"
REPEATS_TITLE = "Repeat breaches"


def _listed(title: str, shown: int, total: int, which: str) -> str:
    """A list's title, saying when it shows only the first lines: '…(the soonest 100 of 4,536)'."""
    if total <= shown:
        return f"{title} ({total:,})"
    return f"{title} (the {which} {shown:,} of {total:,})"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setBackgroundVisible(False)
    return chart


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumHeight(view.fontMetrics().height() * 14)
    return view


class DashboardView(QWidget):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.context = context
        self.backend = context.backend
        self.board: Dashboard | None = None
        self.tables: list[QTableView] = []
        self.headline = QLabel("Reading the register…")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Summary")
        self.risk_chart, self.overdue_chart, self.time_chart = (
            _chart("Open breaches by risk"),
            _chart("Overdue recommendations by service"),
            _chart("Recommendations due so far"),
        )
        self.time_chart.legend().setVisible(True)
        self.time_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.risk_words, self.overdue_words, self.time_words = QLabel(), QLabel(), QLabel()
        self.clocks = ClocksModel(self)
        self.repeats = BreachLinesModel(self)
        self.chart_views: dict[str, QChartView] = {}
        self.empty_words: dict[str, QLabel] = {}
        """What a chart with nothing to show says instead of an empty frame."""
        grid = QGridLayout()
        for col, (key, chart, words, name) in enumerate(
            (
                ("risk", self.risk_chart, self.risk_words, "Open breaches by risk"),
                ("overdue", self.overdue_chart, self.overdue_words, "Overdue by service"),
                ("timeliness", self.time_chart, self.time_words, "Recommendations done on time"),
            )
        ):
            words.setWordWrap(True)
            words.setAccessibleName(name)
            view = _view(chart, name)
            empty = QLabel(vocabulary.NOTHING_TO_CHART[key])
            empty.setWordWrap(True)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setAccessibleName(f"{name}: nothing to chart")
            empty.setMinimumHeight(view.minimumHeight())
            empty.setVisible(False)
            self.chart_views[key], self.empty_words[key] = view, empty
            grid.addWidget(view, 0, col)
            grid.addWidget(empty, 0, col)
            grid.addWidget(words, 1, col)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addWidget(self.headline)
        lay.addLayout(grid)
        self.clocks_box = self._table_box(CLOCKS_TITLE, self.clocks)
        self.repeats_box = self._table_box(REPEATS_TITLE, self.repeats)
        lay.addWidget(self.clocks_box)
        lay.addWidget(self.repeats_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _table_box(self, title: str, model: QAbstractItemModel) -> QGroupBox:
        box = QGroupBox(title)
        table = QTableView()
        self.tables.append(table)
        table.setModel(model)
        table.setItemDelegate(BadgeDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName(title)
        table.setMinimumHeight(table.fontMetrics().height() * 8)
        table.doubleClicked.connect(self._open)
        QVBoxLayout(box).addWidget(table)
        return box

    def _open(self, index: QModelIndex) -> None:
        reference = index.data(ReferenceRole)
        if reference:
            self.context.open_breach(str(reference))

    def refresh(self) -> None:
        if self.backend.is_open:
            self.backend.call(bridge.load_dashboard, on_done=self._loaded, owner=self)

    def _loaded(self, board: Dashboard) -> None:
        self.board = board
        self.clocks.set_rows(board.ico_clocks, board.at)
        self.repeats.set_rows(board.repeats, board.at)
        clocks = max(board.ico_clocks_total, len(board.ico_clocks))
        repeats = max(board.repeats_total, len(board.repeats))
        self.clocks_box.setTitle(_listed(CLOCKS_TITLE, len(board.ico_clocks), clocks, "soonest"))
        self.repeats_box.setTitle(_listed(REPEATS_TITLE, len(board.repeats), repeats, "newest"))
        for table in self.tables:  # every column as wide as what it says; the title the rest
            for column in range(table.model().columnCount()):
                if column != 1:
                    table.resizeColumnToContents(column)
                    pad = table.fontMetrics().averageCharWidth() * 3  # room for a badge's box
                    table.setColumnWidth(column, table.columnWidth(column) + pad)
        self._risk(board)
        self._overdue(board)
        self._timeliness(board)
        t = board.timeliness
        share = f"{t.share:.0%}" if t.share is not None else "no recommendation due yet"
        overdue = sum(n for _s, n in board.overdue_by_service)
        self.headline.setText(
            f"{vocabulary.count_of(board.open_breaches, 'open breach', 'open breaches')}; "
            f"{vocabulary.count_of(clocks, 'ICO clock')} running; "
            f"{vocabulary.count_of(overdue, 'recommendation')} overdue; "
            f"{vocabulary.count_of(repeats, 'repeat breach', 'repeat breaches')}. "
            f"Done on time and verified: {share}."
        )

    def _empty(self, key: str, empty: bool) -> None:
        self.chart_views[key].setVisible(not empty)
        self.empty_words[key].setVisible(empty)

    def _bars(self, chart: QChart, rows: list[tuple[str, int, str]]) -> None:
        """Horizontal bars, one colour per row (its accent), the count written on each."""
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QHorizontalStackedBarSeries()
        labels = [label for label, _n, _c in rows] or ["—"]
        for row, (label, count, colour) in enumerate(rows):
            bars = QBarSet(label)
            bars.append([float(count) if r == row else 0.0 for r in range(len(rows))])
            bars.setColor(QColor(style.accent(colour).background))
            bars.setLabelColor(QColor(style.accent(colour).text))
            series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        categories, counts = QBarCategoryAxis(), QValueAxis()
        categories.append(labels)
        top, step = round_ticks(max([n for _l, n, _c in rows] + [1]))
        counts.setRange(0, top)
        counts.setLabelFormat("%d")
        counts.setTickCount(top // step + 1)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(counts)

    def _risk(self, board: Dashboard) -> None:
        shown = [
            (label, board.open_by_risk.get(key, 0), colour)
            for key, label, colour in RISKS
            if board.open_by_risk.get(key, 0) or key != "not assessed"
        ]
        self._bars(self.risk_chart, shown[::-1])
        self._empty("risk", not any(n for _l, n, _c in shown))
        self.risk_words.setText(", ".join(f"{label}: {n:,}" for label, n, _c in shown))

    def _overdue(self, board: Dashboard) -> None:
        rows = [(name, n, "late") for name, n in board.overdue_by_service[:10]]
        self._bars(self.overdue_chart, rows[::-1])
        self._empty("overdue", not rows)
        self.overdue_words.setText(
            "; ".join(f"{s}: {n:,}" for s, n in board.overdue_by_service) or "Nothing overdue."
        )

    def _timeliness(self, board: Dashboard) -> None:
        self.time_chart.removeAllSeries()
        pie = QPieSeries()
        t = board.timeliness
        for key, label, colour in TIMELINESS:
            count = getattr(t, key)
            if count:
                part = pie.append(f"{label}: {count:,}", count)
                part.setColor(QColor(style.accent(colour).background))
        self.time_chart.addSeries(pie)
        self._empty("timeliness", not t.total)
        if t.total:
            self.time_words.setText(
                f"{t.on_time:,} of {t.total:,} recommendations due so far were done by their due "
                f"date and verified ({t.share:.0%}); {t.late:,} late, {t.awaiting:,} waiting to "
                f"be verified, {t.not_done:,} overdue."
            )
        else:
            self.time_words.setText("No recommendation is due yet.")


def round_ticks(largest: int) -> tuple[int, int]:
    """The axis's end and step for counts up to ``largest``: round numbers (1, 2 or 5 times a
    power of ten), at most five steps: 2,249 gives 0, 500, 1,000 … 2,500, never 749 / 1,499."""
    largest = max(1, largest)
    power = 1
    while True:
        for base in (1, 2, 5):
            step = base * power
            if -(-largest // step) <= 5:
                return -(-largest // step) * step, step
        power *= 10
