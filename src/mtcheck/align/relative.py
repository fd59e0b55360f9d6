"""Cross-version relative length: one version's paragraph against the other versions of the same paragraph.

A paragraph pair's length ratio against the language pair's norm is noisy (a translator's paragraph may be
30 % longer or shorter than the norm), so one sentence dropped from a long paragraph often stays inside it. But
an article has several versions of each source paragraph, and an error is in one version, not in all. For
source paragraph i and version v, the log ratio ``log(len(target_i) / len(source_i))`` is taken relative to
the version's own median over the article (a terse translator is short everywhere), and compared with the
median of the other versions' relative ratios for i (a source paragraph that every version renders short
is short in none). What is left is the version's own deviation, in units of its spread measured on the
tuning half's clean texts (``SPREAD``, wider for short paragraphs): a version missing a sentence is short
against the others even when it is within the language pair's norm.

The sentence counts are compared too (``Relative.fewer_sentences``): a pair with fewer sentences than its source
and than the other versions write for it has merged or dropped one (the cascade embeds it to tell which).

Only versions with as many content paragraphs as their source take part, paired on the diagonal (the cascade
decides there too: a version with another paragraph count is aligned whole by the encoder, and its pairs are
known only then). At least ``MIN_OTHERS`` other versions are needed.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mtcheck.config import Config
from mtcheck.facts.boilerplate import is_boilerplate
from mtcheck.model import Paragraph, Text
from mtcheck.text.caching import text_cache
from mtcheck.text.sentences import split_sentences

# Measured on the tuning half of ntrex-dev grouped into paragraphs of 2-5 sentences (clean human translations,
# 31 articles x 5 versions): the offset's sd is 0.069-0.074 for source paragraphs of 150 characters or more, and
# grows as sqrt(1 + SPREAD_CHARS / length) below (0.21 under 100 characters without the correction, 0.10 with it).
SPREAD = 0.072
SPREAD_CHARS = 200
MIN_OTHERS = 2  # other versions of the paragraph needed to compare with


@dataclass(frozen=True)
class Relative:
    """One version's paragraph pair against the other versions of the same source paragraph(s)."""

    offset: float  # log units: the version's relative ratio minus the other versions' median
    source_chars: int  # the source paragraphs' length
    others: int  # how many other versions were compared
    sentences: int = 0  # the target paragraphs' sentences
    source_sentences: int = 0  # the source paragraphs' sentences
    others_sentences: float = 0.0  # the median of the other versions' sentences for the source paragraphs

    @property
    def fewer_sentences(self) -> bool:
        """Fewer sentences than the source and than the other versions write for it (a merge or a drop)."""
        return self.sentences < self.source_sentences and self.sentences < self.others_sentences

    @property
    def fewer_than_witnesses(self) -> bool:
        """Fewer sentences than the source while the other versions (their median) keep every one of them: the
        others vouch that the paragraph's sentences are not merged in translation, so this version's missing
        sentence is more likely dropped."""
        return self.sentences < self.source_sentences <= self.others_sentences

    @property
    def spread(self) -> float:
        return SPREAD * math.sqrt(1.0 + SPREAD_CHARS / max(self.source_chars, 1))

    @property
    def z(self) -> float:
        """The offset in spreads: negative when this version is short against the others."""
        return self.offset / self.spread

    def z_without(self, chars: int) -> float:
        """``z`` once ``chars`` characters (a sentence) are taken out of the source paragraph: the others render
        them, this version would then be in line if it left them out."""
        left = self.source_chars - chars
        if left <= 0:
            return math.inf
        return (self.offset + math.log(self.source_chars / left)) / self.spread


@dataclass(frozen=True)
class Lengths:
    """The content paragraphs' lengths of an article's source and of its versions paired on the diagonal."""

    source: dict[int, int]  # source paragraph index -> length
    targets: dict[str, dict[int, int]]  # language -> target paragraph index -> length
    diagonal: dict[str, dict[int, int]]  # language -> source paragraph index -> its diagonal target paragraph
    middle: dict[str, float]  # language -> the version's median log ratio
    counts: dict[str, dict[int, int]]  # language ("" the source) -> paragraph index -> its sentences

    def relative(self, lang: str, source: Sequence[int], target: Sequence[int]) -> Relative | None:
        """The pair of ``source`` and ``target`` paragraph indices of version ``lang`` against the other versions'
        diagonal paragraphs of ``source``; None for a version not on the diagonal, boilerplate, or too few others."""
        others = [other for other in self.targets if other != lang]
        own = self.targets.get(lang)
        if own is None or len(others) < MIN_OTHERS or not source or not target:
            return None
        if any(i not in self.source for i in source) or any(j not in own for j in target):
            return None
        chars = sum(self.source[i] for i in source)

        def ratio(lang: str, lengths: Iterable[int]) -> float:
            return math.log(max(sum(lengths), 1) / max(chars, 1)) - self.middle[lang]

        theirs = statistics.median(ratio(o, (self.targets[o][self.diagonal[o][i]] for i in source)) for o in others)
        sentences = statistics.median(sum(self.counts[o][self.diagonal[o][i]] for i in source) for o in others)
        return Relative(ratio(lang, (own[j] for j in target)) - theirs, chars, len(others),
                        sum(self.counts[lang][j] for j in target), sum(self.counts[""][i] for i in source), sentences)


def relative_lengths(source: Text, targets: Sequence[Text], boilerplate: tuple[str, ...] = ()) -> Lengths:
    """The article's ``Lengths`` (see the module docstring); computed once per article."""
    return _lengths(source, tuple(sorted(targets, key=lambda t: t.lang)), tuple(boilerplate))


def _content(text: Text, boilerplate: tuple[str, ...]) -> list[Paragraph]:
    config = Config(boilerplate=boilerplate)
    return [p for p in text.paragraphs if not is_boilerplate(p.text, text.lang, config)]


def _sentences(text: Text, paragraphs: list[Paragraph]) -> dict[int, int]:
    return {p.index: len(split_sentences(p.text, text.lang)) for p in paragraphs}


@text_cache(maxsize=256)
def _lengths(source: Text, targets: tuple[Text, ...], boilerplate: tuple[str, ...]) -> Lengths:
    src = _content(source, boilerplate)
    lengths = Lengths({p.index: len(p.text) for p in src}, {}, {}, {}, {"": _sentences(source, src)})
    for target in targets:
        tgt = _content(target, boilerplate)
        if not src or len(tgt) != len(src) or target.lang in lengths.targets:
            continue
        lengths.targets[target.lang] = {p.index: len(p.text) for p in tgt}
        lengths.counts[target.lang] = _sentences(target, tgt)
        lengths.diagonal[target.lang] = {s.index: t.index for s, t in zip(src, tgt)}
        lengths.middle[target.lang] = statistics.median(
            math.log(max(len(t.text), 1) / max(len(s.text), 1)) for s, t in zip(src, tgt))
    return lengths
