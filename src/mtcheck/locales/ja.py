"""Japanese: every fact mtcheck knows about Japanese text."""
from .base import Locale

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

LOCALE = Locale(code="ja", name="Japanese", script="han+kana", cjk=True, sentence_end="。！？!?", langid_accepts=("zh",), **_DATES)  # type: ignore[arg-type]
