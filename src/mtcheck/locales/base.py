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
    # one-letter scales that count only right after a money amount: "£125m", "US$40k" (bare "5m" is metres)
    currency_scale_letters: dict[str, float] = field(default_factory=dict)
    percent_words: tuple[str, ...] = ()  # "persen", "pour cent" ...
    currency_words: dict[str, str] = field(default_factory=dict)  # surface form -> ISO code ("Rp" -> "IDR")
    decimal_alternatives: tuple[str, ...] = ()  # other accepted decimal marks (U+066B in ar)
    percent_prefixes: tuple[str, ...] = ()  # percent words written before the number ("百分之")
    number_words: dict[str, float] = field(default_factory=dict)  # "three" -> 3, "a million" -> 1e6
    number_word_prefixes: tuple[str, ...] = ()  # clitics a number word may carry (Arabic و, ب, ال)
    number_word_idioms: tuple[str, ...] = ()  # idiom regexes (any case): "salah satu" is no 1
    kanji_numerals: bool = False  # 三千五百 etc. are read as (optional) quantities
    fraction_infixes: tuple[str, ...] = ()  # "分之": 三分之二 is a fraction, 百分之五 a percentage
    ordinal_suffixes: tuple[str, ...] = ()  # "th", "e", "ème": 3rd / 3e are ranks, not quantities
    ordinal_prefixes: tuple[str, ...] = ()  # "第": 第3 is a rank
    reference_words: tuple[str, ...] = ()  # "Pasal", "No.": the next number is a label, not a quantity
    range_words: tuple[str, ...] = ()  # "hingga", "to": "3,5 hingga 4,2 juta" shares the scale word
    number_exclude_patterns: tuple[str, ...] = ()  # regexes (on ASCII digits) of times/dates in this language
    # compound number words (number_words.py): "tujuh puluh lima" = 7 x 10 + 5, "forty-one", "deux cents"
    number_word_multipliers: dict[str, float] = field(default_factory=dict)  # "puluh" -> 10, "hundred" -> 100
    number_word_joiners: tuple[str, ...] = ()  # words between parts of one numeral ("and", "et", "و")
    ordinal_words: dict[str, float] = field(default_factory=dict)  # "third" -> 3, "ketiga" -> 3
    roman_ordinals: bool = False  # "XIXe siècle": a Roman numeral with an ordinal ending is a rank (fr)
    fraction_denominators: dict[str, float] = field(default_factory=dict)  # "pertiga" -> 3: dua pertiga = 2/3
    fraction_words: dict[str, float] = field(default_factory=dict)  # "setengah" -> 0.5, "ثلثي" -> 2/3
    approx_infixes: tuple[str, ...] = ()  # "多", "余": 300多万 is at least 3 million (below 4 million)
    approx_prefixes: tuple[str, ...] = ()  # "约", "約": 約3万 is 30,000 give or take its last digit
    scale_lookalikes: dict[str, str] = field(default_factory=dict)  # "憶" -> "億": a typo, not a scale word
    unit_words: dict[str, str] = field(default_factory=dict)  # "mil" -> "mi", "kaki" -> "ft" (facts/units.py codes)
    # words before a number that qualify its unit: 华氏75度 is 75 °F, 时速30英里 30 mph (prefix -> {unit: unit})
    unit_prefixes: dict[str, dict[str, str]] = field(default_factory=dict)

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
    term_strip_prefixes: tuple[str, ...] = ()  # glossary variants match without it ("ال": للأمم)

    # --- names, acronyms and links (entities.py, rules/entities.py) ---------------------------
    # Source side: capitalised words that are not names a translator carries over (function words,
    # titles, institution words, translated place names), lower-case; months/weekdays come from above.
    name_stopwords: frozenset[str] = frozenset()
    common_word_pattern: str = ""  # regex on a lower-case word: derived common words (id "ke...an")
    name_particles: tuple[str, ...] = ()  # lower-case words inside a name ("bin", "van", "al")
    acronym_translations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "PBB" -> ("UN", "ONU")
    name_abbreviations: tuple[str, ...] = ()  # belong to the name after them ("St. Louis", "Mt. Everest")
    title_phrases: tuple[tuple[str, ...], ...] = ()  # honorifics of several words, lower-case ("yang", "terhormat")
    # Target side: spelling rewrites that make two transliterations of one name equal ("zh" -> "j" in fr).
    name_rewrites: tuple[tuple[str, str], ...] = ()

    # --- punctuation and typography (rules/punctuation.py) ----------------------------------
    quote_pairs: tuple[tuple[str, str], ...] = ()
    # a pair whose marks are typed either way round (right-to-left text: ”quoted" and “quoted”): each opens or
    # closes by its neighbours, as a straight quote does
    symmetric_quote_pairs: tuple[tuple[str, str], ...] = ()
    bracket_pairs: tuple[tuple[str, str], ...] = (("(", ")"),)
    narrow_space_before: str = ""  # marks that take a no-break space before them (fr ":;!?")
    spaced_guillemets: bool = False  # « and » take a no-break space inside (fr)
    native_punctuation: dict[str, str] = field(default_factory=dict)  # ASCII mark -> this script's mark
    source_marks: dict[str, str] = field(default_factory=dict)  # source marks to convert (zh '"' -> “ ”, '.' -> 。)
    repeated_word_allowed: frozenset[str] = frozenset()  # words legitimately doubled ("had had", "nous nous")
    sentence_end: str = ".!?"

    # --- language identification (langid.py, rules/language.py) ----------------------------
    langid_aliases: tuple[str, ...] = ()  # detector labels of the same family ("ms" for Indonesian)
    langid_accepts: tuple[str, ...] = ()  # other detections a passage may honestly get (kanji-only ja -> zh)
