"""Chinese: every fact mtcheck knows about Chinese text."""
from .base import Locale

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

LOCALE = Locale(code="zh", name="Chinese", script="han", cjk=True, sentence_end="。！？!?", **_DATES)  # type: ignore[arg-type]
