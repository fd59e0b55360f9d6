"""The subtle errors, measured on realistic paragraphs: holdout.py's split, with sentences grouped.

ntrex-dev has one sentence per paragraph; news paragraphs have 2-5. ``group`` joins consecutive
sentences into paragraphs (the title alone, then sizes 3, 2, 4, 3, 5, 2, ... in turn), the same grouping
in every language (the files are sentence-aligned), so a version stays a faithful translation. Then one
error is planted in one version (the others kept, as in a real batch), per kind:

* ``drop-sentence``: a sentence of a multi-sentence paragraph dropped (never the first);
* ``id-sentence`` / ``en-sentence``: a sentence left in Indonesian / in English (not in the en version);
* ``repeat-sentence``: a sentence repeated right after itself;
* ``truncate`` and ``id-number``: holdout.py's plants, on the grouped paragraphs;
* ``scale-word``: million <-> billion (fr milliard, zh 万 <-> 亿, ja 万 <-> 億, ar مليون <-> مليار);
* ``weekday``: a weekday name changed to the next day;
* ``name-swap``: a name replaced by another name of the same article (Latin-script versions: the name
  is written as the source writes it there; zh/ja/ar are not planted, see docs/subtle.md).

A plant is found when a finding of an expected rule overlaps the planted span (the target span; for a
finding without one, its source span overlapping the planted passage's source sentence or paragraph).
The clean load is holdout.py's, on the grouped clean texts.

Usage: python bench/holdout_subtle.py [DATA] [--half tuning|held-out|both] [--encoder auto|none|NAME]
                                      [--kinds K,K] [--limit N] [--dump FILE] [--seed S] [--no-recall]
"""
from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import holdout

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.facts.entities import find_names
from mtcheck.locales import get_locale
from mtcheck.model import Article, Finding

SIZES = (3, 2, 4, 3, 5, 2)
KINDS = ("drop-sentence", "id-sentence", "en-sentence", "repeat-sentence", "truncate", "scale-word", "weekday",
         "name-swap", "id-number")
RULES = {
    "drop-sentence": ("STR001", "STR007"),
    "id-sentence": ("LANG",),
    "en-sentence": ("LANG",),
    "repeat-sentence": ("STR003",),
    "scale-word": ("NUM", "CONS"),
    "weekday": ("DATE", "CONS"),
    "name-swap": ("NAME", "CONS"),
}
SCALE_SWAPS = {
    "en": {"million": "billion", "billion": "million"},
    "fr": {"million": "milliard", "milliard": "million", "millions": "milliards", "milliards": "millions"},
    "zh": {"万": "亿", "亿": "万"},
    "ja": {"万": "億", "億": "万"},
    "ar": {"مليون": "مليار", "مليار": "مليون", "ملايين": "مليارات", "مليارات": "ملايين"},
}


def glue(lang: str) -> str:
    return "" if get_locale(lang).cjk else " "


def sizes(n: int) -> list[int]:
    """Paragraph sizes for ``n`` sentences: the title alone, then SIZES in turn (the last one cut)."""
    out, left, k = [1], n - 1, 0
    while left > 0:
        out.append(min(SIZES[k % len(SIZES)], left))
        left -= out[-1]
        k += 1
    return out


def sentences_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def grouped(sentences: list[list[str]], lang: str) -> list[str]:
    return [glue(lang).join(p) for p in sentences]


def chunk(lines: list[str]) -> list[list[str]]:
    out, at = [], 0
    for size in sizes(len(lines)):
        out.append(lines[at:at + size])
        at += size
    return out


def group(article: Article) -> Article | None:
    """The article with consecutive sentences joined into paragraphs, the same grouping in every language."""
    texts = {"id": article.source, **article.targets}
    lines = {lang: sentences_of(t.content) for lang, t in texts.items()}
    if len({len(v) for v in lines.values()}) != 1:
        return None
    paras = {lang: grouped(chunk(v), lang) for lang, v in lines.items()}
    source = replace(article.source, content=holdout.join(paras["id"]))
    targets = {lang: replace(t, content=holdout.join(paras[lang])) for lang, t in article.targets.items()}
    return Article(article.id, source, targets)


@dataclass(frozen=True)
class Subtle:
    """A plant: the article, the version, the expected rules, the planted target span and the source
    passage (sentence or paragraph) it stands for."""

    article: Article
    lang: str
    rules: tuple[str, ...]
    target: tuple[int, int] | None
    source: tuple[int, int]


def _rebuild(article: Article, lang: str, tgt: list[list[str]]) -> Article:
    content = holdout.join(grouped(tgt, lang))
    targets = dict(article.targets)
    targets[lang] = replace(article.targets[lang], content=content)
    return Article(article.id, article.source, targets)


