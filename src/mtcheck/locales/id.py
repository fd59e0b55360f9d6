"""Indonesian: every fact mtcheck knows about Indonesian text."""
from mtcheck.locales.base import Locale
from mtcheck.locales.id_names import NAMES as _NAMES

# Numbers: "." groups thousands, "," is the decimal mark. Number words (satu..sembilan puluh, sejuta) are
# read as *optional* quantities: they may account for a target's digits ("lima persen" -> "5%") but are
# never reported missing (satu = "one/a", dua-duanya ... are too noisy to compare).
_NUMBERS = dict(
    decimal=",",
    group=".",
    scale_words={"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12},
    percent_words=("%", "persen", "per sen"),
    currency_words={
        "Rp": "IDR", "Rp.": "IDR", "rupiah": "IDR", "US$": "USD", "$": "USD", "dolar AS": "USD",
        "dolar Amerika Serikat": "USD", "dolar Amerika": "USD", "dolar": "USD", "£": "GBP",
        "pound sterling": "GBP", "poundsterling": "GBP", "pound": "GBP", "€": "EUR", "euro": "EUR",
        "yen": "JPY", "yuan": "CNY", "ringgit": "MYR", "S$": "SGD",
    },
    number_words={
        "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
        "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12, "tiga belas": 13, "empat belas": 14,
        "lima belas": 15, "enam belas": 16, "tujuh belas": 17, "delapan belas": 18, "sembilan belas": 19,
        "dua puluh": 20, "tiga puluh": 30, "empat puluh": 40, "lima puluh": 50, "enam puluh": 60,
        "tujuh puluh": 70, "delapan puluh": 80, "sembilan puluh": 90, "seratus": 100, "seribu": 1e3,
        "sejuta": 1e6, "semiliar": 1e9, "setriliun": 1e12,
    },
    # "salah satu" (one of), "satu-satunya" (the only), "satu per satu" (one by one), "satu sama lain"
    # (each other), "dua-duanya" (both): the number word is part of an idiom, not a count.
    number_word_idioms=(
        r"\bsalah\s+satu(?:nya)?\b", r"\b(\w+)-\1nya\b", r"\bsatu\s+(?:per|demi)\s+satu\b",
        r"\bsatu\s+sama\s+lain\b",
    ),
    number_word_multipliers={"puluh": 10, "ratus": 100},
    ordinal_words={
        "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
        "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10, "kesebelas": 11,
    },
    fraction_denominators={"pertiga": 3, "perempat": 4, "perlima": 5, "perdelapan": 8, "perseratus": 100},
    fraction_words={"setengah": 0.5, "separuh": 0.5, "sepertiga": 1 / 3, "seperempat": 0.25, "seperlima": 0.2},
    unit_words={
        "kilometer": "km", "meter": "m", "sentimeter": "cm", "milimeter": "mm", "mil": "mi", "kaki": "ft",
        "inci": "in", "yard": "yd", "mil laut": "nmi", "kilogram": "kg", "gram": "g", "ton": "t",
        "pon": "lb", "liter": "l", "galon": "gal", "barel": "bbl", "hektare": "ha", "hektar": "ha",
        "ekar": "acre", "acre": "acre", "kilometer persegi": "km2", "meter persegi": "m2", "mil persegi": "mi2",
        "km persegi": "km2", "derajat Celsius": "C", "derajat celcius": "C", "derajat Fahrenheit": "F",
        "derajat": "deg", "km per jam": "kmh", "kilometer per jam": "kmh", "mil per jam": "mph", "knot": "kn",
    },
    ordinal_prefixes=("ke-", "ke "),
    ordinal_suffixes=(" kalinya",),
    reference_words=("pasal", "ayat", "no.", "nomer", "halaman", "hlm.", "bab", "tipe", "seri"),
    range_words=("hingga", "sampai dengan", "sampai", "s.d.", "s/d", "dan", "atau", "-", "–", "—", "ke"),
    number_exclude_patterns=(
        r"\b(?:[Pp]ukul|[Jj]am)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*(?:dan|hingga|sampai|-|–)\s*\d{1,2}[.:]\d{2})?",
        r"\b\d{1,2}[.:]\d{2}\s*(?:WIB|WITA|WIT|GMT|UTC|BST)\b",
    ),
)

# Dates: names are capitalised ("minggu" is "week", "Minggu" is Sunday); "(16/3/2023)" is day/month/year.
_DATES = dict(
    months={
        "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4,
        "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8,
        "agst": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
        "nov": 11, "nopember": 11, "desember": 12, "des": 12,
    },
    weekdays={
        "senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5, "jum’at": 5, "sabtu": 6,
        "minggu": 7, "ahad": 7,
    },
    relative_days={"kemarin": -1, "kemarin lusa": -2, "hari ini": 0, "besok": 1, "esok": 1, "lusa": 2},
    date_names_capitalised=True,
    month_cues=(
        "bulan", "pada", "sejak", "hingga", "sampai", "awal", "akhir", "pertengahan", "medio", "selama",
        "per", "mulai", "antara", "dan", "atau", "hari",
    ),
    date_false_friends=(
        (
            r"\bMinggu\s+(?:lalu|ini|depan|ke|kemarin|berikutnya|sebelumnya|pertama|kedua|ketiga|terakhir|"
            r"mendatang|pagi ini)\b"
        ),
        r"(?:^|(?<=[.!?\"“]\s)|(?<=\n))Minggu(?!\s*(?:,|\(|pagi|siang|sore|malam|\d))",
        r"\b(?:[Mm]inggu|[Pp]ekan)\s+[Ii]ni\b",
    ),
)

# Punctuation (the source is read, not checked): curly or straight double quotes.
_PUNCT = dict(quote_pairs=(("\u201c", "\u201d"),), bracket_pairs=(("(", ")"), ("[", "]")))

LOCALE = Locale(code="id", name="Indonesian", script="latin", langid_aliases=("ms",), **_NUMBERS, **_DATES, **_NAMES, **_PUNCT)  # type: ignore[arg-type]
