"""French: every fact mtcheck knows about French text."""
from .base import Locale

# Dates: "jeudi 16 mars 2023", the first of the month is "1er"; names are lower-case mid-sentence.
_DATES = dict(
    months={
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3, "avril": 4,
        "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
        "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12,
        "déc": 12,
    },
    weekdays={
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
    },
    relative_days={"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1},
    month_cues=("en", "de", "d'", "d’", "début", "fin", "mi", "mi-", "depuis", "jusqu'en", "et", "ou", "au"),
    date_false_friends=(r"\bMars\b(?!\s+\d)",),
    first_day_suffix="er",
)

LOCALE = Locale(code="fr", name="French", script="latin", **_DATES)  # type: ignore[arg-type]
