"""CONS001 and the cross-version fact table: the five versions of an article are five witnesses.

Every per-version rule compares one translation with the source alone, so it cannot tell a translation
error from a source it misread. Here each *source fact* the rules reason about (a quantity, a date, a
name, a link, a glossary term, a paragraph) gets one row and each version one column: ``ok`` or the
findings that concern it (matched by overlapping source span). Then:

* a fact flagged in exactly one version while at least ``MIN_WITNESSES`` others render it fine is
  confirmed (message says so; a minor fact finding becomes major);
* a fact flagged in every version (at least ``MIN_WITNESSES`` of them), or a date flagged in all but one
  with at least ``MIN_WITNESSES + 1`` flagged (the fifth may leave the weekday out), is most likely our
  reading of the source, or the source itself: those findings are lowered to minor and say so;
* a source paragraph whose alignment score in one version is a strong outlier against the same
  paragraph's scores in the other versions gets a CONS001 finding (minor: the evidence is statistical).

The table is published per version as ``ctx.extra["facts"]`` for the report's fact x language view.
"""
from __future__ import annotations

import statistics
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mtcheck.locales import get_locale
from mtcheck.model import Finding, Severity, Span
from mtcheck.rules.base import CrossVersionRule, VersionContext, register

MIN_WITNESSES = 3  # versions that must agree before one version's disagreement is judged by them
# Which rules' findings concern which kind of fact (a finding matches a fact of its kind whose source
# span it overlaps): a NUM002 inside a paragraph says nothing about the paragraph as a whole.
RULES_BY_KIND: dict[str, frozenset[str]] = {
    "number": frozenset({"NUM001", "NUM002"}),
    "date": frozenset({"DATE001"}),
    "name": frozenset({"NAME001"}),
    "link": frozenset({"LINK001", "LINK002"}),
    "term": frozenset({"TERM001"}),
    "paragraph": frozenset({"STR001", "STR004", "STR005", "SEM001", "CONS001"}),
}
KINDS_OF_RULE: dict[str, tuple[str, ...]] = {
    rule: tuple(kind for kind, rules in RULES_BY_KIND.items() if rule in rules)
    for rule in frozenset().union(*RULES_BY_KIND.values())
}
RAISED_WHEN_CONFIRMED = frozenset({"NUM002", "DATE001", "NAME001", "LINK001", "LINK002", "TERM001"})
CONFIRMED = " (the other {n} versions render it correctly)"
EVERYWHERE = " (all {n} versions differ from the source here: check the source)"
MOST = " ({n} of {total} versions differ from the source here: check the source)"

# Alignment outliers: robust z of a version's score against the same paragraph's scores in all versions.
# Measured on ntrex-dev (bench/fp_consistency.py): bead scores mix length and anchor agreement, so clean
# versions of one paragraph often score 0.6-0.8 against 0.95 elsewhere (z -3.5 / margin 0.15 gave 47
# false positives); these settings leave 1 in 310 versions. The evidence stays weak: minor only.
OUTLIER_Z = -5.0  # (relative score - median) / (1.4826 * MAD) at most this
MAD_FLOOR = 0.03  # scores of a well-translated paragraph can agree to the third decimal: floor the spread
OWN_MARGIN = 0.35  # and the score lies this far below the version's own median bead score


@dataclass(frozen=True)
class Fact:
    """One source fact; ``langs`` are the versions a rule checks it in (None: every version)."""

    kind: str
    span: Span
    langs: frozenset[str] | None = None

    def applies(self, lang: str) -> bool:
        return self.langs is None or lang in self.langs


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def source_facts(ctx: VersionContext) -> list[Fact]:
    """The article's source facts, in source order (computed once per article)."""
    return ctx.memo(("consistency", "facts"), lambda: _collect(ctx))


def _collect(ctx: VersionContext) -> list[Fact]:
    from mtcheck.facts.dates import parse_dates
    from mtcheck.facts.numbers import digit_quantities

    src = ctx.source
    text = src.content
    facts = [
        Fact("number", Span.of(text, q.start, q.end))
        for q in digit_quantities(text, src.lang, True) if not q.optional
    ]
    facts += [Fact("date", d.span) for d in parse_dates(text, src.lang)]
    facts += _entity_facts(ctx)
    facts += _term_facts(ctx)
    facts += [Fact("paragraph", Span(p.start, p.end, p.text)) for p in src.paragraphs]
    return sorted(_distinct(facts), key=lambda f: (f.span.start, f.span.end, f.kind))


