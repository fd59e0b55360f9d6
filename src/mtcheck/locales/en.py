"""English: every fact mtcheck knows about English text."""
from .base import Locale

LOCALE = Locale(code="en", name="English", script="latin")
