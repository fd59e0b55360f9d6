"""Cutting a text into highlightable segments: the core of the article page.

Findings may overlap, nest, or run across paragraph breaks. Rather than nesting ``<mark>``
elements (which breaks when spans cross), the text is split at *every* span boundary and
each resulting segment carries the set of findings that cover it. A span that runs over
several paragraphs is cut at the paragraph boundaries, so every paragraph stays a
self-contained block. One sort plus one sweep: O((n + k) log(n + k)) for n paragraphs
and k spans, so a 500-article batch stays fast.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SEVERITY_RANK = {"neutral": 0, "minor": 1, "major": 2, "critical": 3}


@dataclass(frozen=True)
class Mark:
    """One finding's span in one text: ``fid`` is the finding's stable id on the page."""

    fid: str
    start: int
    end: int
    severity: str


@dataclass
class Segment:
    """A run of text covered by exactly the findings ``fids`` (empty: plain text).

    ``anchors`` lists the findings whose *first* segment this is (the target of the
    findings list's "show in text" link). A zero-width segment (``text == ""``) marks an
    insertion point, e.g. where something is missing.
    """

    text: str
    fids: tuple[str, ...] = ()
    severity: str = ""
    anchors: tuple[str, ...] = ()


@dataclass
class Block:
    """One paragraph of a text, ready to render: its index, offsets and segments."""

    index: int
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def has_marks(self) -> bool:
        return any(s.fids for s in self.segments)


def _worst(fids: Iterable[str], severity: dict[str, str]) -> str:
    return max((severity[f] for f in fids), key=lambda s: SEVERITY_RANK.get(s, 0), default="")


def segment_text(
    text: str, paragraphs: Sequence[tuple[int, int]], marks: Iterable[Mark]
) -> tuple[list[Block], set[str]]:
    """Split each paragraph ``(start, end)`` of ``text`` at every mark boundary.

    Returns the blocks and the ids of the marks that were placed; a mark lying wholly
    outside every paragraph (e.g. in the blank lines between them) is not placed, so the
    caller can say so instead of silently dropping it.
    """
    severity: dict[str, str] = {}
    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    points: dict[int, list[str]] = defaultdict(list)
    cuts: set[int] = set()
    size = len(text)
    for m in marks:
        start, end = min(m.start, m.end), max(m.start, m.end)
        if start < 0 or start > size:
            continue  # does not belong to this text: the findings list says it is not shown
        end = min(end, size)
        severity[m.fid] = m.severity
        if start == end:
            points[start].append(m.fid)
        else:
            opens[start].append(m.fid)
            closes[end].append(m.fid)
            cuts.update((start, end))
    for start, end in paragraphs:
        cuts.update((start, end))
    order = sorted(cuts)

    blocks: list[Block] = []
    placed: set[str] = set()
    active: dict[str, None] = {}  # insertion-ordered set
    para_iter = iter(sorted(paragraphs))
    para = next(para_iter, None)
    block: Block | None = None

    def place(fids: Sequence[str]) -> tuple[str, ...]:
        new = tuple(f for f in fids if f not in placed)
        placed.update(new)
        return new

    for i, pos in enumerate(order):
        for fid in closes.get(pos, ()):
            active.pop(fid, None)
        for fid in opens.get(pos, ()):
            active[fid] = None
        while para is not None and para[1] < pos:
            para = next(para_iter, None)
        if para is None:
            break
        if block is None or block.start != para[0]:
            if pos < para[0]:
                continue
            block = Block(len(blocks), para[0], para[1])
            blocks.append(block)
        if pos in points:
            fids = tuple(points[pos])
            block.segments.append(Segment("", fids, _worst(fids, severity), place(fids)))
        nxt = order[i + 1] if i + 1 < len(order) else None
        if nxt is None or pos >= para[1]:
            continue
        piece = text[pos:nxt]
        fids = tuple(active)
        block.segments.append(Segment(piece, fids, _worst(fids, severity), place(fids) if fids else ()))
    return blocks, placed
