"""Language and script issues of one version: the analysis behind the LANG rules.

One pass decides every issue so that no passage is reported twice: a version in the wrong language
(LANG004) covers all its paragraphs; an untranslated paragraph (LANG001) covers its sentences and
runs; a paragraph in a third language (LANG002) covers its runs. Evidence is deliberately strict
(false alarms cost as much as misses): short passages, names, acronyms, numbers, addresses, quotes,
titles and bracketed glosses never count, and statistical detections need high confidence.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from mtcheck.config import Config
from mtcheck.facts.langid import MIN_UNITS, UND, detect, detect_latin, dominant_language, family
from mtcheck.locales import get_locale
from mtcheck.model import Paragraph, Span, Text
from mtcheck.text.caching import text_cache
from mtcheck.text.scripts import (
    blank_addresses,
    has_other_script,
    is_ordinary_word,
    latin_runs,
    latin_words,
    ordinary_words,
    quoted_mask,
    script_runs,
    script_units,
)
from mtcheck.text.sentences import split_sentences
from mtcheck.text.words import count_words

MIN_CONFIDENCE = 0.8  # a statistical (Latin-script) detection below this is not evidence
MIN_PASSAGE_ORDINARY = 3  # distinct ordinary words a Latin passage needs to be judged at all
NEAR_IDENTICAL = 0.8  # Dice overlap of ordinary words with a source paragraph: a copy
MIN_FOREIGN_PASSAGE_UNITS = 4  # a foreign-script run this long is a passage (LANG002), else LANG003
MAX_SCRIPT_GAP = 3  # runs of one foreign script this close together are one finding
VERSION_SHARE = 0.5  # below this share of determined words in its own language, a version is wrong

# Scripts of no project language: wrong wherever they appear, quoted or not.
_ALIEN_SCRIPTS = {"Hang": "Hangul", "Cyrl": "Cyrillic", "Grek": "Greek", "Hebr": "Hebrew",
                  "Thai": "Thai", "Deva": "Devanagari"}
_VERSION_SCRIPTS = {"latin": {"Latn"}, "han": {"Hani"}, "han+kana": {"Hani", "Kana"}, "arabic": {"Arab"}}
_SCRIPT_NAMES = {"Latn": "Latin", "Hani": "Han", "Kana": "kana", "Arab": "Arabic", **_ALIEN_SCRIPTS}


@dataclass(frozen=True)
class Issue:
    code: str  # LANG001..LANG004
    message: str
    target: Span
    source: Span | None = None


@dataclass
class VersionLanguage:
    languages: list[str]  # per target paragraph: detected code or "und"
    dominant: str
    issues: list[Issue] = field(default_factory=list)


IsBoilerplate = Callable[[str], bool]


def analyse_version(source: Text, target: Text, config: Config, is_boilerplate: IsBoilerplate) -> VersionLanguage:
    """Every language and script issue of ``target``, each passage reported once."""
    paragraphs = target.paragraphs
    boiler = [is_boilerplate(p.text) for p in paragraphs]
    detections = [detect(p.text) for p in paragraphs]
    langs = [lang for lang, _ in detections]
    report = VersionLanguage(langs, _dominant(target, paragraphs, langs, boiler))
    expected, src_lang = target.lang, source.lang
    if _version_is_wrong(target, paragraphs, langs, boiler, report.dominant):
        name = _language_name(report.dominant, src_lang)
        report.issues.append(Issue(
            "LANG004", f"the whole {get_locale(expected).name} version is in {name}",
            Span.of(target.content, 0, len(target.content))))
        return report
    source_words = _source_index(source)
    for para, (lang, conf), is_boiler in zip(paragraphs, detections, boiler):
        if not is_boiler:
            report.issues.extend(_paragraph_issues(target, para, lang, conf, src_lang, source_words))
    return report


def _dominant(target: Text, paragraphs: list[Paragraph], langs: list[str], boiler: list[bool]) -> str:
    kept = [(p, lang) for p, lang, b in zip(paragraphs, langs, boiler) if not b]
    weights = [float(count_words(p.text, target.lang)) for p, _ in kept]
    dominant = dominant_language([lang for _, lang in kept], weights)
    if dominant != target.lang and family(dominant, target.lang):
        # An accepted look-alike (kanji-only text in a Japanese version): the whole text decides.
        whole = detect("\n".join(p.text for p, _ in kept))[0]
        return whole if whole != UND else dominant
    return dominant


def _version_is_wrong(
    target: Text, paragraphs: list[Paragraph], langs: list[str], boiler: list[bool], dominant: str
) -> bool:
    if dominant == UND or dominant == target.lang or dominant in get_locale(target.lang).langid_aliases:
        return False
    own = total = 0.0
    own_paras = total_paras = 0
    for p, lang, b in zip(paragraphs, langs, boiler):
        if b or lang == UND:
            continue
        words = count_words(p.text, target.lang)
        total += words
        total_paras += 1
        if lang == target.lang or lang in get_locale(target.lang).langid_aliases:  # look-alikes: see _dominant
            own += words
            own_paras += 1
    # Both words and paragraphs: one long mixed paragraph must not condemn a short version.
    return own < VERSION_SHARE * total and own_paras < VERSION_SHARE * total_paras


def _language_name(lang: str, source_lang: str) -> str:
    if lang.startswith(UND + "-"):
        return f"{_SCRIPT_NAMES.get(lang[4:], lang[4:])} script"
    name = get_locale(lang).name
    return f"{name} (the source language)" if lang == source_lang else name


class _SourceIndex:
    """Ordinary-word bags of the source paragraphs, to find a target passage copied from the source.

    Only source paragraphs sharing at least half of the passage's distinct words are compared in full,
    and they are found by prefix filtering: such a paragraph must hold one of the passage's
    ``len - need + 1`` rarest words, so only those words' postings are read. (Reading every word's
    postings was quadratic when words recur in every paragraph: 20,000 paragraphs took 38 s.)
    """

    def __init__(self, source: Text) -> None:
        self.content = source.content
        self.lang = source.lang
        self.paragraphs = source.paragraphs
        self.folded = f" {_folded(source.content)} "
        self.bags = [Counter(ordinary_words(blank_addresses(p.text))) for p in self.paragraphs]
        self.sizes = [sum(bag.values()) for bag in self.bags]
        self.index: dict[str, list[int]] = {}
        for i, bag in enumerate(self.bags):
            for word in bag:
                self.index.setdefault(word, []).append(i)

    def copied_from(self, text: str) -> Paragraph | None:
        bag = Counter(ordinary_words(blank_addresses(text)))
        if len(bag) < MIN_PASSAGE_ORDINARY:
            return None
        need = (len(bag) + 1) // 2  # distinct words a candidate must share
        rarest = sorted(bag, key=lambda word: len(self.index.get(word, ())))[:len(bag) - need + 1]
        candidates = {i for word in rarest for i in self.index.get(word, ())}
        size = sum(bag.values())
        for i in sorted(candidates):
            if sum(word in self.bags[i] for word in bag) < need:
                continue
            common = sum((bag & self.bags[i]).values())
            if 2 * common / (size + self.sizes[i]) >= NEAR_IDENTICAL:
                return self.paragraphs[i]
        return None

    def quotes(self, text: str) -> bool:
        """The source itself writes this passage (two words or more) word for word: a slogan, a motto or
        a quotation the source keeps in its own language, which a translation rightly copies."""
        folded = _folded(text)
        return folded.count(" ") >= 1 and f" {folded} " in self.folded

    def foreign(self, text: str) -> bool:
        """A source passage confidently in another language than the source's (an English tweet)."""
        lang, conf = detect(text)
        return lang != UND and not family(lang, self.lang) and conf >= MIN_CONFIDENCE


