"""The default path's speed as a user sees it, and what the encoder cascade embeds.

Times ``mtcheck check`` on N real articles (the first N article folders of DATA in alphabetical order) as a new
user runs it: cold cache (``--no-cache``: no embedding, result or model kept from an earlier run), whole
process (start-up, model loads, every rule, no reports written), medians of ``--repeats`` runs. The
configurations are run back to back, round by round, so a machine shared with other work loads them alike.
The CPU seconds (user + system of the run's processes) give the load-independent rate: the articles per
second an idle machine of that many cores would reach if the run kept every core busy. Also prints the
cascade's decisions over every article of DATA (versions settled, embedding a shift's window, the sentences
of some pairs or the whole version; reasons; share of target paragraphs embedded) and ``mtcheck --help``'s
time.

Usage: python bench/bench_cascade.py [DATA] [--n 20] [--repeats 3] [--configs default,all,none,...]
  a config is a name from CONFIGS, e.g. ``default`` (cascade, --jobs = the cores), ``all`` (--encoder-scope
  all), ``none`` (--encoder none), ``default-j1`` (one process).
"""
from __future__ import annotations

import argparse
import collections
import os
import resource
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


def run_once(folders: list[Path], extra: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the run's processes and threads) of one run. On a machine
    shared with other work the CPU seconds move far less than the wall time."""
    command = [sys.executable, "-m", "mtcheck", "check", *map(str, folders), "--no-cache", "--no-reports",
               "--quiet", "--exit-zero", "--format", "jsonl", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
    embedded = paragraphs = untouched = articles = pairs = windows = 0
    for article in (a for a in read_paths([str(data)]) if isinstance(a, Article)):
        articles += 1
        found = [decide(article.source, text, config) for text in article.targets.values()]
        untouched += all(d.settled for d in found)
        for d, text in zip(found, article.targets.values()):
            n = len(content(text, config))
            paragraphs += n
            embedded += n if d.whole else 0
            pairs += len(d.pairs)
            kinds["whole" if d.whole else "pairs" if d.pairs else "window" if d.window else "settled"] += 1
            windows += d.window is not None and not d.whole
            reasons.update({reason for reason, _ in d.reasons})
    return (f"versions: {kinds['settled']} settled, {kinds['window']} by a shift's window only, "
            f"{kinds['pairs']} by the sentences of {pairs} pairs, {kinds['whole']} whole ({windows} with a shift's "
            f"window first, embedded whole if the encoder does not pair it 1-1); "
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
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    load = os.getloadavg()[0]
    for _ in range(args.repeats):
        for name in names:
            times[name].append(run_once(folders, CONFIGS[name]))
            print(f"  {name}: {times[name][-1][0]:.1f} s wall, {times[name][-1][1]:.1f} s CPU", flush=True)
    print(f"{len(folders)} articles of {Path(args.data).name}, cold cache, {os.cpu_count()} cores, "
          f"load average before/after: {load:.1f}/{os.getloadavg()[0]:.1f}")
    print("| configuration | median wall s | articles/s (wall) | median CPU s | articles per CPU-s x cores |\n"
          "|---|---|---|---|---|")
    cores = os.cpu_count() or 1
    for name in names:
        wall = statistics.median(t for t, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        print(f"| {name} `{' '.join(CONFIGS[name])}` | {wall:.1f} | {len(folders) / wall:.2f} | {cpu:.1f} | "
              f"{cores * len(folders) / cpu:.2f} |")
    print(f"\n`mtcheck --help`: median {help_seconds(5) * 1000:.0f} ms")
    print(f"\ncascade decisions on all of {Path(args.data).name}: {decisions(Path(args.data))}")


if __name__ == "__main__":
    main()
