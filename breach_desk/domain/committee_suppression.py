"""Small numbers hidden across the whole committee report ("secondary suppression").

A count from 1 to 4 in a breakdown is shown as 'fewer than 5'. That alone is not enough when
the report also prints totals, other breakdowns of the same breaches and the comparison period:
a hidden count could be worked out by subtraction (the total less the other rows; a severity
band less the other cells of its column in the matrix; the recommendations made in a service
less those open, done and so on). So some other counts are left out too ('not shown') until no
hidden count can be worked out from what is printed.

Here the report is a set of cells (``Grid``): every count the report prints, each under a key,
with the sums that tie them together (``Sum``: a total is the sum of its parts), and what a
reader knows of a hidden one. ``suppress`` chooses what to hide; ``bounds`` works out, as a
reader could, the least and greatest value each cell can have from what is printed, so that a
test can check that every hidden count still has more than one possible value.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from breach_desk.domain.committee import SMALL

UNBOUNDED = 10**15
"""No upper bound known: a count left out may be any size."""
PASSES = 500
"""At most this many passes over the sums when working out bounds (they settle in a few)."""
TRIES = 6
"""At most this many cells are tried, smallest first, to find one whose leaving out protects a
hidden count; failing that the smallest is left out and the search goes on."""


class Hide(Enum):
    FEWER = "fewer"
    """1 to SMALL - 1: a reader knows it is one of those."""
    LEFT_OUT = "left out"
    """Left out so that a hidden count cannot be worked out: a reader knows nothing of it."""


@dataclass(frozen=True, slots=True)
class Sum:
    """``total`` is the sum of ``parts``, and a reader knows it."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """The counts of a report and how they add up."""

    values: Mapping[Hashable, int]
    """Every cell, printed or not, with its true value."""
    sums: Sequence[Sum]
    printed: frozenset[Hashable]
    """Cells the report prints; the others stand only in sums (a reader does not see them)."""
    small: frozenset[Hashable] = frozenset()
    """Printed counts of a breakdown: shown as 'fewer than 5' when from 1 to SMALL - 1."""
    keep: frozenset[Hashable] = frozenset()
    """Printed cells left out only when nothing else protects a hidden count (the totals)."""
    known: frozenset[Hashable] = frozenset()
    """Cells a reader always knows, never left out (how many rows a list has)."""
    least: Mapping[Hashable, int] = field(default_factory=dict)
    """What a reader knows a cell to be at least, beyond 0 (a group listed only from 2)."""
    order: Sequence[Hashable] = ()
    """The cells in the report's order: among equals, the first is left out first."""


Bounds = dict[Hashable, tuple[int, int]]


class _Net:
    """A grid's sums by cell number, made once for the many times bounds are worked out."""

    def __init__(self, grid: Grid) -> None:
        self.keys = list(grid.values)
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.sums = [
            (self.index[s.total], [self.index[p] for p in s.parts]) for s in grid.sums if s.parts
        ]
        self.touching: list[list[int]] = [[] for _ in self.keys]
        for n, (t, parts) in enumerate(self.sums):
            for c in (t, *parts):
                self.touching[c].append(n)
        self.floor = [grid.least.get(k, 0) for k in self.keys]
        self.lo = [
            grid.values[k] if k in grid.printed else self.floor[i] for i, k in enumerate(self.keys)
        ]
        self.hi = [grid.values[k] if k in grid.printed else UNBOUNDED for k in self.keys]

    def bounds(self, hidden: Mapping[Hashable, Hide]) -> tuple[list[int], list[int]]:
        lo, hi = list(self.lo), list(self.hi)
        for k, how in hidden.items():
            i = self.index[k]
            if how is Hide.FEWER:
                lo[i], hi[i] = max(1, self.floor[i]), SMALL - 1
            else:
                lo[i], hi[i] = self.floor[i], UNBOUNDED
        sums, touching = self.sums, self.touching
        queue = list(range(len(sums)))
        waiting = set(queue)
        steps, limit = 0, PASSES * max(1, len(sums))
        while queue and steps < limit:
            steps += 1
            n = queue.pop()
            waiting.discard(n)
            t, parts = sums[n]
            low_sum = sum(lo[p] for p in parts)
            high_sum = sum(hi[p] for p in parts)
            changed: list[int] = []
            new_lo, new_hi = max(lo[t], low_sum), min(hi[t], high_sum)
            if new_lo != lo[t] or new_hi != hi[t]:
                lo[t], hi[t] = new_lo, new_hi
                changed.append(t)
            t_lo, t_hi = lo[t], hi[t]
            for p in parts:
                p_lo = max(lo[p], t_lo - (high_sum - hi[p]))
                p_hi = min(hi[p], t_hi - (low_sum - lo[p]))
                if p_lo != lo[p] or p_hi != hi[p]:
                    low_sum += p_lo - lo[p]
                    high_sum += p_hi - hi[p]
                    lo[p], hi[p] = p_lo, p_hi
                    changed.append(p)
            for c in changed:
                for m in touching[c]:
                    if m not in waiting:
                        waiting.add(m)
                        queue.append(m)
        return lo, hi

    def subtracted(self, hidden: Mapping[Hashable, Hide]) -> set[Hashable]:
        """The counts shown as 'fewer than 5' that plain subtraction gives away: a sum with
        one cell not printed is that cell, again and again."""
        known = [i for i, k in enumerate(self.keys) if self.lo[i] == self.hi[i]]
        unknown = set(range(len(self.keys))) - set(known)
        unknown |= {self.index[k] for k in hidden}
        changed = True
        while changed:
            changed = False
            for t, parts in self.sums:
                missing = [c for c in (t, *parts) if c in unknown]
                if len(missing) == 1:
                    unknown.discard(missing[0])
                    changed = True
        return {
            k for k, how in hidden.items() if how is Hide.FEWER and self.index[k] not in unknown
        }

    def exposed(self, hidden: Mapping[Hashable, Hide]) -> list[Hashable]:
        lo, hi = self.bounds(hidden)
        return [
            k
            for k, how in hidden.items()
            if how is Hide.FEWER and lo[self.index[k]] == hi[self.index[k]]
        ]


