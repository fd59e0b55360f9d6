"""Language knowledge, one module per language: ``get_locale("fr")`` returns the facts of French (``locales/fr.py``).

Lives here: number symbols, scale words, digits, months, weekdays, quote pairs, punctuation, name lists.
The bottom layer: imports nothing of mtcheck, so every other layer may ask it.
"""
from __future__ import annotations

import importlib
from functools import cache

from mtcheck.locales.base import Locale

SUPPORTED = ("id", "en", "zh", "ja", "ar", "fr")


class UnknownLanguage(ValueError):
    pass


@cache
def get_locale(code: str) -> Locale:
    if code not in SUPPORTED:
        raise UnknownLanguage(f"unknown language code {code!r} (supported: {', '.join(SUPPORTED)})")
    module = importlib.import_module(f"{__name__}.{code}")
    locale: Locale = module.LOCALE
    return locale


__all__ = ["SUPPORTED", "Locale", "UnknownLanguage", "get_locale"]
