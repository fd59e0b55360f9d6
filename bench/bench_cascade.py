"""The default path's speed as a user sees it, and what the encoder cascade embeds.

Times ``mtcheck check`` on N real articles (the first N article folders of DATA in alphabetical order) as a new
user runs it: cold cache (``--no-cache``: no embedding, result or model kept from an earlier run), whole
process (start-up, model loads, every rule, no reports written), medians of ``--repeats`` runs. The
configurations are run back to back, round by round, so a machine shared with other work loads them alike.
Also prints the cascade's decisions over every article of DATA (versions settled, sentences of
some pairs embedded,
embedded whole; reasons; share of target paragraphs embedded) and ``mtcheck --help``'s time.

Usage: python bench/bench_cascade.py [DATA] [--n 20] [--repeats 3] [--configs default,all,none,...]
  a config is a name from CONFIGS, e.g. ``default`` (cascade, --jobs = the cores), ``all`` (--encoder-scope
  all), ``none`` (--encoder none), ``default-j1`` (one process).
"""
from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
CONFIGS: dict[str, list[str]] = {
    "default": [],
    "all": ["--encoder-scope", "all"],
    "none": ["--encoder", "none"],
    "default-j1": ["--jobs", "1"],
    "all-j1": ["--encoder-scope", "all", "--jobs", "1"],
    "none-j1": ["--encoder", "none", "--jobs", "1"],
}


def run_once(folders: list[Path], extra: list[str]) -> float:
    command = [sys.executable, "-m", "mtcheck", "check", *map(str, folders), "--no-cache", "--no-reports",
               "--quiet", "--exit-zero", "--format", "jsonl", *extra]
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - started


def help_seconds(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mtcheck", "--help"], capture_output=True, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def decisions(data: Path) -> str:
    """What the cascade decides for every version of every article of ``data``."""
    from mtcheck.align.cascade import content, decide
    from mtcheck.config import Config
    from mtcheck.model import Article
    from mtcheck.readers import read_paths

    config = Config()
    kinds: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    embedded = paragraphs = untouched = articles = pairs = 0
    for article in (a for a in read_paths([str(data)]) if isinstance(a, Article)):
        articles += 1
        found = [decide(article.source, text, config) for text in article.targets.values()]
        untouched += all(d.settled for d in found)
        for d, text in zip(found, article.targets.values()):
            n = len(content(text, config))
            paragraphs += n
            embedded += n if d.whole else 0
            pairs += len(d.pairs)
            kinds["whole" if d.whole else "pairs" if d.pairs else "settled"] += 1
            reasons.update({reason for reason, _ in d.reasons})
    return (f"versions: {kinds['settled']} settled, {kinds['pairs']} by the sentences of {pairs} pairs, "
            f"{kinds['whole']} whole; "
            f"reasons (versions): {dict(reasons)}; target paragraphs of whole versions: {embedded}/{paragraphs} "
            f"= {embedded / max(paragraphs, 1):.2f}; articles embedding nothing: {untouched}/{articles}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--configs", default="default,all,none")
    args = parser.parse_args()
    folders = sorted(p for p in Path(args.data).iterdir() if p.is_dir())[: args.n]
    names = [c for c in args.configs.split(",") if c]
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.repeats):
        for name in names:
            times[name].append(run_once(folders, CONFIGS[name]))
    print(f"{len(folders)} articles of {Path(args.data).name}, cold cache, {os.cpu_count()} cores, "
          f"load average before/after: {os.getloadavg()[0]:.1f}")
    print("| configuration | median seconds | articles/s | runs (s) |\n|---|---|---|---|")
    for name in names:
        median = statistics.median(times[name])
        runs = ", ".join(f"{t:.1f}" for t in times[name])
        print(f"| {name} `{' '.join(CONFIGS[name])}` | {median:.1f} | {len(folders) / median:.2f} | {runs} |")
    print(f"\n`mtcheck --help`: median {help_seconds(5) * 1000:.0f} ms")
    print(f"\ncascade decisions on all of {Path(args.data).name}: {decisions(Path(args.data))}")


if __name__ == "__main__":
    main()