def _distinct(facts: Iterable[Fact]) -> list[Fact]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for fact in facts:
        key = (fact.kind, fact.span.start, fact.span.end)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _entity_facts(ctx: VersionContext) -> list[Fact]:
    from mtcheck.facts.entities import find_links
    from mtcheck.rules.entities import (
        MAX_LINKS,
        _source_names,  # NAME001's own list of names, so the rows match its findings
    )

    src = ctx.source
    links = find_links(src.content)  # more than MAX_LINKS are not compared: no row says "ok" for them
    facts = [Fact("link", Span(link.start, link.end, link.text)) for link in links] if len(links) <= MAX_LINKS else []
    latin = frozenset(lang for lang, t in ctx.article.targets.items() if get_locale(t.lang).script == "latin")
    if get_locale(src.lang).script != "latin" or not latin:
        return facts  # NAME001 checks names in Latin-script versions of a Latin-script source only
    names = ctx.memo(("entities.names", src.lang), lambda: _source_names(ctx))
    return facts + [Fact("name", Span(n.start, n.end, n.text), latin) for n in names]


def _term_facts(ctx: VersionContext) -> list[Fact]:
    from mtcheck.facts.glossary import find_source_terms, load_glossary

    src, path = ctx.source, ctx.config.glossary
    try:  # the same memo keys as TERM001: the glossary is read and the source searched once
        glossary = ctx.memo(("glossary", path), lambda: load_glossary(path, src.lang))
        hits = ctx.memo(("glossary-source", path), lambda: find_source_terms(src.content, glossary, src.lang))
    except (OSError, ValueError):  # a broken user glossary is TERM001's to report, not ours
        return []
    first: dict[Any, Span] = {}
    for hit in hits:
        first.setdefault(hit.entry, hit.span)
    checked = frozenset(lang for lang in ctx.article.targets if any(entry.get(lang) for entry in first))
    return [Fact("term", span, frozenset(lang for lang in checked if entry.get(lang))) for entry, span in first.items()]


# --- the fact table ---------------------------------------------------------------------------


FactTable = dict[str, list[list[int]]]  # language -> per fact, the indices of the findings concerning it