def _locate(article: Article, lang: str, tgt: list[list[str]], p: int, s: int, inner: tuple[int, int] | None = None
            ) -> tuple[int, int]:
    """The span of sentence ``s`` of paragraph ``p`` (or ``inner`` offsets within it) in the rebuilt text."""
    paras = grouped(tgt, lang)
    start = sum(len(x) + 2 for x in paras[:p]) + sum(len(x) + len(glue(lang)) for x in tgt[p][:s])
    if inner is not None:
        return start + inner[0], start + inner[1]
    return start, start + len(tgt[p][s])


def _source_span(article: Article, src: list[list[str]], p: int, s: int | None) -> tuple[int, int]:
    paras = grouped(src, "id")
    start = sum(len(x) + 2 for x in paras[:p])
    if s is None:
        return start, start + len(paras[p])
    start += sum(len(x) + 1 for x in src[p][:s])
    return start, start + len(src[p][s])


def _multi(src: list[list[str]]) -> list[tuple[int, int]]:
    return [(p, s) for p in range(1, len(src)) for s in range(1, len(src[p]))]


def plant(article: Article, raw: Article, lang: str, kind: str, rng: random.Random) -> Subtle | None:
    """One error of ``kind`` in version ``lang`` of the grouped ``article`` (``raw``: one sentence a line)."""
    src = chunk(sentences_of(raw.source.content))
    tgt = chunk(sentences_of(raw.targets[lang].content))
    if kind in ("truncate", "id-number"):
        p = holdout.plant(article, lang, kind, rng)
        if p is None:
            return None
        if p.side == "source":
            return Subtle(p.article, lang, p.rules, None, p.span)
        return Subtle(p.article, lang, p.rules, p.span, (0, 0))
    rules = RULES[kind]
    if kind in ("drop-sentence", "id-sentence", "en-sentence", "repeat-sentence"):
        if kind == "en-sentence" and lang == "en":
            return None
        places = _multi(src)
        if not places:
            return None
        p, s = rng.choice(places)
        new = [list(x) for x in tgt]
        if kind == "drop-sentence":
            del new[p][s]
            return Subtle(_rebuild(article, lang, new), lang, rules, None, _source_span(article, src, p, s))
        if kind == "repeat-sentence":
            new[p].insert(s + 1, new[p][s])
            return Subtle(_rebuild(article, lang, new), lang, rules, _locate(article, lang, new, p, s + 1),
                          _source_span(article, src, p, s))
        other = src if kind == "id-sentence" else chunk(sentences_of(raw.targets["en"].content))
        new[p][s] = other[p][s]
        return Subtle(_rebuild(article, lang, new), lang, rules, _locate(article, lang, new, p, s),
                      _source_span(article, src, p, s))
    if kind == "scale-word":  # the scale of a number ("3 million"), not a vague "millions of people"
        return _swap_word(article, lang, src, tgt, SCALE_SWAPS.get(lang, {}), rules, rng, after=r"\d[\s\u00a0]?$")
    if kind == "weekday":
        days = get_locale(lang).weekdays
        by_day: dict[int, str] = {}
        for name, day in days.items():
            by_day.setdefault(day, name)
        cased = {name: by_day[day % 7 + 1] for name, day in days.items()}
        if get_locale(lang).script == "latin":
            cased |= {n.capitalize(): v.capitalize() for n, v in cased.items()}
        return _swap_word(article, lang, src, tgt, cased, rules, rng, source_has=_ID_WEEKDAY)
    if kind == "name-swap":
        return _swap_name(article, lang, src, tgt, rules, rng)
    raise ValueError(f"unknown kind {kind!r}")


def _word_pattern(words: list[str], lang: str) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if get_locale(lang).cjk:
        return re.compile(f"(?:{alts})")
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


