"""Recognising boilerplate: the newsroom's AI-translation disclaimer and configured patterns.

Every translated version ends with a disclaimer the source does not have. It must be excluded from
alignment and never reported as an addition or as untranslated text, yet editors retype it, change
quotes or spacing, or shorten it a little — so it is matched loosely: after normalisation (NFKC, case,
punctuation, whitespace) a paragraph is boilerplate if it is close to a known disclaimer in *any*
language (a version may carry the English one), or matches a ``Config.boilerplate`` regex.
"""
from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz.distance import LCSseq

from mtcheck.config import Config
from mtcheck.text.caching import text_cache

MIN_SIMILARITY = 0.8  # difflib ratio against a normalised disclaimer; retyped copies score > 0.9
MIN_PART = 0.25  # a fragment shorter than this share of the disclaimer is not recognised
SYSTEM_NAME = "digitalsiber id"  # normalised form of the system name every disclaimer ends with
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-, width-, punctuation- and whitespace-insensitive form used for loose matching."""
    return _NOISE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@lru_cache(maxsize=1)
def disclaimers() -> dict[str, str]:
    """The shipped disclaimer texts, by language code."""
    data = json.loads(resources.files("mtcheck").joinpath("data/boilerplate.json").read_text("utf-8"))
    return dict(data["disclaimer"])


@lru_cache(maxsize=1)
def _normalised_disclaimers() -> tuple[str, ...]:
    return tuple(normalise(t) for t in disclaimers().values())


# A configured pattern is the user's regex, run on every paragraph: ``(a+)+$`` on a paragraph of 30,000 "a"
# ran for longer than a minute (catastrophic backtracking; Python's re cannot be stopped). The patterns run
# on the ``regex`` module (re's syntax) with a time limit per paragraph; a pattern past it ends the check of
# the article with one line naming it, and of every later article at once.
PATTERN_SECONDS = 0.5
_SLOW: set[str] = set()


class SlowPattern(ValueError):
    """A configured boilerplate pattern that took longer than ``PATTERN_SECONDS`` on one paragraph."""

    def __init__(self, pattern: str) -> None:
        super().__init__(f"boilerplate pattern {pattern[:80]!r} took over {PATTERN_SECONDS} s on one paragraph "
                         "(it backtracks catastrophically, as (a+)+$ does): fix it in the config")


@lru_cache(maxsize=64)
def _patterns(extra: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    import regex  # type: ignore[import-untyped]

    return tuple((p, regex.compile(p, regex.IGNORECASE | regex.DOTALL)) for p in extra)


def _matches(text: str, extra: tuple[str, ...]) -> bool:
    for source, pattern in _patterns(extra):
        if source in _SLOW:
            raise SlowPattern(source)
        try:
            if pattern.search(text, timeout=PATTERN_SECONDS):
                return True
        except TimeoutError:
            _SLOW.add(source)
            raise SlowPattern(source) from None
    return False


@text_cache(8192)
def is_disclaimer(text: str) -> bool:
    """True if ``text`` is (a lightly edited copy of) the shipped disclaimer in any language.

    Every paragraph of every version is asked (by several rules), so a cheap exact bound comes first:
    the longest common subsequence (rapidfuzz, compiled) is at least what difflib's matching blocks
    find, so SequenceMatcher runs only when the bound does not already rule the match out. Results are
    those of SequenceMatcher alone.
    """
    norm = normalise(text)
    if not norm:
        return False
    for known in _normalised_disclaimers():
        share = len(norm) / len(known)
        if not MIN_PART <= share <= 1.6:
            continue
        if SYSTEM_NAME in norm:  # the system name anchors the match
            return True
        total = len(norm) + len(known)
        lcs = LCSseq.similarity(norm, known)  # >= every matching-block sum, so >= ratio() * total / 2
        may_ratio = share >= 0.6 and 2.0 * lcs / total >= MIN_SIMILARITY
        may_part = share <= 1.0 and lcs >= MIN_SIMILARITY * len(norm)
        if not (may_ratio or may_part):
            continue
        matcher = SequenceMatcher(None, norm, known, autojunk=False)
        if may_ratio and matcher.ratio() >= MIN_SIMILARITY:
            return True
        # A disclaimer split over two paragraphs: most of this one occurs, in order, inside it.
        if may_part and sum(b.size for b in matcher.get_matching_blocks()) >= MIN_SIMILARITY * len(norm):
            return True
    return False


def is_boilerplate(text: str, lang: str, config: Config | None = None) -> bool:
    """True if the paragraph is the disclaimer (any language) or matches a configured pattern.

    ``lang`` is accepted for API symmetry with the other per-language helpers; matching is deliberately
    language-blind because a version can carry another language's disclaimer.
    """
    del lang
    extra = config.boilerplate if config else ()
    if extra and _matches(text, tuple(extra)):
        return True
    return is_disclaimer(text)


def boilerplate_indices(paragraphs: list[str], lang: str, config: Config | None = None) -> list[int]:
    """Indices of the boilerplate paragraphs among ``paragraphs``."""
    return [i for i, p in enumerate(paragraphs) if is_boilerplate(p, lang, config)]
