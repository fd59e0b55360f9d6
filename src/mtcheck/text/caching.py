"""Caches of what is computed from article text (a paragraph's anchors, its language), in one registry.

They pay off inside an article (several rules ask about the same paragraph) and for text that repeats
across articles (the disclaimer). The benchmark clears them between articles (``clear_text_caches``):
a corpus made from a few samples repeats paragraphs that real batches do not.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
_TEXT_CACHES: list[_lru_cache_wrapper[Any]] = []


def text_cache(maxsize: int) -> Callable[[Callable[..., T]], _lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize)``, registered as a cache of text-derived results."""

    def wrap(function: Callable[..., T]) -> _lru_cache_wrapper[T]:
        cached = lru_cache(maxsize=maxsize)(function)
        _TEXT_CACHES.append(cached)
        return cached

    return wrap


def clear_text_caches() -> None:
    """Forget every text-derived result (the benchmark's articles then cost what distinct ones do)."""
    for cached in _TEXT_CACHES:
        cached.cache_clear()