def _folded(text: str) -> str:
    """Case-folded words joined by single spaces: punctuation and spacing do not tell copies apart."""
    return " ".join(_FOLD_WORD.findall(text.casefold()))


_FOLD_WORD = re.compile(r"[^\W_]+")


@text_cache(8)
def _source_index(source: Text) -> _SourceIndex:
    """One index per source text, shared by its five versions."""
    return _SourceIndex(source)


def _paragraph_issues(
    target: Text, para: Paragraph, lang: str, conf: float, src_lang: str, source: _SourceIndex
) -> list[Issue]:
    span = Span.of(target.content, para.start, para.end)
    copied = source.copied_from(para.text)
    if copied is not None and not source.foreign(copied.text):  # a copied English tweet is not untranslated
        return [Issue("LANG001", "untranslated paragraph: identical or nearly identical to the source",
                      span, Span.of(source.content, copied.start, copied.end))]
    if get_locale(target.lang).script == "latin":
        sentences = _sentences(target.lang, para)
        parts = [i for a, b in sentences
                 if (i := _latin_passage_issue(target, a, b, src_lang, "sentence", True, source))]
        mixed = len(sentences) > 1 and any(_in_language(target.content[a:b], target.lang) for a, b in sentences)
    else:
        parts = _latin_run_issues(target, para, src_lang, source)
        mixed = sum(script_units(para.text)[s] for s in _own_scripts(target.lang)) >= MIN_UNITS
    if not mixed:  # a paragraph wholly in another language is one finding, not one per sentence
        whole = _whole_paragraph_issue(target, para, lang, conf, src_lang)
        if whole is not None and not (whole.code == "LANG002" and source.quotes(para.text)):
            return [whole]
    return parts + _foreign_script_issues(target, para, src_lang, covered=parts, source=source)


