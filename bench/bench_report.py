"""HTML report scaling: the time to segment a text at N highlight marks, and to write N article reports.

Both should about double when N doubles; a ratio near 4 means something compares every pair. These were
timed tests once (a wall-clock bound in a test fails on a slow or busy machine, and passes a quadratic
regression on a fast one); they are measured here instead.

Usage: python bench/bench_report.py [--sizes 5000,10000,20000,40000] [--articles 125,250,500] [--repeats 3]
"""
from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.reporters.html import write_html_reports
from mtcheck.reporters.html_segments import Mark, segment_text
from mtcheck.results.document import article_dict, build_document
from mtcheck.run.pipeline import iter_articles

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def segmentation_seconds(marks: int) -> float:
    """500 paragraphs of 40 words, ``marks`` overlapping 12-character marks."""
    text = ("word " * 40 + "\n\n") * 500
    paragraphs = [(i * 202, i * 202 + 199) for i in range(500)]
    placed = [Mark(f"m{i}", i * 5 % len(text), i * 5 % len(text) + 12, "minor") for i in range(marks)]
    start = time.perf_counter()
    segment_text(text, paragraphs, placed)
    return time.perf_counter() - start


def report_seconds(count: int) -> float:
    """Write the dashboard and ``count`` article reports, copies of the checked samples."""
    results = []
    for item in iter_articles([str(SAMPLES)], "id", lambda error: None):
        result = check(item, Config(encoder="none"))
        texts = {"id": item.source.content, **{lang: t.content for lang, t in item.targets.items()}}
        results.append(article_dict(result, texts))
    articles = [{**copy.deepcopy(results[i % len(results)]), "id": f"article-{i:05d}"} for i in range(count)]
    document = build_document(articles)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        write_html_reports(document, Path(out))
        return time.perf_counter() - start


def table(title: str, sizes: list[int], measure, repeats: int) -> None:  # type: ignore[no-untyped-def]
    print(f"\n| {title} | median s | ratio to previous |\n|---:|---:|---:|")
    previous = None
    for n in sizes:
        seconds = statistics.median(measure(n) for _ in range(repeats))
        ratio = f"{seconds / previous:.2f}" if previous else ""
        print(f"| {n:,} | {seconds:.3f} | {ratio} |")
        previous = seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    parser.add_argument("--articles", default="125,250,500")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    table("marks in one text", [int(n) for n in args.sizes.split(",")], segmentation_seconds, args.repeats)
    table("article reports", [int(n) for n in args.articles.split(",")], report_seconds, args.repeats)


if __name__ == "__main__":
    main()
