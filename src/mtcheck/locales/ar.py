"""Arabic: every fact mtcheck knows about Arabic text."""
from .base import Locale

LOCALE = Locale(code="ar", name="Arabic", script="arabic", rtl=True, sentence_end=".!?؟")
