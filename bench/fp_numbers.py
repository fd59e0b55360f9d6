"""False positives of the number rules on clean human translations (ntrex-dev), measured, never asserted.

Every finding on ntrex-dev is a false positive (the translations are professional). Prints each finding
(so it can be inspected), then findings per rule per language, per 1,000 target words, and the time.

Usage: python bench/fp_numbers.py [PATH] [--quiet]   (PATH defaults to ../shared/data/ntrex-dev)
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article
from mtcheck.readers import read_paths
from mtcheck.rules.base import all_rules
from mtcheck.text.words import count_words

CODES = ("NUM001", "NUM002", "NUM003")
LANGS = ("en", "fr", "zh", "ja", "ar")


def load(path: Path) -> list[Article]:
    return [a for a in read_paths([str(path)]) if isinstance(a, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--quiet", action="store_true", help="only the summary table")
    args = parser.parse_args()
    articles = load(Path(args.path))
    rules = [all_rules()[code]() for code in CODES]
    counts: Counter[tuple[str, str]] = Counter()
    words: Counter[str] = Counter()
    t0 = time.perf_counter()
    results = [check(a, Config(), rules) for a in articles]
    elapsed = time.perf_counter() - t0
    for article, result in zip(articles, results):
        for version in result.versions:
            words[version.lang] += count_words(article.targets[version.lang].content, version.lang)
            for f in version.findings:
                counts[(f.rule, version.lang)] += 1
                if not args.quiet:
                    src = f.source.text if f.source else "-"
                    tgt = f.target.text if f.target else "-"
                    print(f"{article.id:28} {version.lang} {f.rule} {f.severity.value:5} src={src!r} tgt={tgt!r}")
                    print(f"{'':31}{f.message}")
    print(f"\n{len(articles)} articles, {elapsed * 1000 / max(1, len(articles)):.2f} ms/article (3 rules)")
    print(f"{'rule':8}" + "".join(f"{lang:>14}" for lang in LANGS) + f"{'all':>14}")
    total_words = sum(words.values())
    for code in CODES:
        row = f"{code:8}"
        for lang in LANGS:
            n = counts[(code, lang)]
            row += f"{n:>5} ({1000 * n / max(1, words[lang]):5.2f})"
        n = sum(counts[(code, lang)] for lang in LANGS)
        row += f"{n:>5} ({1000 * n / max(1, total_words):5.2f})"
        print(row)
    print("(count, per 1,000 target words)")


if __name__ == "__main__":
    main()
