"""Indonesian: every fact mtcheck knows about Indonesian text."""
from .base import Locale

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
        r"\bMinggu\s+(?:lalu|ini|depan|ke|kemarin|berikutnya|sebelumnya|pertama|kedua|ketiga|terakhir|"
        r"mendatang|pagi ini)\b",
        r"(?:^|(?<=[.!?\"“]\s)|(?<=\n))Minggu(?!\s*(?:,|\(|pagi|siang|sore|malam|\d))",
        r"\b(?:[Mm]inggu|[Pp]ekan)\s+[Ii]ni\b",
    ),
)

LOCALE = Locale(code="id", name="Indonesian", script="latin", langid_aliases=("ms",), **_DATES)  # type: ignore[arg-type]
