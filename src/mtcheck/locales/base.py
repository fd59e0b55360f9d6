"""What mtcheck knows about a language, in one dataclass; each language fills it in its own module.

Checks never hard-code a language fact: they ask the ``Locale``. Fields are grouped by the family that
uses them; a family that needs a new fact adds a field here (with a default) and fills it per language.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Locale:
    code: str  # ISO 639-1
    name: str  # English name
    script: str  # "latin", "han", "han+kana", "arabic"
    rtl: bool = False
    cjk: bool = False  # no spaces between words: words are counted from characters

    # --- numbers (numbers.py) -------------------------------------------------------------
    decimal: str = "."  # the decimal mark readers of this locale expect
    group: str = ","  # the preferred group separator
    group_alternatives: tuple[str, ...] = ()  # other accepted group separators (e.g. U+00A0, U+202F in fr)
    scale_words: dict[str, float] = field(default_factory=dict)  # "juta" -> 1e6, "万" -> 1e4 ...
    percent_words: tuple[str, ...] = ()  # "persen", "pour cent" ...
    currency_words: dict[str, str] = field(default_factory=dict)  # surface form -> ISO code ("Rp" -> "IDR")

    # --- dates (dates.py) -----------------------------------------------------------------
    months: dict[str, int] = field(default_factory=dict)  # month name/abbreviation (lower-case) -> 1..12
    weekdays: dict[str, int] = field(default_factory=dict)  # weekday name (lower-case) -> 1 (Mon)..7 (Sun)
    relative_days: dict[str, int] = field(default_factory=dict)  # "kemarin" -> -1
    date_names_capitalised: bool = False  # month/weekday names only count capitalised ("Minggu", not "minggu")
    month_cues: tuple[str, ...] = ()  # words before a bare month name that make it a month ("pada", "in")
    date_false_friends: tuple[str, ...] = ()  # regexes of look-alikes ("Minggu lalu" = last week, "每周一次")
    numeric_date_orders: tuple[str, ...] = ("dmy", "ymd")  # numeric date orders readers take unambiguously
    first_day_suffix: str = ""  # "er": French writes the first of the month "1er mars"
    clitic_prefixes: tuple[str, ...] = ()  # attached prefixes before names ("و", "بال" in Arabic)

    # --- punctuation and typography (rules/punctuation.py) ----------------------------------
    quote_pairs: tuple[tuple[str, str], ...] = ()
    bracket_pairs: tuple[tuple[str, str], ...] = (("(", ")"),)
    sentence_end: str = ".!?"

    # --- language identification (langid.py, rules/language.py) ----------------------------
    langid_aliases: tuple[str, ...] = ()  # detector labels of the same family ("ms" for Indonesian)
    langid_accepts: tuple[str, ...] = ()  # other detections a passage may honestly get (kanji-only ja -> zh)
