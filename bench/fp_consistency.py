"""CONS001 and SEM001 on clean human translations (ntrex-dev): false positives, before/after CONS001.

Every finding on ntrex-dev is a false positive. Runs the full rule set twice (CONS001 ignored, then
enabled) and prints findings per rule and severity for both, so the effect of the cross-version
judgement is measured: unanimous disagreements (the source or the checker's reading of it) are
lowered to minor, lone ones confirmed. Then plants one unrelated paragraph (taken from another
article, same language) in each version and counts how many SEM001/CONS001/STR catch.

Usage: python bench/fp_consistency.py [PATH] [--cache FILE] [--quiet]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import embedding_store

from mtcheck.align.encoders import prefetch
from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, ArticleResult, Text
from mtcheck.readers import read_paths
from mtcheck.text.words import count_words

SEVERITIES = ("minor", "major", "critical")


def tally(results: list[ArticleResult]) -> Counter[tuple[str, str]]:
    return Counter((f.rule, f.severity.value) for r in results for v in r.versions for f in v.findings)


def show(before: Counter[tuple[str, str]], after: Counter[tuple[str, str]], words: int) -> None:
    print(f"{'rule':8}" + "".join(f"{s + ' before':>14}{s + ' after':>13}" for s in SEVERITIES))
    for rule in sorted({r for r, _ in before} | {r for r, _ in after}):
        print(f"{rule:8}" + "".join(f"{before[(rule, s)]:>14}{after[(rule, s)]:>13}" for s in SEVERITIES))
    for name, c in (("before", before), ("after", after)):
        total = sum(c.values())
        major = sum(n for (_, s), n in c.items() if s != "minor" and s != "neutral")
        weighted = sum(n * {"minor": 1, "major": 5, "critical": 25}.get(s, 0) for (_, s), n in c.items())
        print(f"{name:7} findings {total} ({1000 * total / words:.2f}/1k words), major+critical {major} "
              f"({1000 * major / words:.2f}/1k), penalty points {weighted}")


def plant(articles: list[Article], seed: int = 3) -> tuple[list[Article], dict[tuple[str, str], int]]:
    """Each version gets one paragraph replaced by a paragraph of another article (same language)."""
    rng = random.Random(seed)
    planted: list[Article] = []
    where: dict[tuple[str, str], int] = {}
    for k, article in enumerate(articles):
        other = articles[(k + 7) % len(articles)]
        targets = {}
        for lang, text in article.targets.items():
            paras = [p.text for p in text.paragraphs]
            donors = [p.text for p in other.targets[lang].paragraphs]
            i = rng.randrange(1, max(2, len(paras) - 1))
            paras[i] = rng.choice(donors)
            targets[lang] = Text(lang, "\n\n".join(paras), text.path)
            where[(article.id, lang)] = i
        planted.append(replace(article, targets=targets))
    return planted, where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--cache", help="pickle of embeddings to reuse between runs")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    articles = [a for a in read_paths([args.path]) if isinstance(a, Article)]
    embedding_store.load(args.cache)
    config = Config()
    prefetch(articles, config)
    words = sum(count_words(t.content, lang) for a in articles for lang, t in a.targets.items())
    t0 = time.perf_counter()
    before = [check(a, replace(config, ignore=("CONS001",))) for a in articles]
    t1 = time.perf_counter()
    after = [check(a, config) for a in articles]
    t2 = time.perf_counter()
    print(f"{len(articles)} articles, {words} target words; check {1000 * (t1 - t0) / len(articles):.0f} ms/article "
          f"without CONS001, {1000 * (t2 - t1) / len(articles):.0f} ms/article with it")
    if not args.quiet:
        for r in after:
            for v in r.versions:
                for f in v.findings:
                    if f.rule in ("CONS001", "SEM001") or "versions" in f.message:
                        print(f"{r.id:24} {v.lang} {f.rule} {f.severity.value:5} {f.message[:160]!r}")
    show(tally(before), tally(after), words)
    planted, where = plant(articles)
    prefetch(planted, config)
    caught: Counter[str] = Counter()
    for article in planted:
        result = check(article, config)
        for v in result.versions:
            i = where[(article.id, v.lang)]
            para = article.targets[v.lang].paragraphs[i]
            rules = {f.rule for f in v.findings if f.target and f.target.start < para.end and para.start < f.target.end}
            src = article.source.paragraphs[min(i, len(article.source.paragraphs) - 1)]  # ntrex: 1:1 paragraphs
            rules |= {f.rule for f in v.findings if f.source and f.source.start < src.end and src.start < f.source.end
                      and f.rule in ("STR001", "SEM001", "CONS001")}
            for rule in ("SEM001", "CONS001", "STR001", "STR002"):
                caught[rule] += rule in rules
            caught["any of these"] += bool(rules & {"SEM001", "CONS001", "STR001", "STR002"})
    print(f"planted unrelated paragraphs: {len(where)}; caught: {dict(caught)}")
    embedding_store.save(args.cache)


if __name__ == "__main__":
    main()
