"""Phone numbers: recognised as one quantity whose identity is its set of digit groups.

Why: a phone number is no amount (its groups are not thousands), and in right-to-left text the groups of
"0812-3456-7890" may be displayed, and copied, in another order ("7890-3456-0812"). Comparing the groups
as a multiset accepts the reordering and still catches a changed digit.

A phone number here: 2 to 6 groups of digits joined by spaces, dots or hyphens (the first may carry "+"
and a country code, or be bracketed), 8 to 15 digits in all, starting with "+", "(" or "0", or joined
by hyphens in three groups or more. Numbers that read as grouped thousands (1 000 000) or as a date
(2024-06-21) are not phone numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_PHONE = re.compile(
    r"(?<![0-9A-Za-z+.,\-])(?:\+\d{1,3}[ \u00a0.\-]?)?(?:\(\d{1,5}\)[ \u00a0.\-]?)?\d{2,5}(?:[ \u00a0.\-]\d{2,5}){1,5}(?![\w.,\-]?\d)"
)
_DATE = re.compile(r"(?:19|20)\d\d-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-(?:19|20)\d\d")
_MAX_DIGITS = 15  # the key must stay exact as a float


@dataclass(frozen=True)
class Phone:
    start: int
    end: int
    groups: tuple[str, ...]

    @property
    def key(self) -> float:
        """The same number for any order of the same groups."""
        return float("".join(sorted(self.groups, key=lambda g: (len(g), g)))[:_MAX_DIGITS])


def _is_phone(text: str, groups: list[str]) -> bool:
    digits = sum(len(g) for g in groups)
    if not 8 <= digits <= _MAX_DIGITS or _DATE.fullmatch(text):
        return False
    if text[0] in "+(" or text[0] == "0":
        return True
    return text.count("-") >= 2


def find_phones(norm: str) -> list[Phone]:
    """The phone numbers of a (digit-normalised) text, in text order."""
    if not any(c.isdigit() for c in norm):
        return []
    out = []
    for m in _PHONE.finditer(norm):
        groups = re.findall(r"\d+", m.group())
        if _is_phone(m.group(), groups):
            out.append(Phone(m.start(), m.end(), tuple(groups)))
    return out
