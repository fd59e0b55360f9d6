"""Japanese: every fact mtcheck knows about Japanese text."""
from .base import Locale

LOCALE = Locale(code="ja", name="Japanese", script="han+kana", cjk=True, sentence_end="。！？!?", langid_accepts=("zh",))
