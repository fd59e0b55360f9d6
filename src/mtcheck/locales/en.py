"""English: every fact mtcheck knows about English text."""
from mtcheck.locales.base import Locale

_NUMBERS = dict(
    decimal=".",
    group=",",
    group_alternatives=("\u00a0", "\u202f", "\u2009", " "),
    scale_words={"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "tn": 1e12},
    currency_scale_letters={"m": 1e6, "k": 1e3},
    percent_words=("%", "percent", "per cent"),
    currency_words={
        "US$": "USD", "$": "USD", "USD": "USD", "US dollars": "USD", "dollars": "USD", "dollar": "USD",
        "Rp": "IDR", "Rp.": "IDR", "IDR": "IDR", "rupiah": "IDR", "rupiahs": "IDR", "£": "GBP",
        "pounds": "GBP", "€": "EUR", "euros": "EUR", "euro": "EUR", "yen": "JPY", "yuan": "CNY",
    },
    number_words={
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "a hundred": 100,
        "a thousand": 1e3, "one thousand": 1e3, "a million": 1e6, "one million": 1e6, "a billion": 1e9,
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "a century": 100,
        "one billion": 1e9, "a trillion": 1e12,
    },
    number_word_multipliers={"hundred": 100},
    number_word_joiners=("and",),
    ordinal_words={
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    },
    fraction_denominators={"thirds": 3, "quarters": 4, "fifths": 5},
    fraction_words={"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25},
    unit_words={
        "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "metres": "m",
        "meters": "m", "metre": "m", "meter": "m", "centimetres": "cm", "centimeters": "cm", "millimetres": "mm",
        "millimeters": "mm", "miles": "mi", "mile": "mi", "nautical miles": "nmi", "feet": "ft", "foot": "ft",
        "inches": "in", "inch": "in", "yards": "yd", "kilograms": "kg", "kilogram": "kg", "kilos": "kg",
        "grams": "g", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t", "ounces": "oz", "litres": "l",
        "liters": "l", "litre": "l", "liter": "l", "gallons": "gal", "gallon": "gal", "barrels": "bbl",
        "hectares": "ha", "hectare": "ha", "acres": "acre", "acre": "acre", "square kilometres": "km2",
        "square kilometers": "km2", "sq km": "km2", "square metres": "m2", "square meters": "m2",
        "square miles": "mi2", "sq mi": "mi2", "degrees Celsius": "C", "degrees Fahrenheit": "F",
        "degrees F": "F", "degrees C": "C", "degrees": "deg", "miles per hour": "mph",
        "kilometres per hour": "kmh", "kilometers per hour": "kmh", "knots": "kn",
    },
    ordinal_suffixes=("st", "nd", "rd", "th"),
    reference_words=("article", "section", "no.", "page", "chapter", "room", "flight", "route", "paragraph"),
    range_words=("to", "and", "or", "through", "-", "–", "—"),
    number_exclude_patterns=(
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)",
        r"\b\d{1,2}[.:]\d{2}\s*(?:GMT|UTC|ET|EST|EDT|PST|PDT|BST)\b",
    ),
)

# Dates: "March 9, 2023" and "9 March 2023" are both English; numeric dates are spelled out (3/9 is
# ambiguous between US and UK readers).
_DATES = dict(
    months={
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
        "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    },
    weekdays={
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    },
    relative_days={"yesterday": -1, "today": 0, "tomorrow": 1},
    date_names_capitalised=True,
    month_cues=(
        "in", "since", "until", "till", "by", "early", "late", "mid", "mid-", "last", "next", "of", "from",
        "through", "during", "and", "or", "this", "to", "between",
    ),
    date_false_friends=(
        r"\b(?:Sunday|Saturday) (?:Times|Telegraph|Herald|Mirror|Post|Express|Mail|Night Live|school)\b",
        r"\b(?:Good|Black) Friday\b",
    ),
    numeric_date_orders=("ymd",),
)

# Punctuation: curly or straight double quotes; "had had", "that that" are grammatical doublings.
_PUNCT = dict(
    quote_pairs=(("\u201c", "\u201d"),),
    bracket_pairs=(("(", ")"), ("[", "]")),
    repeated_word_allowed=frozenset({"had", "that", "is", "do", "very", "so", "bye", "no", "yes", "ha", "far",
                                     "again", "more", "over", "round", "on", "by", "out"}),
    name_rewrites=(("kh", "k"),),
)

LOCALE = Locale(code="en", name="English", script="latin", **_NUMBERS, **_DATES, **_PUNCT)  # type: ignore[arg-type]
