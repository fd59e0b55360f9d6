"""Rows of the side-by-side view: which source paragraphs face which translation paragraphs.

When a version carries ``details.alignment`` (from the aligner) the rows follow it, and
paragraphs the aligner left unmatched face an empty cell: a source paragraph facing a gap
is a likely omission, a translation paragraph facing a gap a likely addition. Without an
alignment, paragraphs are paired by position, boilerplate aside. Malformed alignment
entries (bad indices, repeats) are dropped rather than trusted: the report must render.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """One row: source paragraph indices, target paragraph indices, aligner score, kind.

    ``kind`` is ``aligned`` / ``paired`` (both sides), ``omission`` (source only),
    ``addition`` (target only) or ``boilerplate`` (target only, all boilerplate).
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float | None
    kind: str


def _indices(value: Any, size: int, used: set[int]) -> tuple[int, ...] | None:
    if not isinstance(value, list):
        return None
    out = []
    for i in value:
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < size or i in used:
            return None
        out.append(i)
    return tuple(sorted(set(out)))


def _clean(alignment: Iterable[Any], n_source: int, n_target: int) -> list[Row]:
    rows: list[Row] = []
    used_s: set[int] = set()
    used_t: set[int] = set()
    for entry in alignment:
        if not isinstance(entry, dict):
            continue
        src = _indices(entry.get("source", []), n_source, used_s)
        tgt = _indices(entry.get("target", []), n_target, used_t)
        if src is None or tgt is None or not (src or tgt):
            continue
        score = entry.get("score")
        rows.append(Row(src, tgt, float(score) if isinstance(score, (int, float)) else None, ""))
        used_s.update(src)
        used_t.update(tgt)
    return rows


def _kind(src: tuple[int, ...], tgt: tuple[int, ...], boilerplate: set[int], both: str) -> str:
    if src and tgt:
        return both
    if src:
        return "omission"
    return "boilerplate" if all(t in boilerplate for t in tgt) else "addition"


def _order(rows: list[Row]) -> list[Row]:
    """Rows with a source side in source order; each target-only row after the last of them (or of the
    target-only rows before it) that has a smaller first target index, and after the omissions that follow
    that row: both gaps then sit side by side. Linear after sorting (inserting each row by a scan of the
    rows before it took minutes for a version of 50,000 unmatched paragraphs)."""
    ordered = sorted((r for r in rows if r.source), key=lambda r: (r.source[0], r.target[:1]))
    extra = sorted((r for r in rows if not r.source), key=lambda r: r.target[0])
    if not extra:
        return ordered
    skip = list(range(len(ordered) + 1))  # skip[i]: the first row at i or after that is not an omission
    for i in range(len(ordered) - 1, -1, -1):
        if not ordered[i].target:
            skip[i] = skip[i + 1]
    by_target = sorted((r.target[0], i) for i, r in enumerate(ordered) if r.target)
    slots: dict[int, list[Row]] = {}
    last, k = -1, 0
    for row in extra:  # by target index: the last row before each is found by one sweep
        while k < len(by_target) and by_target[k][0] < row.target[0]:
            last = max(last, by_target[k][1])
            k += 1
        slots.setdefault(skip[last + 1], []).append(row)
    out: list[Row] = []
    for i, row in enumerate(ordered):
        out += slots.get(i, [])
        out.append(row)
    return out + slots.get(len(ordered), [])


def build_rows(
    n_source: int, n_target: int, alignment: Any = None, boilerplate: Iterable[int] = ()
) -> list[Row]:
    """Every source and target paragraph appears in exactly one row."""
    bp = {i for i in boilerplate if isinstance(i, int) and 0 <= i < n_target}
    if isinstance(alignment, list):
        both = "aligned"
        rows = _clean(alignment, n_source, n_target)
    else:
        both = "paired"
        content = [t for t in range(n_target) if t not in bp]
        rows = [Row((i,), (content[i],), None, "") for i in range(min(n_source, len(content)))]
    seen_s = {i for r in rows for i in r.source}
    seen_t = {i for r in rows for i in r.target}
    rows += [Row((i,), (), None, "") for i in range(n_source) if i not in seen_s]
    rows += [Row((), (t,), None, "") for t in range(n_target) if t not in seen_t]
    return [Row(r.source, r.target, r.score, _kind(r.source, r.target, bp, both)) for r in _order(rows)]