# A weekday of the source sentence (so "The Sunday Times" is never planted).
_ID_WEEKDAY = re.compile(r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b")


def _swap_word(article: Article, lang: str, src: list[list[str]], tgt: list[list[str]], swaps: dict[str, str],
               rules: tuple[str, ...], rng: random.Random, after: str | None = None,
               source_has: re.Pattern[str] | None = None) -> Subtle | None:
    """``swaps`` applied to one occurrence in a target sentence (preceded by ``after``, in a sentence whose
    source matches ``source_has``)."""
    if not swaps:
        return None
    pattern = _word_pattern(list(swaps), lang)
    places = [(p, s, m) for p in range(len(tgt)) for s in range(len(tgt[p])) for m in pattern.finditer(tgt[p][s])
              if (after is None or re.search(after, tgt[p][s][:m.start()]))
              and (source_has is None or source_has.search(src[p][s]))]
    if not places:
        return None
    p, s, m = rng.choice(places)
    new = [list(x) for x in tgt]
    line = new[p][s]
    new[p][s] = line[:m.start()] + swaps[m.group()] + line[m.end():]
    inner = (m.start(), m.start() + len(swaps[m.group()]))
    return Subtle(_rebuild(article, lang, new), lang, rules, _locate(article, lang, new, p, s, inner),
                  _source_span(article, src, p, s))


def _swap_name(article: Article, lang: str, src: list[list[str]], tgt: list[list[str]], rules: tuple[str, ...],
               rng: random.Random) -> Subtle | None:
    """A multi-letter name of a source sentence, written alike in the target sentence, replaced there by
    the last word of another name of the article that the target also writes (and the sentence lacks)."""
    if get_locale(lang).script != "latin":
        return None
    names = [n for n in find_names(article.source.content, "id") if n.kind == "name"]
    surnames = {n.parts[-1] for n in names if len(n.parts[-1]) >= 4}
    content = article.targets[lang].content
    written = sorted(w for w in surnames if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", content))
    places = []
    for p in range(len(src)):
        for s in range(len(src[p])):
            for w in written:
                here = re.search(rf"(?<!\w){re.escape(w)}(?!\w)", tgt[p][s])
                if w in src[p][s] and here:
                    others = [o for o in written if o != w and o not in src[p][s] and o not in tgt[p][s]]
                    if others:
                        places.append((p, s, here, others))
    if not places:
        return None
    p, s, m, others = rng.choice(places)
    other = rng.choice(others)
    new = [list(x) for x in tgt]
    line = new[p][s]
    new[p][s] = line[:m.start()] + other + line[m.end():]
    return Subtle(_rebuild(article, lang, new), lang, rules,
                  _locate(article, lang, new, p, s, (m.start(), m.start() + len(other))),
                  _source_span(article, src, p, s))


def found(plant_: Subtle, findings: list[Finding]) -> bool:
    for f in findings:
        if not any(f.rule.startswith(r) for r in plant_.rules):
            continue
        if plant_.target is not None and f.target is not None:
            a, b = plant_.target
            if f.target.start < b and a < f.target.end:
                return True
        elif f.source is not None:
            a, b = plant_.source
            if f.source.start < b and a < f.source.end:
                return True
    return False


def recall(pairs: list[tuple[Article, Article]], config: Config, kinds: tuple[str, ...], seed: int,
           misses: list[dict[str, object]], progress: Callable[[dict[str, object]], None]) -> dict[str, str]:
    """Recall per kind; ``progress`` gets every plant's outcome as it is known (a long run can be read
    before it ends)."""
    rng = random.Random(seed)
    hits: dict[str, list[int]] = defaultdict(list)
    for article, raw in pairs:
        for lang in sorted(article.targets):
            for kind in kinds:
                p = plant(article, raw, lang, kind, rng)
                if p is None:
                    continue
                version = next(v for v in check(p.article, config).versions if v.lang == p.lang)
                ok = found(p, version.findings)
                hits[kind].append(int(ok))
                progress({"plant": kind, "lang": lang, "article": article.id, "found": ok})
                if not ok:
                    text = p.article.targets[lang].content
                    misses.append({"article": article.id, "lang": lang, "kind": kind,
                                   "source": p.article.source.content[p.source[0]:p.source[1]],
                                   "target": text[p.target[0]:p.target[1]] if p.target else None,
                                   "rules": sorted({f.rule for f in version.findings})})
    return {k: f"{sum(v)}/{len(v)} = {sum(v) / max(len(v), 1):.3f}" for k, v in hits.items()}


def main() -> None:
    args = holdout.arguments(__doc__ or "", KINDS,
                             "write every clean major finding and every missed plant here (JSON lines)").parse_args()
    config = Config(encoder=args.encoder, encoder_scope=args.encoder_scope)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    halves = holdout.split(Path(args.data))
    names = ("tuning", "held-out") if args.half == "both" else (args.half,)
    out = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115 -- closed below

    for name in names:
        started = time.perf_counter()
        raws = holdout.load(halves[name])[: args.limit]
        pairs = [(g, raw) for raw in raws if (g := group(raw)) is not None]

        def dump(row: dict[str, object], half: str = name) -> None:
            if out is not None:
                out.write(json.dumps({"half": half, **row}, ensure_ascii=False) + "\n")
                out.flush()

        report: dict[str, object] = {"articles": len(pairs),
                                     **holdout.clean_load([g for g, _ in pairs], config, dump)}
        if not args.no_recall:
            misses: list[dict[str, object]] = []
            report["recall"] = recall(pairs, config, kinds, args.seed, misses, dump)
            for row in misses:
                dump({"missed": True, **row})
        report["seconds"] = round(time.perf_counter() - started, 1)
        print(f"== {name}")
        for key, value in report.items():
            print(f"  {key}: {value}")
        sys.stdout.flush()
    if out is not None:
        out.close()


if __name__ == "__main__":
    main()
