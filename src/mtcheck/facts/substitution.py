"""Names swapped for another name of the same article, per aligned paragraph pair (NAME003).

NAME001 asks whether each source name occurs anywhere in the translation; a name replaced by another
name of the same story passes it, since both names still occur in the article. Here each aligned pair
of sentences (inside aligned paragraphs) is compared on its own: a source name the target paragraph lacks (although the version
writes that name elsewhere, so the translator keeps it as written), where the target paragraph instead
names someone its source paragraph does not (but the article does), is a substitution.

Latin-script versions only: names are compared as written, with the target's transliteration habits
(``Locale.name_rewrites``). Chinese, Japanese and Arabic versions transliterate names; without a
rendering for each name (the glossary has few names) nothing is reported there.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.facts.entities import Name, TargetIndex, find_names, fold, similarity
from mtcheck.locales import get_locale
from mtcheck.model import Span, Text

MIN_PART = 3  # name parts shorter than this ("Al", "Bin") identify nobody
SPELLING = 0.7  # a word this similar to a missing name is that name, spelt another way ...
STEM = 5  # ... or one that begins with its first letters (bolivien for Bolivia)


@dataclass(frozen=True)
class Substitution:
    source: Span  # the source name
    target: Span  # the other name, where the target paragraph writes it
    suggestion: str


def _parts(name: Name) -> tuple[str, ...]:
    return tuple(p for p in name.parts if len(p) >= MIN_PART)


def _positions(index: TargetIndex, part: str, lang: str) -> list[int]:
    return index.part_positions(part, get_locale(lang).name_rewrites)[0]


def substitutions(
    source: Text, target: Text, pairs: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> list[Substitution]:
    """Substituted names in the aligned passages ``pairs`` ((start, end) in the source, in the target):
    sentences, so that a name the paragraph repeats in another sentence does not hide the swap."""
    if get_locale(target.lang).script != "latin" or get_locale(source.lang).script != "latin":
        return []
    names = [n for n in find_names(source.content, source.lang) if _parts(n)]
    if not names:
        return []
    whole = TargetIndex.build(target.content, target.lang)
    carried = {n.text for n in names if all(_positions(whole, p, target.lang) for p in _parts(n))}
    out: list[Substitution] = []
    others = [n for n in names if n.text in carried]
    for (s_start, s_end), (t_start, t_end) in pairs:
        named = [n for n in names if s_start <= n.start < s_end]
        # Names the version writes elsewhere, and names of two words or more whose first word the target
        # sentence keeps (Rod Reed -> Rod Abercrombie: said once, the name is carried nowhere else).
        here = [n for n in named if n.text in carried or (len(_parts(n)) > 1 and _parts(n)[0].casefold() in
                                                             target.content[t_start:t_end].casefold())]
        folded = target.content[t_start:t_end].casefold()
        if all(_parts(n)[-1].casefold() in folded for n in here):
            continue  # every name's last word is written there (the index would find each; building it is not free)
        if not any(p.casefold() in folded for n in others if n.start < s_start or n.start >= s_end for p in _parts(n)):
            continue  # no other name of the article is written there: nothing took the missing name's place
        local = TargetIndex.build(target.content[t_start:t_end], target.lang)
        src_words = {w.casefold() for n in named for w in n.parts}
        # A name whose last word is gone (Prabowo -> Anies, Elizabeth Warren -> Elizabeth Trump)
        missing = [n for n in here if not _positions(local, _parts(n)[-1], target.lang)
                   and not _spelt_otherwise(_parts(n)[-1], local)]
        if not missing:
            continue
        intruders = _intruders(names, carried, src_words, source.content[s_start:s_end], local, target.lang)
        used: set[int] = set()
        for name in _distinct(missing):
            other = next(((m, pos) for m, pos in intruders if pos not in used), None)
            if other is None:
                break
            _, pos = other
            used.add(pos)
            token = local.tokens[pos]
            out.append(Substitution(
                source=Span(name.start, name.end, name.text),
                target=Span.of(target.content, t_start + token.start, t_start + token.end),
                suggestion=_parts(name)[-1] if _positions(local, _parts(name)[0], target.lang) else name.text,
            ))
    return out


def _intruders(
    names: list[Name], carried: set[str], src_words: set[str], src_text: str, local: TargetIndex, lang: str
) -> list[tuple[Name, int]]:
    """Article names (carried as written) the target paragraph writes but its source paragraph lacks,
    with the position of their first word there, in text order."""
    found: dict[int, Name] = {}
    folded_source = src_text.casefold()
    for name in names:
        if name.text not in carried or any(w.casefold() in src_words for w in name.parts):
            continue
        if any(p.casefold() in folded_source for p in _parts(name)):
            continue
        for part in _parts(name):
            hits = [h for h in _positions(local, part, lang) if local.tokens[h].text[:1].isupper()]
            if hits:
                found.setdefault(hits[0], name)
                break
    return sorted(((n, pos) for pos, n in found.items()), key=lambda x: x[1])


def _spelt_otherwise(part: str, local: TargetIndex) -> bool:
    """The sentence writes the name the target language's way, or as an adjective (Bolivia -> Bolivie,
    bolivien): a word sharing its first letters, or this similar to it."""
    stem = fold(part)[:STEM]
    return any(fold(t.text).startswith(stem) or similarity(part, t.text) >= SPELLING for t in local.tokens)


def _distinct(names: list[Name]) -> list[Name]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n.text not in seen:
            seen.add(n.text)
            out.append(n)
    return out