class _FactIndex:
    """Facts of each kind sorted by start, with a running maximum of their ends: the facts a span
    overlaps are found by bisection instead of a scan of every fact (findings x facts is quadratic)."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        by_kind: dict[str, list[tuple[int, int, int]]] = {}
        for i, fact in enumerate(facts):
            by_kind.setdefault(fact.kind, []).append((fact.span.start, fact.span.end, i))
        self.kinds: dict[str, tuple[list[int], list[int], list[tuple[int, int, int]]]] = {}
        for kind, rows in by_kind.items():
            rows.sort()
            reach, high = [], -1
            for _, end, _ in rows:
                high = max(high, end)
                reach.append(high)
            self.kinds[kind] = ([start for start, _, _ in rows], reach, rows)

    def overlapping(self, kind: str, span: Span) -> Iterable[int]:
        if kind not in self.kinds:
            return
        starts, reach, rows = self.kinds[kind]
        j = bisect_left(starts, span.end) - 1  # rows[:j + 1] start before the span ends
        while j >= 0 and reach[j] > span.start:
            if rows[j][1] > span.start:
                yield rows[j][2]
            j -= 1


def fact_table(facts: Sequence[Fact], findings: dict[str, list[Finding]]) -> FactTable:
    index = _FactIndex(facts)
    table: FactTable = {}
    for lang, found in findings.items():
        rows: list[list[int]] = [[] for _ in facts]
        for k, f in enumerate(found):
            if f.source is None:
                continue
            hits = {i for kind in KINDS_OF_RULE.get(f.rule, ()) for i in index.overlapping(kind, f.source)}
            for i in sorted(hits):
                if facts[i].applies(lang):
                    rows[i].append(k)
        table[lang] = rows
    return table


def judge(
    facts: Sequence[Fact], table: FactTable
) -> tuple[dict[tuple[str, int], int], dict[tuple[str, int], tuple[int, int]]]:
    """(confirmed, lowered): finding (language, index) -> the witnesses to name in its message.

    Confirmed: some fact it concerns is flagged in its version only, with ``MIN_WITNESSES`` or more
    versions rendering it fine (value: that number). Lowered: every fact it concerns is flagged in every
    version, at least ``MIN_WITNESSES`` of them (value: the number of versions); a truncation spanning
    several paragraphs is lowered only if all of them are missing everywhere.
    """
    concerns: dict[tuple[str, int], list[int]] = {}
    for lang, rows in table.items():
        for i, row in enumerate(rows):
            for k in row:
                concerns.setdefault((lang, k), []).append(i)
    versions = [[lang for lang in table if fact.applies(lang)] for fact in facts]
    flagged = [[lang for lang in langs if table[lang][i]] for i, langs in enumerate(versions)]
    confirmed: dict[tuple[str, int], int] = {}
    lowered: dict[tuple[str, int], tuple[int, int]] = {}
    for key, indices in concerns.items():
        alone = [len(versions[i]) - 1 for i in indices if len(flagged[i]) == 1]
        if alone and max(alone) >= MIN_WITNESSES:
            confirmed[key] = max(alone)
        elif all(_against_the_source(facts[i], len(flagged[i]), len(versions[i])) for i in indices):
            lowered[key] = (min(len(flagged[i]) for i in indices), min(len(versions[i]) for i in indices))
    return confirmed, lowered


def _against_the_source(fact: Fact, flagged: int, versions: int) -> bool:
    """The versions agree with each other against the source: every one of them (at least
    ``MIN_WITNESSES``) differs from it, or, for a date, all but one with ``MIN_WITNESSES + 1`` differing.
    A version may leave a weekday out and so say nothing either way (no rule flags a weekday left out):
    four translations that all date the event differently from the source are evidence against the
    source. Not for other facts: a number, name or term left out is itself flagged, so a fifth version
    without a finding rendered the fact as the source says, and four versions copying ``80.000`` are
    four errors (an MT system repeats its mistakes across languages); nor for paragraphs."""
    if flagged == versions >= MIN_WITNESSES:
        return True
    return fact.kind == "date" and flagged >= MIN_WITNESSES + 1 and flagged >= versions - 1


def _confirm(f: Finding, witnesses: int) -> Finding:
    """A confirmed minor finding becomes major, except a source number with no counterpart in the version:
    the others render it in digits, this one may well say it in words or an idiom ("a century", "绝对")."""
    raise_ = f.rule in RAISED_WHEN_CONFIRMED and not (f.rule == "NUM002" and f.target is None)
    severity = Severity.MAJOR if raise_ and f.severity == Severity.MINOR else f.severity
    return replace(f, message=f.message + CONFIRMED.format(n=witnesses), severity=severity)


def _lower(f: Finding, flagged: int, versions: int) -> Finding:
    severity = Severity.MINOR if f.severity.rank > Severity.MINOR.rank else f.severity
    note = EVERYWHERE.format(n=versions) if flagged == versions else MOST.format(n=flagged, total=versions)
    return replace(f, message=f.message + note, severity=severity)


def status(rows: list[int], found: list[Finding]) -> str:
    """The rule code of the most severe finding concerning a fact, or ``ok``."""
    if not rows:
        return "ok"
    return max((found[k] for k in rows), key=lambda f: f.severity.rank).rule


def publish(facts: Sequence[Fact], contexts: dict[str, VersionContext], findings: dict[str, list[Finding]]) -> None:
    """Each version's column of the fact table, in ``ctx.extra["facts"]`` (same rows in every version)."""
    table = fact_table(facts, findings)
    for lang, ctx in contexts.items():
        ctx.extra["facts"] = [
            {
                "kind": fact.kind,
                "source": {"start": fact.span.start, "end": fact.span.end, "text": fact.span.text},
                "status": status(table[lang][i], findings[lang]) if fact.applies(lang) else "n/a",
            }
            for i, fact in enumerate(facts)
        ]


# --- alignment outliers -----------------------------------------------------------------------


def _paragraph_scores(ctx: VersionContext) -> dict[int, tuple[float, tuple[int, ...]]]:
    """Source paragraph index -> (score of its matched bead, the bead's target paragraphs).

    Only alignments scored with an encoder are used: anchor-only scores depend on the script (Latin
    versions share capitalised words with the source, the others share only numbers), so they are not
    comparable across versions.
    """
    scores: dict[int, tuple[float, tuple[int, ...]]] = {}
    alignment, aligner = ctx.extra.get("alignment"), ctx.extra.get("aligner")
    if not isinstance(alignment, list) or not isinstance(aligner, dict) or "encoder" not in str(aligner.get("method")):
        return scores
    for bead in alignment:
        try:
            src, tgt, score = tuple(bead["source"]), tuple(bead["target"]), float(bead["score"])
        except (TypeError, KeyError, ValueError):
            continue
        if src and tgt:
            for i in src:
                scores[int(i)] = (score, tuple(int(j) for j in tgt))
    return scores


@dataclass(frozen=True)
class Outlier:
    lang: str
    paragraph: int
    targets: tuple[int, ...]
    score: float
    median: float
    z: float