def bounds(grid: Grid, hidden: Mapping[Hashable, Hide]) -> Bounds:
    """The least and greatest value of each cell that a reader can work out from the printed
    cells and the sums (subtracting, adding, and the bounds of the hidden ones)."""
    net = _Net(grid)
    lo, hi = net.bounds(hidden)
    return {k: (lo[i], min(hi[i], UNBOUNDED)) for i, k in enumerate(net.keys)}


def exposed(grid: Grid, hidden: Mapping[Hashable, Hide]) -> list[Hashable]:
    """The counts shown as 'fewer than 5' whose value a reader can still work out."""
    return _Net(grid).exposed(hidden)


def suppress(grid: Grid) -> dict[Hashable, Hide]:
    """What to hide: each printed count of a breakdown from 1 to SMALL - 1 ('fewer than 5'),
    and as few other counts as this search finds ('not shown', smallest first, totals last)
    so that none of the hidden ones can be worked out. A hidden count that could be worked out
    even with every printed cell left out (a total of 4 split into four rows of 1) stays shown
    as 'fewer than 5': nothing printed can protect it."""
    rank = {k: i for i, k in enumerate(grid.order)}
    hidden: dict[Hashable, Hide] = {
        k: Hide.FEWER
        for k in grid.small
        if k in grid.printed and 0 < grid.values[k] < SMALL and k not in grid.keep
    }
    hopeless: set[Hashable] = set()
    net = _Net(grid)
    while True:
        open_ = [k for k in net.exposed(hidden) if k not in hopeless]
        if not open_:
            return _tidy(net, hidden, grid, rank)
        key = min(open_, key=lambda k: rank.get(k, len(rank)))
        chosen = _complement(grid, net, hidden, key, rank)
        if chosen is None:
            hopeless.add(key)
        else:
            hidden[chosen] = Hide.LEFT_OUT


def _complement(
    grid: Grid,
    net: _Net,
    hidden: Mapping[Hashable, Hide],
    key: Hashable,
    rank: Mapping[Hashable, int],
) -> Hashable | None:
    """A printed cell to leave out for ``key``: from the sums nearest it first (its own, then
    the sums those touch), the one whose leaving out protects it, else the smallest."""
    for keep_too in (False, True):
        seen_sums: set[int] = set()
        frontier: set[Hashable] = {key}
        reached: set[Hashable] = {key}
        while frontier:
            level = sorted({n for c in frontier for n in net.touching[net.index[c]]} - seen_sums)
            if not level:
                break
            seen_sums.update(level)
            cells: list[Hashable] = []
            for i in level:
                total, parts = net.sums[i]
                for c in (net.keys[total], *(net.keys[p] for p in parts)):
                    if c not in reached:
                        reached.add(c)
                        cells.append(c)
            candidates = sorted(
                (
                    c
                    for c in cells
                    if c in grid.printed
                    and c not in hidden
                    and c not in grid.known
                    and (keep_too or c not in grid.keep)
                ),
                key=lambda c: (grid.values[c] == 0, grid.values[c], rank.get(c, len(rank))),
            )
            for c in candidates[:TRIES]:
                if key not in net.exposed({**hidden, c: Hide.LEFT_OUT}):
                    return c
            if candidates:
                return candidates[0]
            frontier = set(cells)
    return None


def _tidy(
    net: _Net, hidden: dict[Hashable, Hide], grid: Grid, rank: Mapping[Hashable, int]
) -> dict[Hashable, Hide]:
    """Show again each count left out that protects nothing (the search left out more than
    it needed to): the totals first, then the largest."""
    exposed_now = set(net.exposed(hidden))
    subtracted_now = net.subtracted(hidden)
    left_out = sorted(
        (k for k, how in hidden.items() if how is Hide.LEFT_OUT),
        key=lambda k: (k not in grid.keep, -grid.values[k], rank.get(k, len(rank))),
    )
    for key in left_out:
        trial = {k: how for k, how in hidden.items() if k != key}
        # Where nothing protects a count against a reader's bounds (``hopeless``), a total
        # left out still keeps it from plain subtraction: that is not undone either.
        if set(net.exposed(trial)) <= exposed_now and net.subtracted(trial) <= subtracted_now:
            hidden = trial
    return hidden
