"""Measure per-language-pair paragraph length norms on aligned clean data; write data/length_norms.json.

Usage: python bench/measure_length_norms.py [../shared/data/ntrex-dev] [--write]

For every article whose versions have as many paragraphs as the source (ntrex-dev: all, one sentence
per paragraph), it records log(len(target) / len(source)) in characters per paragraph and reports the
median, the robust spread (1.4826 * MAD) and the 0.5 / 99.5 percentiles for long (>= 60 chars) and
short source paragraphs. The aligner scores lengths with these; STR005 flags ratios outside them.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from statistics import median

from mtcheck.readers import read_paths

OUT = Path(__file__).resolve().parent.parent / "src" / "mtcheck" / "data" / "length_norms.json"
LONG = 60  # source characters from which a paragraph counts as "long"


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    pos = (len(values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def measure(root: Path) -> dict[str, dict[str, float]]:
    ratios: dict[str, list[tuple[int, float]]] = {}
    for article in read_paths([str(p) for p in sorted(root.iterdir()) if p.is_dir()], "id"):
        if not hasattr(article, "source"):
            continue
        src = article.source.paragraphs
        for lang, text in article.targets.items():
            tgt = text.paragraphs
            if len(tgt) != len(src):
                continue
            for s, t in zip(src, tgt):
                ratios.setdefault(f"{article.source.lang}-{lang}", []).append(
                    (len(s.text), math.log(len(t.text) / len(s.text)))
                )
    norms: dict[str, dict[str, float]] = {}
    for pair, items in sorted(ratios.items()):
        logs = [r for _, r in items]
        mu = median(logs)
        long = [r for n, r in items if n >= LONG]
        short = [r for n, r in items if n < LONG]
        norms[pair] = {
            "n": len(items),
            "median_ratio": round(math.exp(mu), 4),
            "log_median": round(mu, 4),
            "log_sd_long": round(1.4826 * median(abs(r - mu) for r in long), 4),
            "log_sd_short": round(1.4826 * median(abs(r - mu) for r in short), 4) if short else 0.0,
            "log_p005_long": round(percentile(long, 0.005), 4),
            "log_p995_long": round(percentile(long, 0.995), 4),
            "log_min_long": round(min(long), 4),
            "log_max_long": round(max(long), 4),
        }
    return norms


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0] if args else "../shared/data/ntrex-dev")
    norms = measure(root)
    print(json.dumps(norms, indent=1))
    if "--write" in argv:
        doc = {
            "_comment": "Paragraph length ratios target/source in characters, measured on ntrex-dev "
            "(62 clean articles, one sentence per paragraph) by bench/measure_length_norms.py; "
            "log_* are natural logs; sd = 1.4826 * MAD; long = source paragraph >= 60 characters.",
            "pairs": norms,
        }
        OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
