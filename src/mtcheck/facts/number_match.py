"""Pair the quantities of a source with those of a translation, by value, nearest position first.

Why a separate step: the three number rules (format, value, extra) are three views of one pairing, so the
pairing is computed once per version. Quantities are multisets of values: the same value may occur
several times and each occurrence needs its own counterpart. Among equal values the pair closest in
relative position wins (paragraph counts may differ, so positions are fractions of the text), and a pair
of the same kind (percent, currency, plain) beats a cross-kind one. A value repeated more than ``NEAREST``
times in the target (a table of counts) is paired among the ``NEAREST`` copies nearest each source one.

Passes, each on what the previous left over:
1. the target's own-locale reading of a well-formed number equals a source value: a match;
2. the value a reader gets from separators that are not the locale's equals a source value: a minor
   format error (French "80.000" for 80 000);
3. the target's other-convention reading equals a source value: a format error, major when the locale
   reading gives another value (English "80.000" reads as 80);
4. a source quantity still unpaired is missing or wrong; an unpaired target quantity within about one
   paragraph is taken as its wrong rendering, cheapest pairs first over all candidates (reportable
   source quantities before small or optional ones, so these cannot steal a real one's counterpart);
5. target quantities still unpaired are additions.
Small integers (0-10) and optional quantities (years in a target, numbers written as words) only take
part when they pair up: they are never reported on their own.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mtcheck.facts.numbers import REL_TOL, Quantity, close
from mtcheck.model import Text
from mtcheck.text.matching import by_nearness, nearest

NEAREST = 64  # of the target quantities of one value, a source quantity is paired among this many nearest
KIND_PENALTY = 0.5  # a cross-kind pair must be half a text closer to beat a same-kind pair
OPTIONAL_PENALTY = 0.25  # prefer a real number over a word or a bare year


@dataclass(frozen=True)
class FormatIssue:
    """A target number that stands for a source quantity but is written the wrong way for its locale."""

    source: Quantity
    target: Quantity
    intended: float  # the value the writer meant, scale included
    changes_value: bool  # a reader of the locale gets another value


@dataclass
class NumberComparison:
    """The pairing of one source with one target."""

    matched: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    misformatted: list[FormatIssue] = field(default_factory=list)
    missing: list[tuple[Quantity, Quantity | None]] = field(default_factory=list)  # with nearest wrong one
    extra: list[Quantity] = field(default_factory=list)


def relative_positions(text: Text, quantities: Sequence[Quantity]) -> list[float]:
    """Each quantity's position as a fraction of the text, counted in paragraphs (0.0 - 1.0)."""
    paras = text.paragraphs
    if not paras:
        return [0.0 for _ in quantities]
    starts = [p.start for p in paras]
    out = []
    for q in quantities:
        i = max(0, bisect.bisect_right(starts, q.start) - 1)
        p = paras[i]
        inside = (q.start - p.start) / max(1, p.end - p.start)
        out.append((i + min(1.0, max(0.0, inside))) / len(paras))
    return out


Values = Callable[[Quantity], tuple[float, ...]]


def _pair(
    sources: Sequence[Quantity], targets: Sequence[Quantity], spos: list[float], tpos: list[float],
    s_free: set[int], t_free: set[int], target_values: Values,
) -> list[tuple[int, int, float]]:
    """Greedy pairing of equal values, cheapest (closest, same kind) first; with the target value used."""
    candidates = []
    by_value = _ValueIndex([(b, j) for j in t_free for b in target_values(targets[j])], tpos)
    for i in s_free:
        s = sources[i]
        for j in by_value.near(s.values, spos[i]):
            t = targets[j]
            value = next((b for b in target_values(t) for a in s.values if close(a, b)), None)
            if value is not None:
                cost = abs(spos[i] - tpos[j]) + (s.kind != t.kind) * KIND_PENALTY + t.optional * OPTIONAL_PENALTY
                candidates.append((cost, i, j, value))
    pairs = []
    candidates.sort()  # by (cost, i, j): each (i, j) once, so the value never decides
    for _, i, j, value in candidates:
        if i in s_free and j in t_free:
            s_free.discard(i)
            t_free.discard(j)
            pairs.append((i, j, value))
    return pairs


class _ValueIndex:
    """Target quantities by value, so that pairing asks only those near a source value (a text of thousands
    of numbers made the all-pairs scan quadratic: 7,000 numbers a side took 30 s). Among the targets of one
    value, a source asks only the ``NEAREST`` closest in position: a value repeated thousands of times (a
    table of small counts) made the pairing quadratic again (10,000 numbers, 2,000 of each value: 46 s)."""

    def __init__(self, items: list[tuple[float, int]], positions: list[float]) -> None:
        groups: dict[float, list[tuple[float, int]]] = {}
        self.odd: set[int] = set()  # non-finite values: asked by every source value
        for v, j in items:
            if math.isfinite(v):
                groups.setdefault(v, []).append((positions[j], j))
            else:
                self.odd.add(j)
        self.values = sorted(groups)
        self.groups = [sorted(groups[v]) for v in self.values]  # each by position
        self.starts = [[position for position, _ in group] for group in self.groups]

    def near(self, values: Sequence[float], position: float) -> set[int]:
        """The targets with a value that may be ``close`` to one of ``values`` (a superset, checked after),
        of each value the ``NEAREST`` closest to ``position``."""
        out = set(self.odd)
        for a in values:
            if not math.isfinite(a):
                return out | {j for group in self.groups for _, j in group}
            width = 2 * REL_TOL * max(abs(a), 1.0)  # close(a, b) implies |a - b| <= this (REL_TOL <= 0.5)
            lo, hi = bisect.bisect_left(self.values, a - width), bisect.bisect_right(self.values, a + width)
            for g in range(lo, hi):
                group = self.groups[g]
                if len(group) > NEAREST:
                    group = [group[k] for k in nearest(self.starts[g], position, NEAREST)]
                out.update(j for _, j in group)
        return out