def _whole_paragraph_issue(target: Text, para: Paragraph, lang: str, conf: float, src_lang: str) -> Issue | None:
    span = Span.of(target.content, para.start, para.end)
    if family(lang, src_lang) and conf >= MIN_CONFIDENCE:
        return Issue("LANG001", f"untranslated paragraph: in {_language_name(lang, src_lang)}", span)
    if lang == UND or family(lang, target.lang):
        return None
    lang2, conf2 = detect(_unquoted(para.text))
    if lang2 == UND and not _has_own_script(para.text, target.lang):
        lang2, conf2 = lang, conf  # only a quotation and its attribution, nothing in the version's script
    if lang2 != UND and not family(lang2, target.lang) and conf2 >= MIN_CONFIDENCE:
        return Issue("LANG002", f"paragraph in {_language_name(lang2, src_lang)}, "
                                f"expected {get_locale(target.lang).name}", span)
    return None


def _in_language(text: str, lang: str) -> bool:
    detected, conf = detect(text)
    return family(detected, lang) and conf >= MIN_CONFIDENCE


def _own_scripts(lang: str) -> set[str]:
    return _VERSION_SCRIPTS[get_locale(lang).script]


def _has_own_script(text: str, lang: str) -> bool:
    """Does a non-Latin version's passage contain any letter of the version's own scripts?"""
    scripts = _own_scripts(lang)
    return "Latn" in scripts or any(run.script in scripts for run in script_runs(text))


def _unquoted(text: str) -> str:
    mask = quoted_mask(text)
    if True not in mask:
        return text
    return "".join(" " if m else c for c, m in zip(text, mask))


@text_cache(8192)  # asked of a sentence and again of its unquoted form, mostly the same text
def _judged(text: str, sentence: bool) -> bool:
    """Enough ordinary words (not names, numbers or addresses) to say what language this is."""
    words = ordinary_words(blank_addresses(text), sentence)
    return len(set(words)) >= MIN_PASSAGE_ORDINARY and len(latin_words(text)) >= MIN_UNITS


def _sentences(lang: str, para: Paragraph) -> list[tuple[int, int]]:
    """Offsets (into the whole text) of the sentences of a paragraph."""
    return [(s.start, s.end) for s in split_sentences(para.text, lang, para.start)]


