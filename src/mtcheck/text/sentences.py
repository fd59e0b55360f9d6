"""Splitting a paragraph into sentences with exact offsets, per language.

The structure rules align sentences inside aligned paragraphs (to find a sentence appended to, or
dropped from, an otherwise faithful paragraph), so sentences must be cut the way each script ends them:
``。！？`` need no following space in Chinese and Japanese, Arabic also ends questions with ``؟``.
Which characters end a sentence is a ``Locale`` fact (``sentence_end``); the rest is script-neutral.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.locales import get_locale
from mtcheck.text.words import next_visible

# Closing quotes and brackets that may follow the end mark and still belong to the sentence.
_CLOSERS = "\"'”’»」』）)]】〕›"
# A run of lower-case-initial text after a full stop means the stop was an abbreviation ("approx. five").
_LOWER_START = re.compile(r"[a-zà-ÿ]")
# "J. K. Rowling", "Dr.", "No. 5": a one-letter or two-letter (not all-capital) token before a full stop
# is not a sentence end; an all-capital pair is an acronym that can end one ("... di AS. Sementara itu").
# Dotted initialisms ("U.S. Department", "A.S. dan", "a.m. Monday") are not sentence ends either: a split
# there leaves a sentence "U.S." that matches nothing (measured: false STR002 on ntrex-dev).
_SHORT_TOKEN = re.compile(r"(?:^|[\s(])(?:[A-Za-z]|[A-Z][a-z]|[a-z]{2}|(?:[A-Za-z]\.)+[A-Za-z])$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets into the paragraph (or text) it was cut from, and its text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=16)
def _boundary(ends: str) -> re.Pattern[str]:
    marks = re.escape(ends)
    # Closers stick to the mark ('dia." Ross'), except the French closing guillemet, set off with a
    # (no-break) space: « Fini. » A quote after a space opens the next sentence: 'perunggu. "Yang ...'.
    return re.compile(f"[{marks}]+(?:[{re.escape(_CLOSERS)}]|[ \u00a0\u202f]»)*")


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Sentence]:
    """Sentences of ``text`` (offsets shifted by ``offset``), whitespace trimmed, never empty."""
    locale = get_locale(lang)
    sentences: list[Sentence] = []
    pos = 0
    for match in _boundary(locale.sentence_end).finditer(text):
        end = match.end()
        if not _is_boundary(text, match.start(), end, locale.cjk):
            continue
        _append(sentences, text, pos, end, offset)
        pos = end
    _append(sentences, text, pos, len(text), offset)
    return sentences


def _is_boundary(text: str, mark: int, end: int, cjk: bool) -> bool:
    after = text[end:end + 2]
    if end >= len(text):
        return True
    char = text[mark]
    if char in "。！？":  # ideographic marks end a sentence wherever they stand
        return True
    if not after[:1].isspace():
        # "3.5", "www.x.id", "U.S.": a Latin mark glued to the next character is not an end,
        # except in CJK text where no space follows sentences.
        return cjk and not after[:1].isascii()
    following = next_visible(text, end)
    abbreviation = _SHORT_TOKEN.search(text[max(0, mark - 12):mark]) or _LOWER_START.match(following)
    return not (char == "." and abbreviation)


def _append(sentences: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead + offset
        sentences.append(Sentence(s, s + len(stripped), stripped))
