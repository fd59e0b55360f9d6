"""Arabic: every fact mtcheck knows about Arabic text."""
from mtcheck.locales.base import Locale

# Numbers: Latin or Arabic-Indic digits; U+066B is the Arabic decimal mark and U+066C the group mark,
# Latin-digit text follows Babel ("." decimal, "," group). Scale words take case endings (ألفاً).
_NUMBERS = dict(
    decimal=".",
    group=",",
    decimal_alternatives=("\u066b",),
    # "." followed by three digits is also read as a group (20.000 = 20000, common in Latin-digit Arabic
    # text), and so are spaces; both are reported as minor form errors, never as wrong values.
    group_alternatives=("\u066c", ".", " ", "\u00a0", "\u202f"),
    scale_words={
        "ألف": 1e3, "ألفا": 1e3, "ألفاً": 1e3, "ألفًا": 1e3, "آلاف": 1e3, "مليون": 1e6, "مليونا": 1e6,
        "مليوناً": 1e6, "مليونًا": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارا": 1e9, "ملياراً": 1e9,
        "مليارًا": 1e9, "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12, "تريليونات": 1e12,
    },
    percent_words=("%", "٪", "في المائة", "في المئة", "بالمائة", "بالمئة"),
    currency_words={
        "دولار أمريكي": "USD", "دولارات": "USD", "دولاراً": "USD", "دولارًا": "USD", "دولارا": "USD",
        "دولار": "USD", "$": "USD", "US$": "USD", "روبية": "IDR", "Rp": "IDR", "جنيه إسترليني": "GBP",
        "جنيه": "GBP", "£": "GBP", "يورو": "EUR", "€": "EUR", "ين": "JPY", "يوان": "CNY",
    },
    number_words={
        "واحد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4,
        "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثماني": 8, "ثمانية": 8,
        "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10, "أحد عشر": 11, "إحدى عشرة": 11, "اثنا عشر": 12,
        "اثني عشر": 12, "اثنتا عشرة": 12, "ثلاثة عشر": 13, "ثلاث عشرة": 13, "ثالثة عشر": 13,
        "ثالث عشر": 13, "أربعة عشر": 14, "أربع عشرة": 14, "خمسة عشر": 15, "خمس عشرة": 15, "ستة عشر": 16,
        "ست عشرة": 16, "سبعة عشر": 17, "سبع عشرة": 17, "ثمانية عشر": 18, "ثماني عشرة": 18,
        "تسعة عشر": 19, "تسع عشرة": 19, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30,
        "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70,
        "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مائة": 100, "مئة": 100,
        "ألف": 1e3, "مليون": 1e6, "مليار": 1e9,
    },
    number_word_prefixes=("و", "ب", "ل", "ف", "ال", "بال", "وال", "لل"),
    reference_words=("رقم", "المادة"),
    range_words=("إلى", "و", "حتى", "-", "–", "—"),
    number_exclude_patterns=(r"الساعة\s*\d{1,2}(?:[.:]\d{2})?",),
)

# Dates: Egyptian (مارس) and Levantine (آذار) month names, often both: "16 مارس/آذار 2023";
# weekdays carry the article (الخميس) and take attached prefixes (والخميس).
_DATES = dict(
    months={
        "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3, "أبريل": 4,
        "إبريل": 4, "ابريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6,
        "يوليو": 7, "يوليه": 7, "تموز": 7, "أغسطس": 8, "اغسطس": 8, "آب": 8, "سبتمبر": 9, "أيلول": 9,
        "أكتوبر": 10, "اكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11, "تشرين الثاني": 11, "ديسمبر": 12,
        "كانون الأول": 12,
    },
    weekdays={
        "الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الاربعاء": 3, "الخميس": 4, "الجمعة": 5,
        "السبت": 6, "الأحد": 7, "الاحد": 7,
    },
    relative_days={"أمس": -1, "الأمس": -1, "اليوم": 0, "غدا": 1, "غداً": 1},
    month_cues=("في", "منذ", "حتى", "خلال", "شهر", "أوائل", "أواخر", "منتصف", "مطلع", "نهاية", "بداية", "و"),
    date_false_friends=(r"كلا\s+الاثنين", r"الاثنين\s+(?:معا|معاً|منهما)", r"(?:يوم|منظمة|جماعة)\s+الجمعة\s+الخيرية"),
    clitic_prefixes=("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل"),
    term_strip_prefixes=("ال",),
)

# Punctuation: Arabic comma, semicolon and question mark between Arabic words; « » or “ ” quotes.
_PUNCT = dict(
    quote_pairs=(("\u00ab", "\u00bb"), ("\u201c", "\u201d")),
    symmetric_quote_pairs=(("\u201c", "\u201d"),),  # typed either way round in right-to-left text
    bracket_pairs=(("(", ")"), ("[", "]")),
    native_punctuation={",": "\u060c", "?": "\u061f", ";": "\u061b"},
    # letter names spelling Latin acronyms repeat legitimately: بي بي سي (BBC), سي إن إن (CNN)
    repeated_word_allowed=frozenset(["بي", "سي", "إن", "يو", "إس", "إف", "إم", "دي", "تي", "جي", "آي", "أو", "إي", "كيو"]),
)

LOCALE = Locale(code="ar", name="Arabic", script="arabic", rtl=True, sentence_end=".!?؟", **_NUMBERS, **_DATES, **_PUNCT)  # type: ignore[arg-type]
