"""Chinese: every fact mtcheck knows about Chinese text."""
from mtcheck.locales.base import Locale

# Numbers: 万 = 10^4, 亿 = 10^8, consecutive scale characters multiply (万亿 = 10^12, 百万 = 10^6);
# 兆 is left out (10^6 or 10^12 depending on the region).
_NUMBERS = dict(
    decimal=".",
    group=",",
    group_alternatives=(" ", "\u00a0", "\u202f"),
    scale_words={"百": 1e2, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8},
    percent_words=("%",),
    percent_prefixes=("百分之",),
    currency_words={
        "美元": "USD", "人民币": "CNY", "元": "CNY", "印尼盾": "IDR", "印尼卢比": "IDR", "卢比": "IDR",
        "英镑": "GBP", "欧元": "EUR", "日元": "JPY", "US$": "USD", "$": "USD", "Rp": "IDR", "£": "GBP",
        "€": "EUR",
    },
    approx_infixes=("多", "余"),
    approx_prefixes=("约", "大约", "近", "将近", "逾", "超过"),
    scale_lookalikes={"忆": "亿", "乙": "亿", "憶": "億"},
    unit_prefixes={"华氏": {"deg": "F"}, "摄氏": {"deg": "C"}, "时速": {"km": "kmh", "mi": "mph"}},
    unit_words={
        "公里": "km", "千米": "km", "米": "m", "厘米": "cm", "毫米": "mm", "英里": "mi", "海里": "nmi",
        "英尺": "ft", "英寸": "in", "公斤": "kg", "千克": "kg", "克": "g", "吨": "t", "磅": "lb",
        "盎司": "oz", "升": "l", "毫升": "ml", "加仑": "gal", "桶": "bbl", "公顷": "ha", "英亩": "acre",
        "平方公里": "km2", "平方千米": "km2", "平方米": "m2", "平方英里": "mi2", "摄氏度": "C", "华氏度": "F",
        "度": "deg", "公里/小时": "kmh", "公里每小时": "kmh", "英里/小时": "mph", "英里每小时": "mph",
    },
    kanji_numerals=True,
    fraction_infixes=("分之",),
    ordinal_prefixes=("第",),
    range_words=("至", "到", "-", "–", "~", "〜", "～", "和", "或"),
    number_exclude_patterns=(
        r"\d+\s*分\s*\d+\s*秒",
        r"\d+\s*年\s*\d+\s*月(?:\s*\d+\s*[日号])?", r"\d+\s*月\s*\d+\s*[日号]?", r"\d+\s*月",
        r"\d+\s*[点點时時](?:\s*\d+\s*分)?(?!钟)", r"\d{4}\s*年", r"\d+年代",
    ),
)

# Dates: 2023年3月16日 (Arabic or Chinese numerals); weekdays 周四 / 星期四 / 礼拜四; "每周一次" is a
# frequency, "两周一" no weekday.
_DATES = dict(
    weekdays={
        "周一": 1, "周二": 2, "周三": 3, "周四": 4, "周五": 5, "周六": 6, "周日": 7, "周天": 7,
        "星期一": 1, "星期二": 2, "星期三": 3, "星期四": 4, "星期五": 5, "星期六": 6, "星期日": 7,
        "星期天": 7, "礼拜一": 1, "礼拜二": 2, "礼拜三": 3, "礼拜四": 4, "礼拜五": 5, "礼拜六": 6,
        "礼拜天": 7, "礼拜日": 7,
    },
    relative_days={"昨天": -1, "前天": -2, "今天": 0, "明天": 1, "后天": 2},
    date_false_friends=(
        r"(?:周|星期|礼拜)[一二三四五六日天](?=[次遍个])",
        r"(?<=[一两二三四五六七八九十几数多半个每整])(?:周|星期|礼拜)[一二三四五六日天]",
    ),
    numeric_date_orders=("ymd",),
)

# Punctuation: full-width marks in running Chinese; ASCII marks are fine inside numbers and Latin runs.
_PUNCT = dict(
    quote_pairs=(("\u201c", "\u201d"), ("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\u300a", "\u300b")),
    bracket_pairs=(("\uff08", "\uff09"), ("(", ")"), ("\u3010", "\u3011")),
    native_punctuation={",": "\uff0c", "?": "\uff1f", "!": "\uff01", ":": "\uff1a", ";": "\uff1b",
                        "(": "\uff08", ")": "\uff09"},
    source_marks={'"': "\u201c \u201d", ".": "\u3002"},
)

LOCALE = Locale(code="zh", name="Chinese", script="han", cjk=True, sentence_end="。！？!?", **_NUMBERS, **_DATES, **_PUNCT)  # type: ignore[arg-type]