def _latin_passage_issue(
    target: Text, start: int, end: int, src_lang: str, kind: str, sentence: bool, source: _SourceIndex
) -> Issue | None:
    text = target.content[start:end]
    span = Span.of(target.content, start, end)
    if _judged(text, sentence):
        lang, conf = detect_latin(blank_addresses(text))
        if family(lang, src_lang) and conf >= MIN_CONFIDENCE:
            return Issue("LANG001", f"untranslated {kind} in {_language_name(lang, src_lang)}", span)
    unquoted = _unquoted(text)
    if _judged(unquoted, sentence) and not source.quotes(unquoted):
        lang, conf = detect_latin(blank_addresses(unquoted))
        if not family(lang, target.lang) and conf >= MIN_CONFIDENCE:
            return Issue("LANG002", f"{kind} in {_language_name(lang, src_lang)} inside the "
                                    f"{get_locale(target.lang).name} version", span)
    return None


def _latin_run_issues(target: Text, para: Paragraph, src_lang: str, source: _SourceIndex) -> list[Issue]:
    """Latin-script runs in a non-Latin version: a sentence in another language, or stray words (not a
    passage the source itself writes so: a slogan or motto copied as the source has it)."""
    text = blank_addresses(para.text)
    mask = quoted_mask(para.text)
    issues = []
    for start, end in latin_runs(text):
        if any(mask[start:end]):
            continue  # quoted, a title or a bracketed gloss
        a, b = para.start + start, para.start + end
        issue = _latin_passage_issue(target, a, b, src_lang, "passage", False, source)
        if issue is None and _stray_words(text[start:end]) and not source.quotes(text[start:end]):
            issue = Issue("LANG003", f"Latin-script words in the {get_locale(target.lang).name} version",
                          Span.of(target.content, a, b))
        if issue:
            issues.append(issue)
    return issues


def _stray_words(run: str) -> bool:
    """Ordinary lower-case words (not names, acronyms, units): two long ones or three of any length."""
    words = [w for w in latin_words(run) if is_ordinary_word(w)]
    return len(words) >= 3 or sum(len(w) >= 4 for w in words) >= 2


def _foreign_script_issues(
    target: Text, para: Paragraph, src_lang: str, covered: list[Issue], source: _SourceIndex
) -> list[Issue]:
    """Runs of scripts foreign to the version (Latin is handled as words, not as a script)."""
    allowed = _VERSION_SCRIPTS[get_locale(target.lang).script] | {"Latn"}
    mask = quoted_mask(para.text)
    issues = []
    for script, start, end in _merged_runs(para.text, allowed):
        a, b = para.start + start, para.start + end
        if any(i.target.start <= a < i.target.end for i in covered):
            continue
        alien = any(s in _ALIEN_SCRIPTS or s == "Kana" for s in script.split("+"))
        if not alien and any(mask[start:end]):
            continue  # an original-script name or title in brackets or quotes
        if source.quotes(para.text[start:end]):
            continue  # written so in the source too
        span = Span.of(target.content, a, b)
        units = sum(script_units(para.text[start:end]).values())
        lang = detect(para.text[start:end])[0]
        if units >= MIN_FOREIGN_PASSAGE_UNITS and not alien and lang != UND and not family(lang, target.lang):
            issues.append(Issue("LANG002", f"passage in {_language_name(lang, src_lang)} inside the "
                                           f"{get_locale(target.lang).name} version", span))
        else:
            names = " and ".join(_SCRIPT_NAMES.get(s, s) for s in script.split("+"))
            issues.append(Issue("LANG003", f"{names} script in the "
                                           f"{get_locale(target.lang).name} version", span))
    return issues


def _merged_runs(text: str, allowed: set[str]) -> list[tuple[str, int, int]]:
    """Runs of foreign scripts ("Hani+Kana" when mixed), merged across short or letterless gaps."""
    merged: list[tuple[str, int, int]] = []
    if not has_other_script(text, frozenset(allowed)):
        return merged
    for run in script_runs(text):
        if run.script in allowed:
            continue
        gap = text[merged[-1][2]:run.start] if merged else ""
        if merged and (len(gap) <= MAX_SCRIPT_GAP or not any(c.isalpha() for c in gap)):
            scripts = merged[-1][0] if run.script in merged[-1][0].split("+") else f"{merged[-1][0]}+{run.script}"
            merged[-1] = (scripts, merged[-1][1], run.end)
        else:
            merged.append((run.script, run.start, run.end))
    return merged
