"""``--fix`` on a copy of a corpus: what it fixes, that a plain run afterwards finds nothing new, and that a
second ``--fix`` changes nothing.

    PYTHONPATH=src python bench/bench_fix.py ../shared/data/ntrex-dev [--unsafe-fixes] [--encoder none]

The corpus is copied to a temporary folder first (the calibration data is read-only). A finding is "new"
when its (article, language, rule, source span, target words) was not among the findings before fixing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def run(folder: Path, *extra: str) -> tuple[dict, float]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mtcheck", "check", str(folder), "--no-reports", "-q",
                           "--format", "json", *extra], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout), time.perf_counter() - started


def keys(document: dict) -> Counter:
    return Counter((a["id"], v["lang"], f["rule"], json.dumps(f["source"] and [f["source"]["start"], f["source"]["end"]]),
                    f["target"] and f["target"]["text"])
                   for a in document["articles"] for v in a["versions"] for f in v["findings"])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


def main() -> None:
    corpus, flags = Path(sys.argv[1]), sys.argv[2:]
    fixing = [f for f in flags if f == "--unsafe-fixes"]
    checking = [f for f in flags if f != "--unsafe-fixes"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / corpus.name
        shutil.copytree(corpus, folder)
        originals = snapshot(folder)
        before, t0 = run(folder, *checking)
        _, t1 = run(folder, "--fix", *fixing, *checking)
        fixed = snapshot(folder)
        after, t2 = run(folder, *checking)
        run(folder, "--fix", *fixing, *checking)
        again = snapshot(folder)
    changed = sum(originals[k] != fixed[k] for k in originals)
    new = keys(after) - keys(before)
    gone = keys(before) - keys(after)
    print(f"findings before {before['summary']['findings']} (fixable {before['summary']['fixable']}), "
          f"after {after['summary']['findings']} (fixable {after['summary']['fixable']})")
    print(f"texts changed by --fix: {changed}; findings gone: {sum(gone.values())} {dict(Counter(k[2] for k in gone.elements()))}")
    print(f"new findings after --fix: {sum(new.values())} {sorted(new)[:10]}")
    print(f"second --fix changed {sum(fixed[k] != again[k] for k in fixed)} text(s)")
    print(f"time: check {t0:.1f} s, check --fix {t1:.1f} s, check {t2:.1f} s")


if __name__ == "__main__":
    main()
