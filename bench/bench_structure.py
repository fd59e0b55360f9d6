"""Throughput of the structure rules on ntrex-dev, with and without the sentence encoder.

Usage: python bench/bench_structure.py [DATA] [--limit N] [--chunk 16] [--modes none,auto]

Each mode starts from an empty embedding cache and does what the CLI does: per chunk of articles,
``encoders.prefetch`` (one batched pass over every paragraph) then ``engine.check`` with only the STR
rules selected. Reports articles (each with all its versions) per second and the time split.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from mtcheck.align import encoders
from mtcheck.config import Config
from mtcheck.engine import check, enabled_rules
from mtcheck.model import Article
from mtcheck.readers import read_paths


def run(articles: list[Article], encoder: str, chunk: int) -> dict[str, float]:
    config = Config(encoder=encoder, select=("STR",))
    rules = enabled_rules(config)
    encoders.CACHE.store.clear()
    started = time.perf_counter()
    encoders.get_encoder(config)  # model load, reported separately
    loaded = time.perf_counter()
    embed_seconds = 0.0
    versions = 0
    for i in range(0, len(articles), chunk):
        batch = articles[i:i + chunk]
        t0 = time.perf_counter()
        encoders.prefetch(batch, config)
        embed_seconds += time.perf_counter() - t0
        for article in batch:
            versions += len(check(article, config, rules).versions)
    total = time.perf_counter() - loaded
    return {
        "articles": len(articles),
        "versions": versions,
        "load_s": round(loaded - started, 2),
        "prefetch_s": round(embed_seconds, 1),
        "check_s": round(total - embed_seconds, 1),
        "articles_per_s": round(len(articles) / total, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--modes", default="none,auto")
    args = parser.parse_args()
    root = Path(args.data)
    items = read_paths([str(p) for p in sorted(root.iterdir()) if p.is_dir()], "id")
    articles = [a for a in items if isinstance(a, Article)][: args.limit]
    for mode in args.modes.split(","):
        print(f"encoder={mode}: {run(articles, mode, args.chunk)}", flush=True)


if __name__ == "__main__":
    main()
