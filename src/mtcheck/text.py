"""Language-independent text helpers: word counts and character classes."""
from __future__ import annotations

import re

from .locales import get_locale

_WORD = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

CJK_CHARS_PER_WORD = 1.5  # ~1.5 Chinese/Japanese characters per English-equivalent word


def count_words(text: str, lang: str) -> int:
    """Words for MQM normalisation; in CJK text each run of ideographs/kana counts chars / 1.5."""
    if get_locale(lang).cjk:
        cjk = len(_CJK_CHAR.findall(text))
        rest = _CJK_CHAR.sub(" ", text)
        return round(cjk / CJK_CHARS_PER_WORD) + len(_WORD.findall(rest))
    return len(_WORD.findall(text))
