"""Peak memory of ``mtcheck check`` on synthetic JSONL batches: it must stay flat as the batch grows.

Usage: python bench/bench_stream.py [--sizes 1000,5000,20000] [--select NUM,DATE,LINK,PUNC] [--jobs 1]

Articles are the shipped samples (``samples/*/``) varied so that no two are the same: every digit is
shifted by the article's number, the paragraphs of every version are rotated by the same amount, and
ids are unique. Each size runs in a fresh subprocess; its peak RSS is ``ru_maxrss`` of that child (``os.wait4``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_samples(folder: Path) -> list[dict[str, str]]:
    """Each sample article as {lang: text}."""
    return [{p.stem: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))}
            for d in sorted(folder.iterdir()) if (d / "id.txt").is_file()]


def vary(text: str, n: int) -> str:
    """Shift every digit by ``n`` and rotate the paragraphs by ``n`` (the same for every version)."""
    shift = n % 10
    digits = str.maketrans("0123456789", "".join(str((d + shift) % 10) for d in range(10)))
    paragraphs = text.translate(digits).split("\n\n")
    k = n % len(paragraphs)
    return "\n\n".join(paragraphs[k:] + paragraphs[:k])


def write_batch(path: Path, samples: list[dict[str, str]], count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            texts = {lang: vary(text, n // len(samples)) for lang, text in samples[n % len(samples)].items()}
            handle.write(json.dumps({"id": f"bench-{n:06d}", "source_lang": "id", "texts": texts},
                                    ensure_ascii=False) + "\n")


def run(batch: Path, out: Path, select: str | None, jobs: int) -> tuple[float, float, int]:
    """(seconds, peak RSS of the child in MB, exit code)."""
    command = [sys.executable, "-m", "mtcheck", "check", str(batch), "--out", str(out), "--quiet", "--isolated",
               "--encoder", "none", "--format", "jsonl", "--output", "/dev/null", "--jobs", str(jobs), "--no-cache"]
    if select:
        command += ["--select", select]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (ru_maxrss in KiB on Linux)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--select", default=None, help="rule codes/prefixes, e.g. NUM,DATE,LINK,PUNC")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    args = parser.parse_args()
    samples = load_samples(args.samples)
    print(f"{'articles':>8} {'seconds':>8} {'art/s':>6} {'peak RSS MB':>11} {'results.json MB':>15} {'pages':>5} exit")
    for size in sorted(int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="mtcheck-bench-") as tmp:
            batch, out = Path(tmp) / "batch.jsonl", Path(tmp) / "out"
            write_batch(batch, samples, size)
            seconds, peak, code = run(batch, out, args.select, args.jobs)
            results = (out / "results.json").stat().st_size / 2**20 if (out / "results.json").exists() else 0.0
            pages = len(list(out.glob("index*.html")))
            print(f"{size:>8} {seconds:>8.1f} {size / seconds:>6.1f} {peak:>11.1f} {results:>15.1f} {pages:>5} {code}",
                  flush=True)


if __name__ == "__main__":
    main()
