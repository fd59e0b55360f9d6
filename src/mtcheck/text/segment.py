"""Splitting normalised text into paragraphs (blank-line separated) with exact offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mtcheck.text.caching import text_cache


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text: its index in the text and its span (offsets into the whole text)."""

    index: int
    start: int
    end: int
    text: str



_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n\s*")


@text_cache(4096)
def _split(content: str) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    pos = 0
    for sep in [*_BLANK_LINES.finditer(content), None]:
        end = sep.start() if sep else len(content)
        chunk = content[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            paragraphs.append(Paragraph(len(paragraphs), start, start + len(stripped), stripped))
        if sep:
            pos = sep.end()
    return tuple(paragraphs)


def split_paragraphs(content: str) -> list[Paragraph]:
    return list(_split(content))


def line_col(content: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``content``."""
    starts = _line_starts(content)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@text_cache(8)
def _line_starts(content: str) -> list[int]:
    """Where each line of ``content`` starts: found once per text, not counted anew for each finding (80,000
    findings in one 200 KB text took 1.7 s to place)."""
    return [0, *(m.end() for m in re.finditer("\n", content))]