def alignment_outliers(contexts: dict[str, VersionContext]) -> list[Outlier]:
    """Versions whose alignment score for a source paragraph is far below the other versions' scores.

    Each score is first taken relative to its version's own median (a language pair, or an MT system,
    may score lower throughout); a paragraph's relative scores are then compared across versions with a
    robust z (median and MAD, the spread floored so near-identical scores do not make noise an outlier).
    """
    per_lang = {lang: _paragraph_scores(ctx) for lang, ctx in contexts.items()}
    per_lang = {lang: s for lang, s in per_lang.items() if s}
    own = {lang: statistics.median(v[0] for v in s.values()) for lang, s in per_lang.items()}
    found: list[Outlier] = []
    for i in sorted({i for s in per_lang.values() for i in s}):
        here = {lang: s[i] for lang, s in per_lang.items() if i in s}
        if len(here) < MIN_WITNESSES + 1:
            continue
        relative = {lang: score - own[lang] for lang, (score, _) in here.items()}
        median = statistics.median(relative.values())
        spread = max(1.4826 * statistics.median(abs(v - median) for v in relative.values()), MAD_FLOOR)
        for lang, (score, targets) in here.items():
            z = (relative[lang] - median) / spread
            if z <= OUTLIER_Z and relative[lang] <= -OWN_MARGIN:
                others = statistics.median(s for other, (s, _) in here.items() if other != lang)
                found.append(Outlier(lang, i, targets, score, others, z))
    return found


@register
class CrossVersionInconsistency(CrossVersionRule):
    """One version's rendering of a source paragraph stands out from all the other versions.

    **What it does.** Runs after every other rule with all versions of the article. It (1) builds a
    fact x language table of the source facts the rules check (quantities, dates, names, links, glossary
    terms, paragraphs); (2) a fact flagged in only one version while at least three others render it
    fine is confirmed in that finding's message, and a minor NUM002/DATE001/NAME001/LINK/TERM001 finding
    becomes major (not a NUM002 with no counterpart in the version: it may say the number in words); (3) a fact flagged in every version (three or more), or a date in all but one (four or more), is
    most likely misread in the source, so those findings are lowered to minor with a note to check the source; (4) a source
    paragraph whose alignment score in one version is a strong outlier against its scores in the other
    versions (robust z <= -5 with median/MAD, and 0.35 below that version's own median) is reported
    as a possible mistranslation (minor: the evidence is statistical, never enough for a major finding).

    **Why is this bad.** When four professional-quality versions agree on a paragraph and the fifth
    drifts, the fifth is where a reviewer should look first; when all five disagree with the source,
    the source (or the checker's reading of it) is the likelier culprit.

    **Example.** Source ``Rapat dimulai pukul 10.00 dan berakhir tanpa kesepakatan.`` Versions en, fr,
    ja and ar render it closely; flagged: zh ``会议讨论了天气。`` (aligned, but far below the others'
    score for this paragraph); accepted: zh ``会议于10:00开始，未达成协议。``
    """

    code = "CONS001"
    name = "cross-version-inconsistency"
    category = "accuracy/mistranslation"
    severity = Severity.MINOR

    def cross_check(
        self, contexts: dict[str, VersionContext], findings: dict[str, list[Finding]]
    ) -> dict[str, list[Finding]]:
        if not contexts:
            return {}
        facts = source_facts(next(iter(contexts.values())))
        confirmed, lowered = judge(facts, fact_table(facts, findings))
        revised: dict[str, list[Finding]] = {}
        for lang, found in findings.items():
            out = []
            for k, f in enumerate(found):
                if (lang, k) in lowered:
                    f = _lower(f, *lowered[(lang, k)])
                elif (lang, k) in confirmed:
                    f = _confirm(f, confirmed[(lang, k)])
                out.append(f)
            revised[lang] = out
        for outlier in alignment_outliers(contexts):
            finding = self._outlier_finding(contexts[outlier.lang], outlier, revised[outlier.lang])
            if finding is not None:
                revised[outlier.lang].append(finding)
        publish(facts, contexts, revised)
        return revised

    def _outlier_finding(self, ctx: VersionContext, o: Outlier, found: list[Finding]) -> Finding | None:
        src_paras, tgt_paras = ctx.source.paragraphs, ctx.target.paragraphs
        if o.paragraph >= len(src_paras) or not o.targets or max(o.targets) >= len(tgt_paras):
            return None
        para = src_paras[o.paragraph]
        source = Span(para.start, para.end, para.text)
        paragraph_rules = RULES_BY_KIND["paragraph"]
        if any(f.rule in paragraph_rules and f.source and _overlaps(f.source, source) for f in found):
            return None  # already reported as a paragraph problem: nothing new to add
        first, last = tgt_paras[o.targets[0]], tgt_paras[o.targets[-1]]
        return self.finding(
            f"This paragraph's alignment score ({o.score:.2f}) is far below the other versions' "
            f"(median {o.median:.2f}, robust z {o.z:.1f}): possible mistranslation",
            source=source,
            target=Span.of(ctx.target.content, first.start, last.end),
        )
