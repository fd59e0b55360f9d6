"""Names, acronyms and links that a translation must carry over (NAME001, LINK001, LINK002)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from mtcheck.facts.entities import (
    Link,
    Name,
    NameMatch,
    TargetIndex,
    acronym_expansions,
    acronym_found,
    exonym_found,
    expansion_found,
    find_links,
    find_names,
    fold,
    lower_case_words,
    match_name,
    name_found,
    similarity,
)
from mtcheck.facts.glossary import Entry, find_target_terms
from mtcheck.locales import get_locale
from mtcheck.model import Finding, Fix, Severity, Span
from mtcheck.rules.base import Rule, VersionContext, register
from mtcheck.rules.glossary import source_terms
from mtcheck.text.matching import nearest
from mtcheck.text.words import lcs_ratio
from mtcheck.text.words import ratio as text_ratio

LINK_NEAR = 0.6  # a target link at least this similar to a missing source link is a changed copy of it
NEAREST_LINKS = 64  # a missing link is compared with at most this many target links, the nearest in position


def _distinct(names: Iterable[Name]) -> list[Name]:
    """First occurrence of each name (case- and diacritic-insensitive)."""
    seen: set[str] = set()
    out = []
    for name in names:
        key = fold(name.text)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


@register
class NameMissingRule(Rule):
    """A source name or acronym is missing from, or misspelt in, a Latin-script translation.

    What it does: finds the names a translator carries over unchanged in the Indonesian source
    (people, organisations, local places, brands: capitalised words that are not common Indonesian
    words, titles, institution words, month/day names or Indonesian spellings of foreign places;
    a lone capitalised word at a sentence start only if the article also capitalises it mid-sentence)
    and its acronyms, and looks for each in the English or French version. Case, diacritics,
    possessives, elision, doubled letters, vowels and the target's transliteration habits are
    tolerated (Bakhmut/Bakhmout, Prigozhin/Prigojine). Other legitimate renderings are accepted:
    an acronym translated or localised (PBB -> UN/ONU, AIDS -> SIDA, WIB -> heure de Jakarta, BST ->
    local time: ``Locale.acronym_translations``), written with dots (N.F.L.) or spelt out as the source
    itself spells it ("Los Angeles (LA)"); a country, territory, language or city in the target's
    own spelling (Moskow -> Moscou, Jerman -> German/allemand: Unicode CLDR names through Babel); a
    glossary term in an approved translation. Honorifics of several words (Sri Paduka, Yang
    Terhormat) are not names; "St." and "Mt." belong to the word after them.

    A name that is absent is an omission, minor: a name missing with no other evidence is most often
    rendered some other way (Academy Awards -> les Oscars, Tory -> conservateur), which a reviewer
    judges at a glance. A name whose part is misspelt next to a correct part (Prabowo Subiyanto) is a
    mistranslation, major. Chinese, Japanese and Arabic versions are left to the glossary check.

    Why is this bad: a missing or misspelt name changes who did what; readers and search engines
    cannot find the person or organisation.

    Example:
        source "Menteri Keuangan Sri Mulyani bertemu Prabowo Subianto."
        flagged  "Finance Minister met Prabowo Subiyanto."  (Sri Mulyani missing; Subiyanto misspelt)
        accepted "Finance Minister Sri Mulyani met Prabowo Subianto."
    """

    code = "NAME001"
    name = "name-missing"
    category = "accuracy/omission"
    severity = Severity.MAJOR
    fixes = "unsafe: a misspelt name part becomes the source's spelling (a missing name is not fixed)"

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        if not _reported(ctx.target.lang) or get_locale(ctx.source.lang).script != "latin":
            return
        source = ctx.source
        names = ctx.memo(("entities.names", source.lang), lambda: _source_names(ctx))
        mine = _statuses(ctx, ctx.target.lang, names)
        others = [_statuses(ctx, lang, names) for lang in ctx.article.targets if lang != ctx.target.lang]
        for i, (name, status) in enumerate(zip(names, mine)):
            if status.status in ("found", "variant") or not _required(name, [s[i] for s in others]):
                continue
            span = Span(name.start, name.end, name.text)
            if status.status == "missing":
                yield self.finding(f"{name.kind} {name.text!r} is missing from the translation", source=span,
                                   severity=Severity.MINOR)
            elif status.target is not None:
                token = status.target
                target, right = Span(token.start, token.end, token.text), _closest_part(name, token.text)
                yield self.finding(
                    f"name {name.text!r} is misspelt as {token.text!r}",
                    source=span,
                    target=target,
                    suggestion=right,
                    category="accuracy/mistranslation",
                    fix=Fix.replace(target, right, False),
                )


def _source_names(ctx: VersionContext) -> list[Name]:
    """Distinct source names, knowing which words the Latin-script versions write in lower case."""
    lower: frozenset[str] = frozenset()
    for text in ctx.article.targets.values():
        if get_locale(text.lang).script == "latin":
            lower |= lower_case_words(text.content)
    return _distinct(find_names(ctx.source.content, ctx.source.lang, lower))


def _statuses(ctx: VersionContext, lang: str, names: list[Name]) -> list[NameMatch]:
    """Whether each source name is in the ``lang`` version (computed once per version)."""

    def compute() -> list[NameMatch]:
        text = ctx.article.targets[lang].content
        index = TargetIndex.build(text, lang, cased_only=not _reported(lang))
        source_locale = get_locale(ctx.source.lang)
        size = max(len(ctx.source.content), 1)
        expansions = ctx.memo(("entities.expansions", ctx.source.lang),
                              lambda: acronym_expansions(ctx.source.content, ctx.source.lang))
        glossed = _glossary_entries(ctx)

        def status(n: Name) -> NameMatch:
            if n.kind == "acronym":
                found = acronym_found(n.text, index, source_locale) or (
                    n.text in expansions and expansion_found(expansions[n.text], index, lang))
                match = NameMatch("found" if found else "missing")
            elif _reported(lang):
                match = match_name(n, index, lang, n.start / size)
            else:  # a version never reported only vouches for names ("found" or not): no near-miss search
                match = NameMatch("found" if name_found(n, index, lang) else "unchecked")
            if match.status == "found" or not _reported(lang):
                return match
            if n.kind == "name" and exonym_found(n, index, ctx.source.lang, lang):
                return NameMatch("found")
            entries = {glossed[i] for i in range(n.start, n.end) if i in glossed}
            if any(e.get(lang) and find_target_terms(text, e.get(lang), lang) for e in entries):
                return NameMatch("found")
            return match

        return [status(n) for n in names]

    return ctx.memo(("entities.status", lang), compute)


def _glossary_entries(ctx: VersionContext) -> dict[int, Entry]:
    """Glossary concepts by the source offsets their terms cover: a name or acronym that is a glossary
    term is rendered as the glossary approves (the glossary rule judges the rendering itself)."""
    return {i: hit.entry for hit in source_terms(ctx)[1] for i in range(hit.span.start, hit.span.end)}


def _reported(lang: str) -> bool:
    """NAME001 reports Latin-script versions (names are compared as written)."""
    return get_locale(lang).script == "latin"


def _required(name: Name, elsewhere: list[NameMatch]) -> bool:
    """A name is owed when another version carries it; alone, only multi-word names and acronyms are.

    Indonesian capitalises many words that translators rightly translate (Partai Buruh = Labour
    Party, Gedung Putih = White House); a word no other version keeps is most likely one of them.
    """
    if elsewhere:
        return any(m.status == "found" for m in elsewhere)
    return name.kind == "acronym" or len(name.parts) >= 2


def _closest_part(name: Name, misspelt: str) -> str:
    return max(name.parts, key=lambda p: similarity(p, misspelt))


class _LinkRule(Rule):
    """Shared matching of source links against target links; subclasses report one outcome each."""

    category = "accuracy/mistranslation"
    severity = Severity.MAJOR
    outcome: str  # "changed" or "missing"

    def check(self, ctx: VersionContext) -> Iterator[Finding]:
        if over := _links_over_limit(ctx):
            if self.outcome == "missing":
                yield self.finding(f"Links not compared: {', '.join(over)} (at most {MAX_LINKS:,} per text are "
                                   "compared)", severity=Severity.NEUTRAL)
            return
        for link, near in _link_changes(ctx):
            if near is not None and self.outcome == "changed":
                target = Span(near.start, near.end, near.text)
                yield self.finding(
                    f"{_label(link)} {link.text!r} was changed to {near.text!r}",
                    source=Span(link.start, link.end, link.text),
                    target=target,
                    suggestion=link.text,
                    severity=_severity(link),
                    fix=Fix.replace(target, link.text, False),
                )
            elif near is None and self.outcome == "missing":
                yield self.finding(
                    f"{_label(link)} {link.text!r} is missing from the translation",
                    source=Span(link.start, link.end, link.text),
                    severity=_severity(link),
                )


def _severity(link: Link) -> Severity | None:
    """Hashtags are sometimes translated on purpose: a changed or missing one is minor."""
    return Severity.MINOR if link.kind == "hashtag" else None


_Candidate = tuple[Link, str]  # a target link and its key

# Each changed link costs about 0.6 ms to pair (difflib's ratio against its nearest candidates): a text of
# 45,000 links took 27 s. A news article cites a few dozen; a text with more is not compared for links.
MAX_LINKS = 2_000


def _links_over_limit(ctx: VersionContext) -> list[str]:
    """The texts of this version with more links than are compared (``MAX_LINKS``), described."""
    counts = ((text.lang, len(_links(text.content, text.lang, ctx))) for text in (ctx.source, ctx.target))
    return [f"{n:,} in the {lang} text" for lang, n in counts if n > MAX_LINKS]


def _links(content: str, lang: str, ctx: VersionContext) -> list[Link]:
    return ctx.memo(("entities.links", lang), lambda: find_links(content))  # type: ignore[no-any-return]


def _link_changes(ctx: VersionContext) -> list[tuple[Link, Link | None]]:
    """Each distinct source link absent from the target (by key), with the target link it was changed
    into, if any; computed once per version for LINK001 and LINK002."""

    def compute() -> list[tuple[Link, Link | None]]:
        source, target = ctx.source, ctx.target
        links = _links(source.content, source.lang, ctx)
        if not links:
            return []
        candidates: dict[str, list[_Candidate]] = {}  # by kind, in text order
        positions: dict[str, list[float]] = {}  # their relative positions: ascending
        for t in _links(target.content, target.lang, ctx):
            candidates.setdefault(t.kind, []).append((t, t.key))
            positions.setdefault(t.kind, []).append(t.start / max(1, len(target.content)))
        present = {key for pool in candidates.values() for _, key in pool}
        seen: set[str] = set()
        out = []
        for link in links:
            key = link.key
            if key in present or key in seen:
                continue
            seen.add(key)
            pool = candidates.get(link.kind, [])
            position = link.start / max(1, len(source.content))
            if len(pool) > NEAREST_LINKS:
                pool = [pool[k] for k in sorted(nearest(positions[link.kind], position, NEAREST_LINKS))]
            out.append((link, _nearest(key, pool)))
        return out

    return ctx.memo(("entities.link_changes", ctx.target.lang), compute)


def _nearest(key: str, pool: list[_Candidate]) -> Link | None:
    """The first candidate most similar to ``key`` (difflib ratio), if at least ``LINK_NEAR``. The LCS ratio,
    an upper bound computed in C, skips a candidate that cannot beat the best so far; the choice is the same.

    Of a long list (more than ``NEAREST_LINKS``: a page of references), the caller passes only the
    candidates nearest in relative position: every pair made 1,000 changed links take 15 s.
    """
    best: Link | None = None
    best_ratio = 0.0

    def hopeless(bound: float) -> bool:
        return bound < LINK_NEAR or (best is not None and bound <= best_ratio)

    for link, other in pool:
        if hopeless(lcs_ratio(key, other)):  # an upper bound of difflib's ratio, in C
            continue
        ratio = text_ratio(key, other)  # difflib's, but in C for a hostile 20,000-character link
        if ratio >= LINK_NEAR and ratio > best_ratio:
            best, best_ratio = link, ratio
    return best


def _label(link: Link) -> str:
    return {"url": "link", "email": "e-mail address", "handle": "handle", "hashtag": "hashtag"}[link.kind]


@register
class LinkChangedRule(_LinkRule):
    """A web address, e-mail address, @handle or #hashtag of the source was altered in the translation.

    What it does: compares every link of the source (URLs and bare domains, e-mail addresses, @handles,
    #hashtags) with the links of the translation; scheme, host, handle and hashtag are compared without
    case and a trailing slash or sentence punctuation is not part of a link. A source link that is not
    in the translation as such but has a close copy there (same kind, similarity >= 0.6) is reported
    at that copy.

    Why is this bad: a translated or retyped address is a broken link; a changed handle points readers
    to someone else's account.

    Example:
        source "Info: www.bps.go.id/publikasi"
        flagged  "Info: www.bps.go.id/publication"
        accepted "Info: https://www.bps.go.id/publikasi/"
    """

    code = "LINK001"
    name = "link-changed"
    outcome = "changed"
    fixes = "unsafe: restores the source's link"


@register
class LinkMissingRule(_LinkRule):
    """A web address, e-mail address, @handle or #hashtag of the source is absent from the translation.

    What it does: like LINK001, but reports source links with no close copy at all in the
    translation. A missing or changed #hashtag is minor: newsrooms sometimes translate hashtags on
    purpose. A text of more than 2,000 links is not compared for links (LINK001 nor LINK002): one neutral
    finding says so.

    Why is this bad: the reader loses the reference, the contact or the account the article cites.

    Example:
        source "Hubungi humas@kemlu.go.id atau @Kemlu_RI."
        flagged  "Contact the ministry's press office."
        accepted "Contact humas@kemlu.go.id or @Kemlu_RI."
    """

    code = "LINK002"
    name = "link-missing"
    outcome = "missing"
