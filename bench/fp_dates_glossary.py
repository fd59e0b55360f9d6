"""False positives of the date and glossary rules on clean human translations (ntrex-dev).

Usage: python bench/fp_dates_glossary.py [DATA_DIR] [--rules DATE001,DATE002,TERM001] [--quiet]
Every finding on these professional translations is a false positive: the script prints each one and
the rate per rule and language per 1,000 target words (the bar is 1 per 1,000).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article
from mtcheck.readers.folder import read_article_folder
from mtcheck.rules.base import all_rules
from mtcheck.text.words import count_words

LANGS = ("en", "zh", "ja", "ar", "fr")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--rules", default="DATE001,DATE002,TERM001")
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    codes = [c for c in args.rules.split(",") if c in all_rules()]
    rules = [all_rules()[c]() for c in codes]
    words: dict[str, int] = defaultdict(int)
    hits: dict[tuple[str, str], int] = defaultdict(int)
    for folder in sorted(p for p in Path(args.data).iterdir() if p.is_dir()):
        article = read_article_folder(folder)
        if not isinstance(article, Article):
            print(f"skip {folder}: {article}", file=sys.stderr)
            continue
        result = check(article, Config(), rules=rules)
        for version in result.versions:
            words[version.lang] += count_words(article.targets[version.lang].content, version.lang)
            for f in version.findings:
                hits[(f.rule, version.lang)] += 1
                if not args.quiet:
                    src = f.source.text if f.source else "-"
                    tgt = f.target.text if f.target else "-"
                    print(f"{f.rule} {article.id} {version.lang}: {src!r} -> {tgt!r} | {f.message}")
    print(f"\n{'rule':8} " + " ".join(f"{lang:>12}" for lang in LANGS) + f" {'all':>12}")
    total_words = sum(words.values())
    for code in codes:
        cells = [f"{hits[(code, lang)]:3d} {1000 * hits[(code, lang)] / max(words[lang], 1):6.2f}" for lang in LANGS]
        n = sum(hits[(code, lang)] for lang in LANGS)
        print(f"{code:8} " + " ".join(f"{c:>12}" for c in cells) + f" {n:3d} {1000 * n / max(total_words, 1):6.2f}")
    print("words   " + " ".join(f"{words[lang]:>12}" for lang in LANGS) + " (count, per 1,000 words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
