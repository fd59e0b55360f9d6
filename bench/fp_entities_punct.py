"""False positives of the name, link and punctuation rules on clean human translations.

Every finding on ntrex-dev (professional translations) is, with few exceptions, a false positive.
Prints findings per rule per language per 1,000 target words, then each finding (with --list).

Usage: python bench/fp_entities_punct.py [../shared/data/ntrex-dev] [--list] [--rules NAME,LINK,PUNC]
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check, enabled_rules
from mtcheck.model import Article
from mtcheck.readers import read_article_folder
from mtcheck.text.words import count_words

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared/data/ntrex-dev"))
    parser.add_argument("--list", action="store_true", help="print every finding")
    parser.add_argument("--rules", default="NAME,LINK,PUNC", help="comma-separated code prefixes")
    args = parser.parse_args()
    config = Config(select=tuple(args.rules.split(",")), encoder="none")
    rules = enabled_rules(config)
    words: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    listing: list[str] = []
    folders = sorted(p for p in Path(args.path).iterdir() if (p / "id.txt").is_file())
    for folder in folders:
        article = read_article_folder(folder)
        if not isinstance(article, Article):
            print(article)
            continue
        result = check(article, config, rules)
        for version in result.versions:
            words[version.lang] += count_words(article.targets[version.lang].content, version.lang)
            for f in version.findings:
                counts[f.rule][version.lang] += 1
                where = f.target.text if f.target else (f.source.text if f.source else "")
                listing.append(f"{article.id} {version.lang} {f.rule} {f.severity.value}: {f.message} [{where!r}]")
    langs = sorted(words)
    print(f"{len(folders)} articles; target words: " + ", ".join(f"{lang} {words[lang]}" for lang in langs))
    print("rule     " + "".join(f"{lang:>14}" for lang in langs))
    for rule in sorted(r.code for r in rules):
        cells = "".join(
            f"{counts[rule][lang]:>5} ({1000 * counts[rule][lang] / max(words[lang], 1):5.2f})" for lang in langs
        )
        print(f"{rule:8} {cells}")
    print("(count (per 1,000 target words))")
    if args.list:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
