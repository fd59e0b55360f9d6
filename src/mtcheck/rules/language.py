"""Language rules: untranslated text, passages in a third language, foreign scripts, wrong versions.

The analysis (``langcheck.analyse_version``) runs once per version and decides every issue, so a
passage is never reported twice; each rule here only yields the issues of its own code. The
per-paragraph languages and the dominant language are exposed in ``ctx.extra``.
"""
from __future__ import annotations

from collections.abc import Iterable

from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.facts.langcheck import VersionLanguage, analyse_version
from mtcheck.model import Finding, Severity
from mtcheck.rules.base import Rule, VersionContext, register


def version_language(ctx: VersionContext) -> VersionLanguage:
    """The language analysis of ``ctx``'s version, computed once and published in ``ctx.extra``."""
    lang = ctx.target.lang
    report = ctx.memo(
        ("language", lang, ctx.target.content),
        lambda: analyse_version(ctx.source, ctx.target, ctx.config, lambda text: is_boilerplate(text, lang, ctx.config)),
    )
    ctx.extra["languages"] = report.languages
    ctx.extra["dominant_language"] = report.dominant
    return report


class _LanguageRule(Rule):
    uses_language_model = True

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        for issue in version_language(ctx).issues:
            if issue.code == self.code:
                yield self.finding(issue.message, source=issue.source, target=issue.target)


@register
class Untranslated(_LanguageRule):
    """A paragraph or sentence of the translation is still in the source language.

    **What it does.** Flags a target paragraph (or, inside a paragraph, a sentence or Latin-script
    passage) detected as the source language with high confidence, or whose ordinary words are
    (nearly) the same as a source paragraph's. Passages of fewer than four words and passages made
    of names, numbers, datelines or addresses are never judged, and neither is source text that is not
    Indonesian (an English slogan, a Latin motto) copied word for word as the source writes it.

    **Why is this bad?** The reader of the English version cannot read Indonesian: the passage's
    information is lost to them, exactly as if it had been omitted.

    **Example.** In ``en.txt``, flagged: "Pemerintah akan menaikkan harga bahan bakar minggu depan."
    Accepted: "Joko Widodo, Prabowo Subianto, Sri Mulyani" (names only) and "JAKARTA, 3 Mei 2024".
    """

    code = "LANG001"
    name = "untranslated"
    category = "accuracy/untranslated"
    severity = Severity.MAJOR


@register
class WrongLanguage(_LanguageRule):
    """A paragraph or sentence is in a third language (neither the source nor the version's).

    **What it does.** Flags a paragraph, a sentence or a passage of four or more words detected
    with high confidence as another language than the version's (English inside the Arabic version,
    French inside the English one). Quoted material, titles in title marks, bracketed glosses,
    names, acronyms and URLs are removed before judging; a passage the source itself writes word for
    word (an English slogan quoted in the Indonesian article) is accepted.

    **Why is this bad?** The passage is unreadable for the version's audience; a model that slipped
    into another language usually did so for a whole sentence.

    **Example.** In ``ar.txt``, flagged: "وقال الوزير The economy grew faster than expected this year".
    Accepted in ``fr.txt``: « Il a répondu “we will see” avant de partir. » (a quoted phrase).
    """

    code = "LANG002"
    name = "wrong-language"
    category = "accuracy/untranslated"
    severity = Severity.MAJOR


@register
class WrongScript(_LanguageRule):
    """Characters of a script the version should not contain.

    **What it does.** Flags Japanese kana in the Chinese version, Hangul, Cyrillic, Greek, Hebrew,
    Thai or Devanagari anywhere, Han or Arabic script outside quotes and brackets in other
    versions, and, in the Chinese, Japanese and Arabic versions, a run of ordinary lower-case
    Latin words ("the economy grew"). Names, acronyms, brands, URLs, e-mails, numbers, units and
    quoted or bracketed material are not flagged.

    **Why is this bad?** A stray script is a visible slip of the generator that readers notice
    and that often hides a word the model failed to translate. Its MQM category is
    ``linguistic-conventions/spelling``: the message is understood but not written with the
    version's writing system; it is minor because meaning is mostly kept.

    **Example.** In ``zh.txt``, flagged: "报告说the economy grew很快" and "政府の決定". Accepted:
    "北约(NATO)秘书长", "佐科·维多多(Joko Widodo)", "iPhone 销量", "10 km", "COVID-19".
    """

    code = "LANG003"
    name = "wrong-script"
    category = "linguistic-conventions/spelling"
    severity = Severity.MINOR


@register
class WrongVersionLanguage(_LanguageRule):
    """The whole version is in the wrong language.

    **What it does.** Weighs every determined paragraph by its words; when less than half of them
    are in the version's language and another language dominates, reports the version once
    (the paragraphs are then not reported again by the other LANG rules).

    **Why is this bad?** The file was mixed up (the French text saved as ``en.txt``) or the source
    was published as a translation: the whole version fails its readers.

    **Example.** Flagged: an ``en.txt`` whose paragraphs are the Indonesian source. Accepted: an
    English version with one Indonesian quotation in it (that is LANG001 at most).
    """

    code = "LANG004"
    name = "wrong-version-language"
    category = "accuracy/untranslated"
    severity = Severity.CRITICAL
