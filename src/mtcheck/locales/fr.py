"""French: every fact mtcheck knows about French text."""
from mtcheck.locales.base import Locale

# Numbers: U+202F (Babel's group), no-break or plain spaces group thousands; "," is the decimal mark;
# "billion" is 10^12 (long scale).
_NUMBERS = dict(
    decimal=",",
    group="\u202f",
    group_alternatives=("\u00a0", " ", "\u2009"),
    scale_words={
        "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "Md": 1e9,
        "Mds": 1e9, "billion": 1e12, "billions": 1e12,
    },
    percent_words=("%", "pour cent", "pour-cent"),
    currency_words={
        "dollars américains": "USD", "dollars US": "USD", "dollars": "USD", "dollar": "USD", "$ US": "USD",
        "US$": "USD", "$": "USD", "USD": "USD", "€": "EUR", "euros": "EUR", "euro": "EUR", "Rp": "IDR",
        "roupies": "IDR", "roupie": "IDR", "rupiah": "IDR", "rupiahs": "IDR", "livres sterling": "GBP",
        "livres": "GBP", "£": "GBP", "yens": "JPY", "yuans": "CNY",
    },
    number_words={
        "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "une douzaine": 12, "cent": 100,
        "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
        "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80, "quatre-vingts": 80,
        "un siècle": 100, "une centaine": 100,
        "mille": 1e3, "un millier": 1e3, "un million": 1e6, "un milliard": 1e9,
    },
    number_word_multipliers={"cent": 100, "cents": 100},
    number_word_joiners=("et",),
    roman_ordinals=True,
    ordinal_words={
        "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
        "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
        "onzième": 11, "douzième": 12,
    },
    fraction_denominators={"tiers": 3, "quarts": 4, "cinquièmes": 5},
    fraction_words={"la moitié": 0.5, "un tiers": 1 / 3, "un quart": 0.25, "demi": 0.5},
    unit_words={
        "kilomètres": "km", "kilomètre": "km", "mètres": "m", "mètre": "m", "centimètres": "cm",
        "millimètres": "mm", "milles": "mi", "miles": "mi", "mille marin": "nmi", "milles marins": "nmi",
        "pieds": "ft", "pied": "ft", "pouces": "in", "kilogrammes": "kg", "kilos": "kg", "grammes": "g",
        "tonnes": "t", "tonne": "t", "litres": "l", "litre": "l", "gallons": "gal", "barils": "bbl",
        "hectares": "ha", "acres": "acre", "kilomètres carrés": "km2", "mètres carrés": "m2",
        "milles carrés": "mi2", "degrés Celsius": "C", "degrés Fahrenheit": "F", "degrés": "deg",
        "degré": "deg", "kilomètres par heure": "kmh", "kilomètres-heure": "kmh", "miles par heure": "mph",
        "nœuds": "kn",
    },
    ordinal_suffixes=("e", "è", "er", "re", "ère", "ème", "eme", "ᵉ", "es", "èmes", "nd", "nde"),
    reference_words=("article", "n°", "no", "numéro", "page", "section", "chapitre", "vol."),
    range_words=("à", "et", "ou", "au", "-", "–", "—"),
    number_exclude_patterns=(r"\b\d{1,2}\s?h\s?\d{2}\b", r"\b\d{1,2}\s?h(?![^\W\d_])"),
)

# Dates: "jeudi 16 mars 2023", the first of the month is "1er"; names are lower-case mid-sentence.
_DATES = dict(
    months={
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3, "avril": 4,
        "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
        "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12,
        "déc": 12,
    },
    weekdays={
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
    },
    relative_days={"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1},
    month_cues=("en", "de", "d'", "d’", "début", "fin", "mi", "mi-", "depuis", "jusqu'en", "et", "ou", "au"),
    date_false_friends=(r"\bMars\b(?!\s+\d)",),
    first_day_suffix="er",
)

# Punctuation: « » with no-break spaces inside, a no-break space before : ; ! ? (U+202F or U+00A0);
# "nous nous", "vous vous" are reflexive verbs, "de de" is never right.
_PUNCT = dict(
    quote_pairs=(("\u00ab", "\u00bb"), ("\u201c", "\u201d")),
    bracket_pairs=(("(", ")"), ("[", "]")),
    narrow_space_before=":;!?",
    spaced_guillemets=True,
    repeated_word_allowed=frozenset({"nous", "vous", "très", "non", "oui", "si", "bis", "plus", "encore"}),
    name_rewrites=(("zh", "j"), ("sh", "ch"), ("kh", "k")),
)

LOCALE = Locale(code="fr", name="French", script="latin", **_NUMBERS, **_DATES, **_PUNCT)  # type: ignore[arg-type]
