"""Writing systems in text: which script a character belongs to, script-unit counts, Latin runs.

Script evidence is certain where statistics are not (Han without kana is Chinese, Arabic script is
Arabic), so language identification and the wrong-script rule start here. Everything is offset-exact
so findings can point at the run they describe.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.text.caching import text_cache
from mtcheck.text.words import CJK_CHARS_PER_WORD

# (script tag, character class). Order matters only for readability; the ranges do not overlap.
_SCRIPT_RANGES: tuple[tuple[str, str], ...] = (
    ("Latn", "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"),
    ("Hani", "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3007"),
    ("Kana", "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"),
    ("Arab", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    ("Hang", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
    ("Cyrl", "\u0400-\u04ff\u0500-\u052f"),
    ("Grek", "\u0370-\u03ff"),
    ("Hebr", "\u0590-\u05ff"),
    ("Thai", "\u0e00-\u0e7f"),
    ("Deva", "\u0900-\u097f"),
)
_RUN = re.compile("|".join(f"(?P<{tag}>[{chars}]+)" for tag, chars in _SCRIPT_RANGES))
_LATN_LETTERS = re.compile(f"[{_SCRIPT_RANGES[0][1]}]+")  # _RUN on text of no other script
_LATIN_ONLY = frozenset({"Latn"})
CHARACTER_SCRIPTS = frozenset({"Hani", "Kana", "Hang"})  # one character ~ one syllable or word

# Parts of a text that are never language evidence: web and e-mail addresses.
# A substring every address match contains ("://", "www.", "@" or a dot before a listed domain);
# searched by its first characters, unlike _ADDRESS whose word-start alternatives try every position.
_ADDRESS_PROBE = re.compile(r"://|www\.|@|\.(?:com|id|org|net|go|co|gov|edu|int)", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|id|org|net|go\.id|co\.id|gov|edu|int)\b(?:/\S*)?", re.IGNORECASE)


@text_cache(8192)  # pure; the LANG analysis asks it several times per paragraph and sentence
def blank_addresses(text: str) -> str:
    """The text with URLs, e-mail addresses and domain names replaced by spaces (offsets kept)."""
    if not _ADDRESS_PROBE.search(text):  # most passages: no part any address needs, no slow scan
        return text
    return _ADDRESS.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class ScriptRun:
    script: str  # ISO 15924 tag: Latn, Hani, Kana, Arab, Hang, Cyrl, ...
    start: int
    end: int


def script_runs(text: str) -> Iterator[ScriptRun]:
    """Maximal runs of letters of one script (digits, spaces and punctuation belong to none)."""
    for m in _RUN.finditer(text):
        yield ScriptRun(m.lastgroup or "", m.start(), m.end())


@lru_cache(maxsize=16)
def _other_scripts(allowed: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(chars for tag, chars in _SCRIPT_RANGES if tag not in allowed) + "]")


def has_other_script(text: str, allowed: frozenset[str]) -> bool:
    """Whether the text has a letter of a script outside ``allowed`` (one C-level scan)."""
    return _other_scripts(allowed).search(text) is not None


def script_units(text: str) -> Counter[str]:
    """Word-equivalent units per script: one per word in alphabets, chars / 1.5 for Han and kana.

    Units make scripts comparable: a Chinese paragraph with an English name in brackets is still
    mostly Han, although the name has more letters than the paragraph has characters.
    """
    if not has_other_script(text, _LATIN_ONLY):  # English, Indonesian, French: Latin runs only, counted in C
        runs = len(_LATN_LETTERS.findall(text))
        return Counter({"Latn": runs}) if runs else Counter()
    units: Counter[str] = Counter()
    for m in _RUN.finditer(text):  # hot path: no ScriptRun objects
        script = m.lastgroup or ""
        if script in CHARACTER_SCRIPTS:
            units[script] += (m.end() - m.start()) / CJK_CHARS_PER_WORD  # type: ignore[assignment]
        else:
            units[script] += 1
    return units


# Pairs whose content is quoted, a title or a gloss: not evidence of a wrong language or script
# while short (a phrase). Title marks protect their content whatever its length.
QUOTE_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"),
    ("\u2039", "\u203a"), ("\u300c", "\u300d"), ("\u201d", "\u201d"), ('"', '"'),
    ("(", ")"), ("\uff08", "\uff09"), ("[", "]"), ("\u3010", "\u3011"),
)
TITLE_PAIRS: tuple[tuple[str, str], ...] = (("\u300a", "\u300b"), ("\u3008", "\u3009"), ("\u300e", "\u300f"))
_MAX_QUOTE = 400  # an unclosed quote must not hide the rest of a long paragraph
MAX_QUOTED_PHRASE = 5  # word-equivalents: a longer quotation is a passage, judged like any other
_CLOSERS = {open_: close for open_, close in (*QUOTE_PAIRS, *TITLE_PAIRS)}
_TITLES = {open_ for open_, _ in TITLE_PAIRS}
_OPENER = re.compile("|".join(re.escape(open_) for open_ in _CLOSERS))


def quoted_mask(text: str) -> list[bool]:
    """Per character: is it inside a title mark, or a short quote or bracket (delimiters included)?"""
    mask = [False] * len(text)
    closers, titles = _CLOSERS, _TITLES
    i = 0
    while (m := _OPENER.search(text, i)) is not None:  # jump from opener to opener
        i = m.start()
        j = text.find(closers[text[i]], i + 1, i + 1 + _MAX_QUOTE)
        if j < 0:
            i += 1
            continue
        if text[i] in titles or sum(script_units(text[i + 1:j]).values()) <= MAX_QUOTED_PHRASE:
            mask[i:j + 1] = [True] * (j + 1 - i)
        i = j + 1
    return mask


_LATIN_TOKEN = r"[A-Za-z\u00c0-\u024f0-9]+(?:['\u2019.\-@/&][A-Za-z\u00c0-\u024f0-9]+)*"
_LATIN_RUN = re.compile(rf"{_LATIN_TOKEN}(?:[ \t,;:\-\u2013%]+{_LATIN_TOKEN})*\.?")
_WORD = re.compile(_LATIN_TOKEN)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Unit symbols and abbreviations written in lower case in any language: not ordinary words.
_UNITS = frozenset(
    ["km", "kg", "cm", "mm", "mg", "ml", "ha", "kwh", "mwh", "gwh", "kw", "mw", "gw", "mph", "kph", "ppm", "am", "pm", "vs", "etc", "min", "sec", "hr", "km2", "m2", "m3", "fps"]
)


def latin_runs(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of runs of Latin-script words (with their digits, spaces and inner punctuation)."""
    for m in _LATIN_RUN.finditer(text):
        if _LATIN_LETTER.search(m.group()):
            yield m.start(), m.end()


def latin_words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_ordinary_word(word: str) -> bool:
    """A lower-case dictionary-looking word: not a name, acronym, brand, number, unit or symbol."""
    return len(word) >= 2 and word.isalpha() and word.islower() and word not in _UNITS


def ordinary_words(text: str, sentence: bool = True) -> list[str]:
    """Ordinary words of a Latin-script text (all capitals read in lower case).

    In a ``sentence`` the capitalised first word is read in lower case too; in a Latin run inside
    Chinese, Japanese or Arabic text it is not, as such runs mostly start with a name.
    """
    if text.isupper():
        text = text.lower()
    words = latin_words(text)
    if sentence and words and words[0][:1].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()  # a sentence's first word is capitalised, not a name
    units = _UNITS  # is_ordinary_word, inlined: this runs on every word of every passage
    return [w for w in words if len(w) >= 2 and w.isalpha() and w.islower() and w not in units]