def _add(qs: list[Quantity], pos: list[float], free: set[int], more: Sequence[Quantity], text: Text) -> None:
    """Append late quantities (words) to a side of the comparison, free to pair."""
    free.update(range(len(qs), len(qs) + len(more)))
    qs.extend(more)
    pos.extend(relative_positions(text, more))


def _reportable(q: Quantity) -> bool:
    return not q.optional and not q.small


def _may_stand_for(s: Quantity, t: Quantity) -> bool:
    """Whether ``t`` may be taken as a wrong rendering of ``s``.

    A plain number word of the source ("satu", "dua") is too often no count at all to claim a target
    number; a small source number claims only a number of its own kind (a "3" is often written "three").
    """
    if t.optional or (s.word and s.kind == "plain"):
        return False
    return not (s.small and t.kind != s.kind)


def _wrong_renderings(
    sources: Sequence[Quantity], targets: Sequence[Quantity], spos: list[float], tpos: list[float],
    s_free: set[int], t_free: set[int], window: float,
) -> list[tuple[Quantity, Quantity | None]]:
    """Pass 4: each source quantity left over, with the leftover target quantity taken as its wrong rendering.

    Greedy by cost over every candidate pair within about one paragraph (not in source order; of more than
    ``NEAREST`` targets there, the nearest), with the reportable source quantities choosing first: a small or optional source quantity cannot take the
    counterpart of a real one. Unreportable quantities with no counterpart are dropped.
    """
    by_position = sorted((tpos[j], j) for j in t_free)
    positions = [p for p, _ in by_position]

    def within(i: int) -> list[int]:
        """The targets within the window of source i (checked exactly after), at most the NEAREST nearest:
        in a one-paragraph text of thousands of wrong numbers every pair was a candidate (9 million)."""
        out: list[int] = []
        for k in by_nearness(positions, spos[i]):
            if len(out) == NEAREST or abs(positions[k] - spos[i]) > window + 1e-9:
                break
            out.append(by_position[k][1])
        return out

    candidates = sorted(
        (not _reportable(sources[i]), abs(spos[i] - tpos[j]) + (sources[i].kind != targets[j].kind) * KIND_PENALTY, i, j)
        for i in s_free for j in within(i)
        if abs(spos[i] - tpos[j]) <= window and _may_stand_for(sources[i], targets[j])
    )
    taken: dict[int, int] = {}
    for _, _, i, j in candidates:
        if i not in taken and j in t_free:
            taken[i] = j
            t_free.discard(j)
    out = []
    for i in sorted(s_free, key=lambda k: spos[k]):
        if i in taken or _reportable(sources[i]):
            out.append((sources[i], targets[taken[i]] if i in taken else None))
    s_free.difference_update(taken)
    return out


Words = Callable[[], Sequence[Quantity]]


def _no_words() -> Sequence[Quantity]:
    return ()


def compare(
    source: Text, sources: Sequence[Quantity], target: Text, targets: Sequence[Quantity],
    source_words: Words = _no_words, target_words: Words = _no_words,
) -> NumberComparison:
    """Pair source and target quantities (see the module docstring for the passes).

    ``source_words`` and ``target_words`` give the numbers written as words; they are asked for only
    when a reportable quantity is left unpaired after the digit passes (finding words costs more than
    everything else).
    """
    result = NumberComparison()
    sources, targets = list(sources), list(targets)
    s_free, t_free = set(range(len(sources))), set(range(len(targets)))
    spos, tpos = relative_positions(source, sources), relative_positions(target, targets)
    for i, j, _ in _pair(sources, targets, spos, tpos, s_free, t_free, lambda t: t.values):
        result.matched.append((sources[i], targets[j]))
    for i, j, v in _pair(sources, targets, spos, tpos, s_free, t_free, lambda t: t.lenient_values):
        result.misformatted.append(FormatIssue(sources[i], targets[j], v, False))
    for i, j, v in _pair(sources, targets, spos, tpos, s_free, t_free, lambda t: t.foreign_values):
        t = targets[j]
        result.misformatted.append(FormatIssue(sources[i], t, v, bool(t.values or t.lenient_values)))
    if any(_reportable(sources[i]) for i in s_free):
        _add(targets, tpos, t_free, target_words(), target)
        for i, j, _ in _pair(sources, targets, spos, tpos, s_free, t_free, lambda t: t.values):
            result.matched.append((sources[i], targets[j]))
    if any(_reportable(targets[j]) for j in t_free):
        _add(sources, spos, s_free, source_words(), source)
        for i, j, _ in _pair(sources, targets, spos, tpos, s_free, t_free, lambda t: t.values):
            result.matched.append((sources[i], targets[j]))
    n = max(1, min(len(source.paragraphs), len(target.paragraphs)))
    window = 1.0 / n + 1e-9  # about one paragraph
    result.missing = _wrong_renderings(sources, targets, spos, tpos, s_free, t_free, window)
    result.extra = [targets[j] for j in sorted(t_free) if _reportable(targets[j])]
    return result
