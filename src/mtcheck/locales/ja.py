"""Japanese: every fact mtcheck knows about Japanese text."""
from mtcheck.locales.base import Locale

# Numbers: 万 = 10^4, 億 = 10^8, 兆 = 10^12; 1万2000 and 2兆3000億 are one quantity.
_NUMBERS = dict(
    decimal=".",
    group=",",
    group_alternatives=(" ", "\u00a0", "\u202f"),
    scale_words={"百": 1e2, "千": 1e3, "万": 1e4, "萬": 1e4, "億": 1e8, "兆": 1e12},
    percent_words=("%", "パーセント"),
    currency_words={
        "米ドル": "USD", "ドル": "USD", "円": "JPY", "ルピア": "IDR", "ポンド": "GBP", "ユーロ": "EUR",
        "元": "CNY", "US$": "USD", "$": "USD", "Rp": "IDR", "£": "GBP", "€": "EUR",
    },
    approx_infixes=("余",),
    approx_prefixes=("約", "およそ", "約の", "ほぼ", "超"),
    scale_lookalikes={"憶": "億"},
    unit_prefixes={"華氏": {"deg": "F"}, "摂氏": {"deg": "C"}, "時速": {"km": "kmh", "mi": "mph"}},
    unit_words={
        "キロメートル": "km", "メートル": "m", "センチメートル": "cm", "センチ": "cm", "ミリメートル": "mm",
        "マイル": "mi", "海里": "nmi", "フィート": "ft", "インチ": "in", "ヤード": "yd", "キログラム": "kg",
        "グラム": "g", "トン": "t", "ポンド": "lb", "オンス": "oz", "リットル": "l",
        "ガロン": "gal", "バレル": "bbl", "ヘクタール": "ha", "エーカー": "acre", "平方キロメートル": "km2",
        "平方キロ": "km2", "平方メートル": "m2", "平方マイル": "mi2", "度": "deg", "キロ毎時": "kmh",
    },
    kanji_numerals=True,
    ordinal_prefixes=("第",),
    ordinal_suffixes=("位", "番目", "回目", "番"),
    range_words=("から", "～", "〜", "~", "-", "–", "および", "と", "または"),
    number_exclude_patterns=(
        r"\d+\s*分\s*\d+\s*秒",
        r"\d+\s*年\s*\d+\s*月(?:\s*\d+\s*日)?", r"\d+\s*月\s*\d+\s*日?", r"\d+\s*月",
        r"\d+\s*時(?!間)(?:\s*\d+\s*分)?", r"\d{4}\s*年", r"\d+年代",
    ),
)

# Dates: 2023年3月16日, weekdays 木曜日 / 木曜 or a bracketed 木 after a date: 3月16日（木）.
_DATES = dict(
    weekdays={
        "月曜日": 1, "火曜日": 2, "水曜日": 3, "木曜日": 4, "金曜日": 5, "土曜日": 6, "日曜日": 7,
        "月曜": 1, "火曜": 2, "水曜": 3, "木曜": 4, "金曜": 5, "土曜": 6, "日曜": 7,
        "（月）": 1, "（火）": 2, "（水）": 3, "（木）": 4, "（金）": 5, "（土）": 6, "（日）": 7,
        "(月)": 1, "(火)": 2, "(水)": 3, "(木)": 4, "(金)": 5, "(土)": 6, "(日)": 7,
    },
    relative_days={"昨日": -1, "一昨日": -2, "今日": 0, "本日": 0, "明日": 1, "明後日": 2},
    numeric_date_orders=("ymd",),
)

# Punctuation: 「」『』 quotes and full-width marks in running Japanese.
_PUNCT = dict(
    quote_pairs=(("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\u201c", "\u201d")),
    bracket_pairs=(("\uff08", "\uff09"), ("(", ")"), ("\u3010", "\u3011")),
    native_punctuation={",": "\u3001", "?": "\uff1f", "!": "\uff01", ":": "\uff1a", ";": "\uff1b",
                        "(": "\uff08", ")": "\uff09"},
    source_marks={'"': "\u300c \u300d", ".": "\u3002"},
)

LOCALE = Locale(code="ja", name="Japanese", script="han+kana", cjk=True, sentence_end="。！？!?", langid_accepts=("zh",), **_NUMBERS, **_DATES, **_PUNCT)  # type: ignore[arg-type]
