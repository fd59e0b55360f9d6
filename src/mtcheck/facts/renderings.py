"""A name swapped in a Chinese, Japanese or Arabic version, found through the version's own renderings (NAME003).

These versions transliterate names (Prabowo -> 普拉博沃 / プラボウォ / برابوو), so the source's spelling cannot be
looked for. The version itself says how it writes a name: the passage every sentence rendering a source sentence
that names Prabowo shares, and that no sentence rendering one without him contains. Learnt that way from the
other sentences (leave one out), a sentence whose source names Prabowo, which lacks his rendering but holds the
rendering of another name of the article that its source sentence does not name, is a swap candidate. The rule
(``rules/subtle.py``) reports it only when the Latin-script versions witness the source: each renders the name, as
the source writes it, in its sentence aligned with the same source sentence.

Covered: names the source names in at least ``MIN_SENTENCES`` sentences (two to learn from besides the one
judged), and an intruder named in two or more other sentences. Not covered: a name said once or twice, a
rendering that changes from sentence to sentence (a surname alone, then the full name: the shared passage is
the surname), an article without an English or French version.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.facts.entities import Name
from mtcheck.locales import get_locale
from mtcheck.model import Span, Text

MIN_PART = 3  # name words shorter than this ("Al", "Bin") identify nobody
MIN_SENTENCES = 4  # source sentences naming someone: the one judged and three to learn the rendering from
# (with two, a word of the story both share passes for a name: 'Brink' learnt as 偷走, "stole", tuning half)
MAX_CHARS = 400  # longer sentences are not searched for shared passages (the search is quadratic in them)
MAX_SENTENCES = 12  # a name in more sentences than this is learnt from the first ones only
# The shortest rendering learnt: two Chinese characters (普京), three kana (プーチン's プーチ), four Arabic letters.
MIN_RENDERING = {"han": 2, "han+kana": 3, "arabic": 4}
# The letters a rendering is made of: Japanese writes foreign names in katakana, Arabic as whole words (a
# piece of a word is a prefix or an ending: والم, "and the ...").
_LETTERS = {
    "han": re.compile(r"[\u3400-\u9fff]+"),
    "han+kana": re.compile(r"[\u30a0-\u30ff]+"),
    "arabic": re.compile(r"[\u0621-\u064a\u0671-\u06d3]+"),
}
_WHOLE_WORDS = {"arabic"}


@dataclass(frozen=True)
class Swap:
    source: Span  # the name in the source sentence
    target: Span  # the other name's rendering in the target sentence
    name: Name
    other: Name
    rendering: str  # how the version writes ``name`` elsewhere (the suggestion)
    pair: int  # index of the sentence pair


def _keys(name: Name) -> list[str]:
    return [p.casefold() for p in name.parts if len(p) >= MIN_PART]


def _shared(texts: list[str], absent: list[str], script: str) -> str | None:
    """The longest run of the script's letters every text in ``texts`` has and none in ``absent`` has."""
    shortest = MIN_RENDERING[script]
    runs = [m.group() for m in _LETTERS[script].finditer(min(texts, key=len)) if len(m.group()) >= shortest]
    if script in _WHOLE_WORDS:
        words = [set(_LETTERS[script].findall(t)) for t in texts]
        absent_words = set().union(*(_LETTERS[script].findall(t) for t in absent))
        found = [r for r in runs if all(r in w for w in words) and r not in absent_words]
        return max(found, key=len, default=None)
    best: str | None = None
    for run in runs:
        for size in range(len(run), shortest - 1, -1):
            if best is not None and size <= len(best):
                break
            for start in range(len(run) - size + 1):
                piece = run[start:start + size]
                if all(piece in t for t in texts) and not any(piece in t for t in absent):
                    best = piece
                    break
            if best is not None and len(best) == size:
                break
    return best


def swaps(source: Text, target: Text, names: Sequence[Name],
          pairs: Sequence[tuple[tuple[int, int], tuple[int, int]]], paragraphs: Sequence[tuple[int, int]]) -> list[Swap]:
    """Swap candidates in the aligned sentence ``pairs`` ((start, end) in the source, in the target) of a version
    in a non-Latin script (see the module docstring). ``paragraphs``: each pair's target paragraph span, which
    must not write the name either (sentences split otherwise than the source's can put it in the next one)."""
    script = get_locale(target.lang).script
    if script not in _LETTERS:
        return []
    texts = [target.content[a:b] for _, (a, b) in pairs]
    naming: dict[str, list[int]] = {}
    first: dict[str, Name] = {}
    where: dict[tuple[str, int], Name] = {}
    for name in names:  # each word of a name is a key: "Prabowo Subianto", then "Prabowo", name one person
        for k, ((a, b), _) in enumerate(pairs):
            if a <= name.start < b:
                for key in _keys(name):
                    if k not in naming.setdefault(key, []):
                        naming[key].append(k)
                    first.setdefault(key, name)
                    where.setdefault((key, k), name)
    learnt: dict[tuple[str, int], str | None] = {}

    def rendering(key: str, judged: int) -> str | None:
        if (key, judged) not in learnt:
            mine = [k for k in naming[key] if k != judged][:MAX_SENTENCES]
            known = [texts[k] for k in mine if len(texts[k]) <= MAX_CHARS]
            others = [texts[k] for k in range(len(texts)) if k not in naming[key] and k != judged]
            learnt[(key, judged)] = _shared(known, others, script) if len(known) >= MIN_SENTENCES - 1 else None
        return learnt[(key, judged)]

    out: list[Swap] = []
    found: set[tuple[str, str]] = set()
    for key, ks in naming.items():
        if len(ks) < MIN_SENTENCES:
            continue
        for k in ks:
            mine = rendering(key, k)
            if mine is None or mine in target.content[paragraphs[k][0]:paragraphs[k][1]]:
                continue
            for other, oks in naming.items():
                if other == key or k in oks or len([o for o in oks if o != k]) < MIN_SENTENCES - 1:
                    continue
                theirs = rendering(other, k)
                if theirs is None or theirs not in texts[k] or theirs in mine or mine in theirs:
                    continue
                at = pairs[k][1][0] + texts[k].index(theirs)
                name = where[(key, k)]
                out.append(Swap(Span(name.start, name.end, name.text), Span.of(target.content, at, at + len(theirs)),
                                name, first[other], mine, k))
                found.add((key, other))
                break
    # Learnt with the swapped sentence among its examples, the other name's rendering can come out as the first
    # name's, and a faithful sentence naming the other then looks swapped the other way: when both readings are
    # found, the data cannot tell them apart and neither is reported.
    return [s for s in out if not any((b, a) in found for a in _keys(s.name) for b in _keys(s.other))]
