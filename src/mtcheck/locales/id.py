"""Indonesian: every fact mtcheck knows about Indonesian text."""
from .base import Locale

LOCALE = Locale(code="id", name="Indonesian", script="latin", langid_aliases=("ms",))
