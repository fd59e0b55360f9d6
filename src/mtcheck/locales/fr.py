"""French: every fact mtcheck knows about French text."""
from .base import Locale

LOCALE = Locale(code="fr", name="French", script="latin")
