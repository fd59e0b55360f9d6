"""English: every fact mtcheck knows about English text."""
from .base import Locale

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

LOCALE = Locale(code="en", name="English", script="latin", **_DATES)  # type: ignore[arg-type]
