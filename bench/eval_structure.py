"""Recall on planted structure errors and false positives on clean text (ntrex-dev), per encoder.

Usage: python bench/eval_structure.py [DATA] [--encoder auto|none|NAME] [--limit N] [--embeddings FILE]

Clean originals: every STR finding is a false positive (reported per rule and as major findings per
1,000 target words). Planted copies (in memory only), one error per copy, each target version:

* drop-paragraph: a middle paragraph removed -> STR001 on it;
* drop-sentence: the paragraph's second half-sentence... (ntrex has one sentence per paragraph, so a
  sentence is removed by merging two neighbouring source paragraphs and translating only one) -> STR001;
* add-paragraph: a paragraph of another article (same language) inserted in the middle -> STR002;
* add-sentence: a sentence of another article appended to a middle paragraph -> STR002 (sentence);
* duplicate: a middle paragraph repeated right after itself -> STR003;
* truncate: the last 3 paragraphs removed -> STR004.

A planted error counts as found when a finding of the expected rule overlaps the planted span.
"""
from __future__ import annotations

import argparse
import pickle
import random
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article
from mtcheck.readers import read_paths
from mtcheck.text.words import count_words

CODES = ("STR001", "STR002", "STR003", "STR004", "STR005", "STR006")


def load(root: Path, limit: int | None) -> list[Article]:
    items = [a for a in read_paths([str(p) for p in sorted(root.iterdir()) if p.is_dir()], "id")]
    return [a for a in items if isinstance(a, Article)][:limit]


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def plant(article: Article, donor: Article, kind: str, lang: str, rng: random.Random) -> tuple[Article, str, tuple[int, int], str]:
    """A copy of ``article`` with one planted error in version ``lang``: (article, rule, span, side)."""
    src = [p.text for p in article.source.paragraphs]
    tgt = [p.text for p in article.targets[lang].paragraphs]
    n = len(tgt)
    k = rng.randrange(1, n - 1)
    side, rule = "target", ""
    if kind == "drop-paragraph":
        marked, tgt, rule, side = src[k], tgt[:k] + tgt[k + 1:], "STR001", "source"
    elif kind == "drop-sentence":
        # Two source sentences become one paragraph; the translation keeps only the first of them.
        src = src[:k] + [src[k] + " " + src[k + 1]] + src[k + 2:]
        marked, rule, side = src[k + 1 - 1].split(" ", 0)[0], "STR001", "source"
        marked = src[k][len(article.source.paragraphs[k].text) + 1:]
        tgt = tgt[:k + 1] + tgt[k + 2:]
    elif kind == "add-paragraph":
        extra = rng.choice([p.text for p in donor.targets[lang].paragraphs[1:]])
        tgt, marked, rule = tgt[:k] + [extra] + tgt[k:], extra, "STR002"
    elif kind == "add-sentence":
        extra = rng.choice([p.text for p in donor.targets[lang].paragraphs[1:]])
        sep = "" if lang in ("zh", "ja") else " "
        tgt = tgt[:k] + [tgt[k] + sep + extra] + tgt[k + 1:]
        marked, rule = extra, "STR002"
    elif kind == "duplicate":
        tgt, marked, rule = tgt[:k + 1] + [tgt[k]] + tgt[k + 1:], tgt[k], "STR003"
    elif kind == "truncate":
        marked, tgt, rule, side = src[-3], tgt[:-3], "STR004", "source"
    else:
        raise ValueError(kind)
    source = replace(article.source, content=join(src))
    target = replace(article.targets[lang], content=join(tgt))
    content = source.content if side == "source" else target.content
    start = content.index(marked) if kind != "duplicate" else content.index(marked, content.index(marked) + 1)
    return Article(article.id, source, {lang: target}), rule, (start, start + len(marked)), side


KINDS = ("drop-paragraph", "drop-sentence", "add-paragraph", "add-sentence", "duplicate", "truncate")


def evaluate(articles: list[Article], config: Config, seed: int = 7) -> dict[str, object]:
    from mtcheck.align import encoders

    started = time.perf_counter()
    per_rule: Counter[str] = Counter()
    majors, words = 0, 0
    examples: list[str] = []
    for article in articles:
        encoders.prefetch([article], config)
        result = check(article, config)
        for version in result.versions:
            words += count_words(article.targets[version.lang].content, version.lang)
            for f in version.findings:
                if f.rule.startswith("STR"):
                    per_rule[f.rule] += 1
                    majors += f.severity.value in ("major", "critical")
                    if len(examples) < 12:
                        span = f.target or f.source
                        examples.append(f"{article.id}/{version.lang} {f.rule}: {span.text[:70] if span else ''}")
    clean_time = time.perf_counter() - started
    rng = random.Random(seed)
    found: dict[str, list[int]] = defaultdict(list)
    for idx, article in enumerate(articles):
        donor = articles[(idx + 1) % len(articles)]
        for lang in article.targets:
            if len(article.targets[lang].paragraphs) != len(article.source.paragraphs) or len(article.source.paragraphs) < 6:
                continue
            for kind in KINDS:
                planted, rule, (a, b), side = plant(article, donor, kind, lang, rng)
                version = check(planted, config).versions[0]
                hit = any(
                    f.rule == rule and (span := (f.source if side == "source" else f.target)) is not None
                    and span.start < b and a < span.end
                    for f in version.findings
                )
                found[kind].append(int(hit))
    return {
        "fp_per_rule": dict(per_rule),
        "major_per_1000_words": round(1000 * majors / max(words, 1), 3),
        "target_words": words,
        "clean_seconds": round(clean_time, 1),
        "recall": {k: f"{sum(v)}/{len(v)} = {sum(v) / max(len(v), 1):.3f}" for k, v in found.items()},
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--encoder", default="auto")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--embeddings", help="pickle of a previous run's embedding cache (speeds up reruns)")
    args = parser.parse_args()
    from mtcheck.align import encoders

    if args.embeddings and Path(args.embeddings).exists():
        encoders.CACHE.store.update(pickle.loads(Path(args.embeddings).read_bytes()))
    config = Config(encoder=args.encoder)
    report = evaluate(load(Path(args.data), args.limit), config)
    for key, value in report.items():
        print(f"{key}: {value}" if key != "examples" else "examples:\n  " + "\n  ".join(value))  # type: ignore[arg-type]
    if args.embeddings:
        Path(args.embeddings).write_bytes(pickle.dumps(dict(encoders.CACHE.store)))


if __name__ == "__main__":
    main()
