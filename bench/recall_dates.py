"""Recall of DATE001 on planted date errors: one weekday, day or month changed per version of ntrex-dev.

Usage: python bench/recall_dates.py [DATA_DIR] [--seed N] [--verbose]
For every translation that renders a source date, one rendering is changed in memory (weekday to the
next weekday, day to a neighbouring day, month name or number to the next month), the way an MT system
gets a date wrong; the version is checked with DATE001 alone and the plant counts as found when a finding's
target span overlaps the changed text. Prints recall per language and per kind of change. Nothing is
written: the articles are read-only inputs (never copy them into tests).
"""
from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from mtcheck.engine import check
from mtcheck.facts.dates import DateMention, parse_dates
from mtcheck.locales import get_locale
from mtcheck.model import Article, Text
from mtcheck.readers.folder import read_article_folder
from mtcheck.rules.base import all_rules

LANGS = ("en", "zh", "ja", "ar", "fr")


@dataclass(frozen=True)
class Plant:
    kind: str  # "weekday", "day" or "month"
    start: int  # the changed characters in the target text
    end: int
    new: str


def _similar(old: str, names: list[str]) -> str:
    """The name most like ``old`` in shape (木曜日 -> 金曜日, 周四 -> 周五), in ``old``'s case."""
    def shared(n: str) -> int:
        return len(n) == len(old.lower()) and sum(a == b for a, b in zip(n, old.lower()))
    best = max(names, key=lambda n: (shared(n), -abs(len(n) - len(old))))
    return best[:1].upper() + best[1:] if old[:1].isupper() else best


def _name_plant(text: str, m: DateMention, table: dict[str, int], value: int, kind: str) -> Plant | None:
    """Replace the name of ``value`` inside the mention by a name of the next value (7 -> 1, 12 -> 1)."""
    span = text[m.span.start:m.span.end]
    names = sorted((n for n, v in table.items() if v == value), key=len, reverse=True)
    for name in names:
        hit = re.search(re.escape(name), span, re.IGNORECASE)
        if hit:
            following = value % (7 if kind == "weekday" else 12) + 1
            new = _similar(hit.group(), [n for n, v in table.items() if v == following])
            return Plant(kind, m.span.start + hit.start(), m.span.start + hit.end(), new)
    return None


def _number_plant(text: str, m: DateMention, value: int, kind: str, limit: int) -> Plant | None:
    """Change the digits of a day or month number inside the mention (16 -> 17, 28 -> 27)."""
    span = text[m.span.start:m.span.end].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩０１２３４５６７８９", "0123456789" * 2))
    hits = [h for h in re.finditer(r"(?<!\d)0?(\d{1,2})(?!\d)", span) if int(h.group(1)) == value]
    if len(hits) != 1:  # 3/3/2023: which one is the day is not clear
        return None
    new = value + 1 if value < limit - 3 else value - 1
    h = hits[0]
    return Plant(kind, m.span.start + h.start(1), m.span.start + h.end(1), str(new))


def _agrees(m: DateMention, sources: list[DateMention], field: int) -> bool:
    """A source date gives the same value for ``field`` (so the target date renders a source date)."""
    key = [field] if field != 0 else [0, 1]
    return any(all(s.reading[k] == m.reading[k] for k in key if m.reading[k] is not None) and
               s.reading[field] is not None for s in sources)


def plants(text: str, lang: str, sources: list[DateMention]) -> list[Plant]:
    """Every change this version allows, on target dates that render a source date."""
    loc = get_locale(lang)
    out = []
    for m in parse_dates(text, lang):
        if m.weekday and _agrees(m, sources, 3):
            out.append(_name_plant(text, m, loc.weekdays, m.weekday, "weekday"))
        if m.day and m.month and _agrees(m, sources, 0) and m.day != m.month:
            out.append(_number_plant(text, m, m.day, "day", 31))
        if m.month and m.kind == "date" and _agrees(m, sources, 1):
            named = _name_plant(text, m, loc.months, m.month, "month") if loc.months else None
            out.append(named or _number_plant(text, m, m.month, "month", 15))
    return [p for p in out if p is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="../shared/data/ntrex-dev")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="print every plant and whether it was found")
    args = parser.parse_args(argv)
    rule = all_rules()["DATE001"]()
    planted: Counter[tuple[str, str]] = Counter()
    found: Counter[tuple[str, str]] = Counter()
    for folder in sorted(p for p in Path(args.data).iterdir() if p.is_dir()):
        article = read_article_folder(folder)
        if not isinstance(article, Article):
            continue
        sources = parse_dates(article.source.content, article.source.lang)
        for lang in LANGS:
            if lang not in article.targets:
                continue
            text = article.targets[lang].content
            options = plants(text, lang, sources)
            if not options:
                continue
            p = random.Random(f"{args.seed}:{article.id}:{lang}").choice(options)
            changed = text[:p.start] + p.new + text[p.end:]
            one = Article(article.id, article.source, {lang: Text(lang, changed)})
            findings = check(one, rules=[rule]).versions[0].findings
            end = p.start + len(p.new)
            hit = any(f.target and f.target.start < end and p.start < f.target.end for f in findings)
            planted[(lang, p.kind)] += 1
            found[(lang, p.kind)] += hit
            if args.verbose:
                print(f"{'found' if hit else 'MISSED':6} {article.id:26} {lang} {p.kind:7} "
                      f"{text[p.start:p.end]!r} -> {p.new!r}: {changed[max(0, p.start - 30):end + 20]!r}")
    kinds = sorted({k for _, k in planted})
    print(f"{'lang':6}" + "".join(f"{k:>16}" for k in kinds) + f"{'all':>16}")
    for lang in (*LANGS, "all"):
        cells = []
        for kind in (*kinds, "all"):
            keys = [(la, k) for la, k in planted if (lang in ("all", la)) and kind in ("all", k)]
            n, got = sum(planted[key] for key in keys), sum(found[key] for key in keys)
            cells.append(f"{got:3d}/{n:<3d} {100 * got / max(n, 1):5.1f}%")
        print(f"{lang:6}" + "".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
