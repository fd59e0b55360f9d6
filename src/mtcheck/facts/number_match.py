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
4. the same quantity written another way: a unit conversion within rounding ("60 mil" = "97 km",
   facts/units.py), or a source value inside a target's approximate range (300多万, 約3万); a source
   quantity with a unit whose bracketed twin ("45 mil (72 kilometer)") is paired needs no counterpart of its
   own, and a conversion a translator added in brackets is no addition;
5. a source quantity still unpaired is missing or wrong; an unpaired target quantity within about one
   paragraph is taken as its wrong rendering only when it may be the same quantity written wrong (same
   dimension, a related value: the same digits at another scale, or at most two digits changed), cheapest
   pairs first over all candidates (reportable source quantities before small or optional ones, so these
   cannot steal a real one's counterpart); otherwise the source quantity is reported missing at the source;
6. target quantities still unpaired are additions.
Small integers (0-10) and optional quantities (years in a target, numbers written as words, ranks in a
target) only take part when they pair up: they are never reported on their own.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mtcheck.facts import units
from mtcheck.facts.numbers import REL_TOL, Quantity, close
from mtcheck.model import Text
from mtcheck.text.matching import by_nearness, nearest

NEAREST = 64  # of the target quantities of one value, a source quantity is paired among this many nearest
CONVERSION_NEAREST = 16  # of the target quantities with a unit, a conversion is looked for among this many
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
    converted: list[tuple[Quantity, Quantity]] = field(default_factory=list)  # the same quantity, another unit
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
            if value is not None and units.same_unit(s.unit, t.unit) and s.phone == t.phone and (
                not s.phone or s.value == t.value  # exact: a changed digit is within float tolerance of 10^11
            ):
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


def _may_stand_for(s: Quantity, t: Quantity, source_text: str) -> bool:
    """Whether ``t`` may be taken as a wrong rendering of ``s``.

    A plain number word of the source ("satu", "dua") is too often no count at all to claim a target
    number; a small source number claims only a number of its own kind (a "3" is often written "three").
    A rank answers only for a rank, a phone number for a phone number, a length never for a weight; a
    target "year" may be a changed count ("lebih dari 1.000" as "2000") unless the source writes it too.
    """
    if t.ordinal and t.optional:
        return s.ordinal and not t.word
    if t.optional and not _year_like(t, source_text):
        return False
    if (s.word and s.kind == "plain") or s.phone != t.phone or (s.small and t.kind != s.kind):
        return False
    if s.unit and t.unit and units.dimension(s.unit) != units.dimension(t.unit):
        return False
    return s.phone or _related(s, t)


def _year_like(t: Quantity, source_text: str) -> bool:
    return t.optional and not t.word and not t.ordinal and t.token.isdigit() and t.token not in source_text


def _mantissa(value: float) -> str:
    """The significant digits of a value: 2,250,000,000 -> "225", 0.035 -> "35"."""
    return f"{abs(value):.10g}".split("e")[0].replace(".", "").strip("0") or "0"


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


MAX_RATIO = 20.0  # a changed digit or two keeps a value within this factor of the source's


def _related(s: Quantity, t: Quantity) -> bool:
    """Whether ``t`` may be ``s`` written wrong: a conversion gone wrong, the same digits at another scale
    ("Rp2,1 triliun" as "Rp2.1 billion"), or at most two digits changed, dropped or swapped ("1.127" as
    "1197", "2,25 miliar" as "25,2 billion"). Anything else is another number, not this one's rendering."""
    if s.unit and t.unit and s.unit != t.unit:
        return True
    b = _mantissa(t.value)
    for value in s.values or (s.value,):
        a = _mantissa(value)
        low, high = sorted((abs(value), abs(t.value)))
        if a == b or _edits(a, b) <= 2 and high < MAX_RATIO * max(low, 1e-12):
            return True
    return False


def _wrong_renderings(
    sources: Sequence[Quantity], targets: Sequence[Quantity], spos: list[float], tpos: list[float],
    s_free: set[int], t_free: set[int], window: float, source_text: str,
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
        if abs(spos[i] - tpos[j]) <= window and _may_stand_for(sources[i], targets[j], source_text)
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
    for i, j in _same_quantity(sources, targets, spos, tpos, s_free, t_free, window):
        result.converted.append((sources[i], targets[j]))
    paired = {id(q) for pair in result.matched + result.converted for q in pair}
    t_free -= _twins(targets, t_free, paired, target.content)
    twins = {id(sources[i]) for i in _twins(sources, s_free, paired, source.content)}
    missing = _wrong_renderings(sources, targets, spos, tpos, s_free, t_free, window, source.content)
    result.missing = [(s, t) for s, t in missing if t is not None or id(s) not in twins]
    result.extra = [targets[j] for j in sorted(t_free) if _reportable(targets[j])]
    return result


def _same_value(s: Quantity, t: Quantity) -> bool:
    """One quantity written another way: a unit conversion, or inside the other's approximate range."""
    if s.unit and t.unit and (s.unit != t.unit or s.unit == units.DEGREES):
        return units.equivalent(s.value, s.unit, t.value, t.unit, t.token)
    if not units.same_unit(s.unit, t.unit):
        return False
    return any(q.approx is not None and q.approx[0] - 1e-9 <= other.value <= q.approx[1] + 1e-9
               for q, other in ((t, s), (s, t)))


def _same_quantity(
    sources: Sequence[Quantity], targets: Sequence[Quantity], spos: list[float], tpos: list[float],
    s_free: set[int], t_free: set[int], window: float,
) -> list[tuple[int, int]]:
    """Pass 4: conversions and approximations within about one paragraph, nearest first (of more than
    ``CONVERSION_NEAREST`` targets there, the nearest: a text of thousands of lengths must not pair all with
    all; a conversion stands next to its number)."""
    s_ask = [i for i in s_free if sources[i].unit or sources[i].approx]
    s_plain = [i for i in s_free if not (sources[i].unit or sources[i].approx)]
    t_any = sorted((tpos[j], j) for j in t_free if targets[j].unit or targets[j].approx)
    t_approx = sorted((tpos[j], j) for j in t_free if targets[j].approx)
    candidates = []
    for pool, askers in ((t_any, s_ask), (t_approx, s_plain)):
        positions = [p for p, _ in pool]
        for i in askers:
            for asked, k in enumerate(by_nearness(positions, spos[i])):
                if asked == CONVERSION_NEAREST or abs(positions[k] - spos[i]) > window + 1e-9:
                    break
                j = pool[k][1]
                if _same_value(sources[i], targets[j]):
                    candidates.append((abs(spos[i] - tpos[j]), i, j))
    pairs = []
    for _, i, j in sorted(candidates):
        if i in s_free and j in t_free:
            s_free.discard(i)
            t_free.discard(j)
            pairs.append((i, j))
    return pairs


_TWIN_GAP = 4  # characters between "45 mil" and "(72 kilometer)": " (" or "/"
_TWIN_MARK = re.compile(r"\s*[(（/=]\s*|\s*(?:or|atau|ou|أو|或)\s*")


def _twins(qs: Sequence[Quantity], free: set[int], paired: set[int], content: str) -> set[int]:
    """Free quantities with a unit right next to a paired one of the same dimension: the text gives one
    quantity in two units ("45 mil (72 kilometer)", "72 km / 45 miles"), and one of them is enough."""
    order = sorted(range(len(qs)), key=lambda k: qs[k].start)
    out = set()
    for a, b in itertools.pairwise(order):
        first, second = qs[a], qs[b]
        if not (first.unit and second.unit) or units.dimension(first.unit) != units.dimension(second.unit):
            continue
        gap = content[max(first.end, first.unit_end):second.start]
        if len(gap) <= _TWIN_GAP and _TWIN_MARK.fullmatch(gap) and _same_value(first, second):
            for k, other in ((a, second), (b, first)):
                if k in free and id(other) in paired:
                    out.add(k)
    return out
