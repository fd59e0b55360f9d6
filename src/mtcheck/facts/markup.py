"""Inline markup of bilingual files (XLIFF): which codes a unit carries and whether they still fit.

Readers keep inline tags out of the checked text (rules see only words) but record them here, per unit,
with their offsets into the text. ``MarkupText`` is a ``Text`` that carries those units, so the markup
rule can compare a target unit's codes with its source unit's; plain-text inputs simply have none. The
analysis is pure and lives here, not in the reader or the rule, so both stay small.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mtcheck.model import Text

OPEN, CLOSE, STANDALONE, ISOLATED = "open", "close", "standalone", "isolated"


@dataclass(frozen=True)
class InlineTag:
    kind: str  # OPEN, CLOSE, STANDALONE (a placeholder) or ISOLATED (its partner is in another unit)
    id: str  # pairs an OPEN with its CLOSE
    element: str  # the XLIFF element (g, bpt, x, pc, sc, ph ...), for messages
    offset: int  # position in the text content where the tag stood


@dataclass(frozen=True)
class Unit:
    """One translation unit: its id, its span in the text and its inline tags in order."""

    id: str
    start: int
    end: int
    tags: tuple[InlineTag, ...] = ()


@dataclass(frozen=True)
class MarkupText(Text):
    units: tuple[Unit, ...] = ()


def balance_problems(tags: tuple[InlineTag, ...]) -> list[str]:
    """Opening and closing codes must nest like brackets: no stray close, no crossing, none left open.

    Open codes are counted by id, and a crossing marks its id's codes below it as gone instead of rebuilding
    the stack: searching and rebuilding the stack at every close made 40,000 reversed pairs take 45 s."""
    problems: list[str] = []
    stack: list[tuple[int, InlineTag]] = []  # open codes, each with its position among the tags
    opened: Counter[str] = Counter()  # open codes on the stack by id
    gone_below: dict[str, int] = {}  # id -> position: its codes opened before it were closed by a crossing

    def live(entry: tuple[int, InlineTag]) -> bool:
        return entry[0] >= gone_below.get(entry[1].id, -1)

    for position, tag in enumerate(tags):
        if tag.kind == OPEN:
            stack.append((position, tag))
            opened[tag.id] += 1
        elif tag.kind == CLOSE:
            while stack and not live(stack[-1]):
                stack.pop()
            if stack and stack[-1][1].id == tag.id:
                stack.pop()
                opened[tag.id] -= 1
            elif opened[tag.id]:
                inner = stack[-1][1]
                problems.append(f"inline code {tag.element} id={tag.id} closes before {inner.element} "
                                f"id={inner.id} that it contains (crossing tags)")
                opened[tag.id] = 0
                gone_below[tag.id] = position
            else:
                problems.append(f"inline code {tag.element} id={tag.id} closes a code that was never opened")
    problems += [f"inline code {t.element} id={t.id} is never closed" for p, t in stack if live((p, t))]
    return problems


def _codes(tags: tuple[InlineTag, ...]) -> Counter[tuple[str, str]]:
    """Each paired code counted once (by its opening), placeholders and isolated codes by id."""
    return Counter(("paired" if t.kind in (OPEN, CLOSE) else t.kind, t.id) for t in tags if t.kind != CLOSE)


def parity_problems(source: tuple[InlineTag, ...], target: tuple[InlineTag, ...]) -> list[str]:
    """Every inline code of the source unit must be in the target unit once, and no other."""
    want, have = _codes(source), _codes(target)
    missing = [f"{kind} code id={code_id}" for (kind, code_id), n in sorted((want - have).items()) for _ in range(n)]
    extra = [f"{kind} code id={code_id}" for (kind, code_id), n in sorted((have - want).items()) for _ in range(n)]
    problems = [f"inline {what} of the source is missing from the translation" for what in missing]
    problems += [f"inline {what} is not in the source" for what in extra]
    return problems
