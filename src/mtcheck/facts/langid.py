"""Language identification of passages: script evidence first, py3langid for Latin-script text.

Why this shape (measured by ``bench/langid_trial.py`` on ntrex-dev): script is certain where it
applies (Arabic script is Arabic; Han with kana is Japanese, Han alone Chinese), and for Latin text
py3langid restricted to the project's Latin languages was as accurate as lingua and faster, while
langdetect is non-deterministic unless seeded and has no Malay profile. Malay counts as Indonesian
(``Locale.langid_aliases``). Passages too short or made only of names and numbers are "und": they
are never evidence of a wrong language. The model loads once, lazily, and is deterministic.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from mtcheck.locales import SUPPORTED, get_locale
from mtcheck.text.caching import text_cache
from mtcheck.text.scripts import blank_addresses, latin_words, ordinary_words, script_units
from mtcheck.text.segment import split_paragraphs

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

UND = "und"
MIN_UNITS = 4  # fewer words (or word-equivalents of Han/kana) than this: undetermined
MIN_ORDINARY_WORDS = 3  # Latin text with fewer lower-case ordinary words is names/numbers only
KANA_SHARE = 0.15  # kana share of Han+kana characters above which Han text is Japanese (ntrex ja: >= 0.23)
_SCRIPT_LANG = {"Arab": "ar", "Hani": "zh"}  # scripts that decide a language by themselves


def _latin_labels() -> dict[str, str]:
    """Detector label -> project language, for the Latin-script project languages and aliases."""
    labels: dict[str, str] = {}
    for code in SUPPORTED:
        locale = get_locale(code)
        if locale.script == "latin":
            labels[code] = code
            labels.update({alias: code for alias in locale.langid_aliases})
    return labels


def load_model() -> None:
    """Load the py3langid model now (it is loaded on first use otherwise)."""
    _identifier()


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from mtcheck.facts.langid_model import load_identifier

    return load_identifier(sorted(_latin_labels()))


@text_cache(4096)  # pure; a one-sentence paragraph is detected as paragraph and as sentence
def detect_latin(text: str) -> tuple[str, float]:
    """The Latin-script project language of ``text`` and its probability (aliases summed)."""
    labels = _latin_labels()
    if text.isupper():
        text = text.lower()
    probs: dict[str, float] = {}
    for label, prob in _identifier().rank(text):
        probs[labels[label]] = probs.get(labels[label], 0.0) + prob
    lang = max(sorted(probs), key=lambda code: probs[code])
    return lang, min(1.0, probs[lang])  # float32 sums can exceed 1 by an ulp


@text_cache(4096)  # pure and deterministic; a paragraph is often also its only sentence
def detect(text: str) -> tuple[str, float]:
    """``(language, confidence)`` of a passage; ``("und", 0.0)`` when the evidence is too thin.

    Non-project scripts come back as ``und-<ISO 15924>`` (``und-Hang`` for Korean): determined,
    but not a language mtcheck knows.
    """
    clean = blank_addresses(text)
    units = script_units(clean)
    cjk = units["Hani"] + units["Kana"]
    by_script = {**units, "Hani": cjk}
    by_script.pop("Kana", None)
    total = sum(by_script.values())
    if total < MIN_UNITS:
        return UND, 0.0
    script = max(sorted(by_script), key=lambda s: by_script[s])
    share = by_script[script] / total
    if script == "Hani":
        return ("ja" if units["Kana"] > KANA_SHARE * cjk else "zh"), share
    if script in _SCRIPT_LANG:
        return _SCRIPT_LANG[script], share
    if script != "Latn":
        return f"{UND}-{script}", share
    if len(latin_words(clean)) < MIN_UNITS or len(ordinary_words(clean)) < MIN_ORDINARY_WORDS:
        return UND, 0.0
    lang, prob = detect_latin(clean)
    return lang, prob * share


def paragraph_languages(text: str) -> list[str]:
    """The detected language (or "und") of every paragraph of a text, in order."""
    return [detect(p.text)[0] for p in split_paragraphs(text)]


def dominant_language(langs: list[str], weights: list[float]) -> str:
    """The language with most weight (e.g. words) among determined passages; "und" if none."""
    totals: dict[str, float] = {}
    for lang, weight in zip(langs, weights):
        if lang != UND:
            totals[lang] = totals.get(lang, 0.0) + weight
    if not totals:
        return UND
    return max(sorted(totals), key=lambda code: totals[code])


def family(lang: str, expected: str) -> bool:
    """Does detection ``lang`` fit a version in language ``expected`` (same family or accepted)?"""
    locale = get_locale(expected)
    return lang == expected or lang in locale.langid_aliases or lang in locale.langid_accepts
