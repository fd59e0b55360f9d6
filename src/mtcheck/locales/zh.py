"""Chinese: every fact mtcheck knows about Chinese text."""
from .base import Locale

LOCALE = Locale(code="zh", name="Chinese", script="han", cjk=True, sentence_end="。！？!?")
