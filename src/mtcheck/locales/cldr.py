"""Place and language names from Unicode CLDR (through Babel), in every project language.

A translator renders countries, territories, languages and big cities in the target language's own
spelling: Jerman is Germany/German in English and Allemagne/allemand in French, Moskwa is Moscow and
Moscou. CLDR names the territories and languages in each locale, and the cities that time zones are
named after; the same code in two locales is the same place. ``renderings`` maps a source-language
name to every name of the same places and languages in a target language, so that such exonyms are
accepted without a hand-made list.
"""
from __future__ import annotations

from functools import cache

_KINDS = ("territories", "languages")


@cache
def _names(lang: str) -> dict[str, tuple[str, ...]]:
    """Every CLDR name of ``lang`` by key ("T:DE", "L:de", "Z:Europe/Moscow"), short forms included."""
    from babel import Locale as BabelLocale
    from babel.core import get_global
    from babel.localedata import load

    locale = BabelLocale.parse(lang)
    names: dict[str, list[str]] = {}
    for kind in _KINDS:
        for code, name in getattr(locale, kind).items():
            base = code.split("-alt-")[0] if isinstance(code, str) else str(code)
            names.setdefault(f"{kind[0].upper()}:{base}", []).append(name)
    local = load(lang).get("time_zones", {})
    for zone in sorted({*local, *get_global("zone_territories")}):
        data = local.get(zone, {})
        city = data.get("city") if hasattr(data, "get") else None
        if not city and "/" in zone:  # CLDR's fallback: the zone's own (English) city name
            city = zone.rsplit("/", 1)[1].replace("_", " ")
        if city:
            names.setdefault(f"Z:{zone}", []).append(city)
    return {key: tuple(dict.fromkeys(values)) for key, values in names.items()}


def names(lang: str) -> dict[str, tuple[str, ...]]:
    """The CLDR names of territories, languages and time-zone cities in ``lang``, by key."""
    return _names(lang)


def renderings(keys: frozenset[str], lang: str) -> tuple[str, ...]:
    """The names in ``lang`` of the places and languages ``keys``."""
    table = _names(lang)
    return tuple(name for key in sorted(keys) for name in table.get(key, ()))
