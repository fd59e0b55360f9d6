"""False positives and recall of the LANG rules on ntrex-dev (clean professional translations).

False positives: every LANG finding on the real articles (with the newsroom disclaimer appended to
each version, as published) is counted per 1,000 target words, per rule and language, and listed.
The articles are also checked with their sentences merged three to a paragraph, since real articles
have multi-sentence paragraphs and ntrex-dev has one sentence per paragraph.

Recall: errors are planted into in-memory copies of the articles, one per copy:
  untranslated   a target paragraph replaced by its Indonesian source paragraph (expects LANG001)
  english-para   an English paragraph inserted into the ar/zh/ja/fr version (expects LANG002)
  english-sent   an English sentence appended to a paragraph of ar/zh/ja/fr (expects LANG002)
  whole-version  a version replaced by another language's version or the source (expects LANG004)
Speed: ms per article of six versions for the LANG rules alone.

Usage: python bench/fp_language.py [DATA_DIR]   (default ../shared/data/ntrex-dev)
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from importlib import resources
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Text
from mtcheck.readers.folder import read_article_folder
from mtcheck.text.segment import split_paragraphs
from mtcheck.text.words import count_words

CONFIG = Config(select=("LANG",))
TARGETS = ("en", "zh", "ja", "ar", "fr")
MINOR_ALLOWED = ("LANG003",)


def load(data: Path) -> list[Article]:
    articles = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        article = read_article_folder(folder)
        assert isinstance(article, Article), article
        articles.append(article)
    return articles


def with_disclaimer(article: Article) -> Article:
    disclaimers = json.loads(resources.files("mtcheck").joinpath("data/boilerplate.json").read_text("utf-8"))
    targets = {lang: replace(t, content=t.content.rstrip() + "\n\n" + disclaimers["disclaimer"][lang] + "\n")
               for lang, t in article.targets.items()}
    return replace(article, targets=targets)


def merged(article: Article, n: int = 3) -> Article:
    """Sentences joined ``n`` to a paragraph (CJK without a space), as in real articles."""
    def join(text: Text) -> Text:
        paras = [p.text for p in split_paragraphs(text.content)]
        sep = "" if text.lang in ("zh", "ja") else " "
        blocks = [sep.join(paras[i:i + n]) for i in range(0, len(paras), n)]
        return replace(text, content="\n\n".join(blocks) + "\n")
    return replace(article, source=join(article.source),
                   targets={lang: join(t) for lang, t in article.targets.items()})


def false_positives(articles: list[Article], label: str) -> None:
    words: Counter[str] = Counter()
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    t0 = time.perf_counter()
    for article in articles:
        result = check(article, CONFIG)
        for v in result.versions:
            words[v.lang] += count_words(article.targets[v.lang].content, v.lang)
            for f in v.findings:
                text = f.target.text if f.target else ""
                found[(f.rule, v.lang)].append(f"{article.id}/{v.lang} {f.severity.value}: {f.message} | {text[:90]!r}")
    ms = 1000 * (time.perf_counter() - t0) / len(articles)
    total = sum(words.values())
    print(f"\n== false positives ({label}): {len(articles)} articles, {total} target words, {ms:.1f} ms/article")
    rules = ("LANG001", "LANG002", "LANG003", "LANG004")
    print(f"{'lang':<6}" + "".join(f"{r:>10}" for r in rules) + f"{'words':>9}")
    for lang in TARGETS:
        per_k = [1000 * len(found[(r, lang)]) / max(words[lang], 1) for r in rules]
        print(f"{lang:<6}" + "".join(f"{x:>10.3f}" for x in per_k) + f"{words[lang]:>9}")
    major = sum(len(v) for (r, _), v in found.items() if r not in MINOR_ALLOWED)
    print(f"major/critical findings per 1,000 target words: {1000 * major / total:.3f} ({major} findings)")
    for key in sorted(found):
        for line in found[key]:
            print("  ", line)


def _plant(article: Article, lang: str, content: str) -> Article:
    return replace(article, targets={**article.targets, lang: replace(article.targets[lang], content=content)})


def _paras(text: Text) -> list[str]:
    return [p.text for p in split_paragraphs(text.content)]


def planted(articles: list[Article]) -> dict[str, list[tuple[Article, str, str, str]]]:
    """Kind -> (article copy, version, expected rule, planted text)."""
    cases: dict[str, list[tuple[Article, str, str, str]]] = defaultdict(list)
    for k, article in enumerate(articles):
        src = _paras(article.source)
        english = _paras(article.targets["en"])
        for j, lang in enumerate(TARGETS):
            tgt = _paras(article.targets[lang])
            i = (k * 7 + j * 3) % min(len(src), len(tgt))
            if len(src[i].split()) >= 4:
                content = "\n\n".join(tgt[:i] + [src[i]] + tgt[i + 1:])
                cases["untranslated"].append((_plant(article, lang, content), lang, "LANG001", src[i]))
            if lang == "en":
                continue
            e = english[(i + 1) % len(english)]
            if len(e.split()) >= 5:
                content = "\n\n".join(tgt[:i] + [e] + tgt[i:])
                cases["english-para"].append((_plant(article, lang, content), lang, "LANG002", e))
                glue = "" if lang in ("zh", "ja") else " "
                content = "\n\n".join(tgt[:i] + [tgt[i] + glue + e] + tgt[i + 1:])
                cases["english-sent"].append((_plant(article, lang, content), lang, "LANG002", e))
        wrong = {"en": "fr", "fr": "en", "zh": "ja", "ja": "en", "ar": "en"}
        for j, lang in enumerate(TARGETS):
            other = article.source if (k + j) % 2 == 0 else article.targets[wrong[lang]]
            cases["whole-version"].append((_plant(article, lang, other.content), lang, "LANG004", other.lang))
    return cases


def recall(articles: list[Article]) -> None:
    print("\n== recall on planted errors")
    for kind, cases in planted(articles).items():
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        misses = []
        for article, lang, rule, text in cases:
            version = next(v for v in check(article, CONFIG).versions if v.lang == lang)
            ok = any(f.rule == rule for f in version.findings)
            totals[lang] += 1
            hits[lang] += ok
            if not ok:
                misses.append(f"{article.id}/{lang}: {text[:100]!r}")
        per_lang = ", ".join(f"{lang} {hits[lang]}/{totals[lang]}" for lang in TARGETS if totals[lang])
        print(f"{kind:<14} recall {sum(hits.values()) / sum(totals.values()):.3f}  ({per_lang})")
        for line in misses[:10]:
            print("   missed", line)


def speed(articles: list[Article]) -> None:
    """Language identification alone (every paragraph of all six versions), uncached, and a long article."""
    from mtcheck.facts.langid import detect

    paras = [p.text for a in articles for t in (a.source, *a.targets.values()) for p in split_paragraphs(t.content)]
    t0 = time.perf_counter()
    for text in paras:
        detect.__wrapped__(text)
    ms = 1000 * (time.perf_counter() - t0)
    print(f"\n== speed: language ID {ms / len(articles):.1f} ms/article of 6 versions "
          f"({1000 * ms / len(paras):.0f} us/paragraph)")
    long = articles[0]
    for other in articles[1:20]:  # ~300 paragraphs per version
        long = replace(long, source=replace(long.source, content=long.source.content + "\n\n" + other.source.content),
                       targets={lang: replace(t, content=t.content + "\n\n" + other.targets[lang].content)
                                for lang, t in long.targets.items()})
    t0 = time.perf_counter()
    check(long, CONFIG)
    print(f"LANG rules on a {len(split_paragraphs(long.source.content))}-paragraph article: "
          f"{1000 * (time.perf_counter() - t0):.0f} ms")


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ntrex-dev")
    articles = load(data)
    check(articles[0], CONFIG)  # warm-up: model load is not per-article cost
    false_positives([with_disclaimer(a) for a in articles], "one sentence per paragraph, with disclaimer")
    false_positives([with_disclaimer(merged(a)) for a in articles], "three sentences per paragraph")
    recall(articles)
    speed(articles)


if __name__ == "__main__":
    main()
