"""Precision and recall measured the honest way: thresholds are tuned on one half of the calibration data and
judged on the other.

The split is fixed here and nowhere else: the article folders of ../shared/data/ntrex-dev in alphabetical order,
even positions the *tuning* half, odd positions the *held-out* half. Look at the tuning half when choosing a
threshold, a word list or a heuristic; quote the held-out half.

For each half it prints:
* clean load: major (and critical) findings per 1,000 source words, per rule, on the clean human translations,
  and the share of versions whose verdict is ``fail``;
* planted recall: copies of each article with one error planted in one version (the other versions kept, as in
  a real batch), per kind; a plant is found when a finding of an expected rule overlaps the planted span.

``--dump FILE`` writes every major finding on the clean texts (one JSON object per line) for sorting by hand.

Usage: python bench/holdout.py [DATA] [--half tuning|held-out|both] [--encoder auto|none|NAME]
                               [--encoder-scope cascade|all] [--kinds K,K]
                               [--limit N] [--dump FILE] [--seed S]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Finding
from mtcheck.readers import read_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
SEVERE = ("major", "critical")


def split(root: Path) -> dict[str, list[Path]]:
    """The fixed split: alphabetical order of the article folders, even = tuning, odd = held-out."""
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    return {"tuning": folders[0::2], "held-out": folders[1::2]}


def load(folders: list[Path]) -> list[Article]:
    return [a for a in read_paths([str(p) for p in folders], "id") if isinstance(a, Article)]


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


@dataclass(frozen=True)
class Plant:
    article: Article
    lang: str
    rules: tuple[str, ...]  # a finding of any of these rules (or rule prefixes) finds the plant
    side: str  # "source" or "target": which text the span is in
    span: tuple[int, int]


def _with(article: Article, lang: str, src: list[str] | None, tgt: list[str]) -> Article:
    source = article.source if src is None else replace(article.source, content=join(src))
    targets = dict(article.targets)
    targets[lang] = replace(article.targets[lang], content=join(tgt))
    return Article(article.id, source, targets)


def _span_of(content: str, marked: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = content.index(marked, start + 1)
    return start, start + len(marked)


_ID_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
_DIGITS = re.compile(r"\d{2,}")


def plant(article: Article, lang: str, kind: str, rng: random.Random) -> Plant | None:
    """One error of ``kind`` planted in version ``lang`` of ``article``; None when the article has no place for it."""
    src = [p.text for p in article.source.paragraphs]
    tgt = [p.text for p in article.targets[lang].paragraphs]
    n = len(tgt)
    if n != len(src) or n < 6:
        return None
    k = rng.randrange(1, n - 1)
    if kind == "drop-paragraph":
        planted = _with(article, lang, None, tgt[:k] + tgt[k + 1:])
        return Plant(planted, lang, ("STR001",), "source", _span_of(planted.source.content, src[k]))
    if kind == "add-paragraph":
        extra = tgt[(k + n // 2) % n]
        planted = _with(article, lang, None, tgt[:k] + [extra] + tgt[k:])
        return Plant(planted, lang, ("STR002", "STR003"), "target",
                     _span_of(planted.targets[lang].content, extra, tgt[:k].count(extra)))
    if kind == "duplicate":
        planted = _with(article, lang, None, tgt[:k + 1] + [tgt[k]] + tgt[k + 1:])
        return Plant(planted, lang, ("STR003",), "target", _span_of(planted.targets[lang].content, tgt[k], 1))
    if kind == "truncate":
        planted = _with(article, lang, None, tgt[:-3])
        return Plant(planted, lang, ("STR004", "STR001"), "source", _span_of(planted.source.content, src[-3]))
    if kind == "untranslated":
        planted = _with(article, lang, None, tgt[:k] + [src[k]] + tgt[k + 1:])
        return Plant(planted, lang, ("LANG",), "target", _span_of(planted.targets[lang].content, src[k]))
    if kind == "id-number":
        # A thousands-grouped source number copied into the translation as Indonesian writes it.
        for i in rng.sample(range(n), n):
            for m in _ID_THOUSANDS.finditer(src[i]):
                digits = m.group().replace(".", "")
                hit = _find_same_digits(tgt[i], digits)
                if hit:
                    a, b = hit
                    line = tgt[i][:a] + m.group() + tgt[i][b:]
                    planted = _with(article, lang, None, tgt[:i] + [line] + tgt[i + 1:])
                    start = planted.targets[lang].content.index(line) + a
                    return Plant(planted, lang, ("NUM",), "target", (start, start + len(m.group())))
        return None
    if kind == "number-changed":
        for i in rng.sample(range(n), n):
            found = [m for m in _DIGITS.finditer(tgt[i]) if m.group() in src[i].replace(".", "").replace(",", "")]
            if found:
                m = rng.choice(found)
                first = str((int(m.group()[0]) % 9) + 1)
                changed = first + m.group()[1:]
                line = tgt[i][:m.start()] + changed + tgt[i][m.end():]
                planted = _with(article, lang, None, tgt[:i] + [line] + tgt[i + 1:])
                start = planted.targets[lang].content.index(line) + m.start()
                return Plant(planted, lang, ("NUM", "CONS"), "target", (start, start + len(changed)))
        return None
    if kind in _NUMBER_PLANTS:
        return _plant_number(article, lang, kind, src, tgt, rng)
    raise ValueError(f"unknown kind {kind!r}")


# Number plants on a quantity the target shares with its source paragraph, found by pattern (not by mtcheck's
# reader, so that every version of mtcheck is measured on the same plants): a rank changed ("44th" -> "54th"),
# the far end of a range changed ("3,500 to 4,000" -> "3,500 to 5,000"), a length wrongly converted (the
# source's "300 km" given as "233 miles": 25 % off 186 miles).
_NUM = r"\d+(?:[.,\u202f\u00a0 ]\d{3})*"
_RANGE = {"en": r"\s*(?:-|–|to|and)\s*", "fr": r"\s*(?:-|–|à|et)\s*", "zh": r"\s*(?:-|–|至|到|~)\s*",
          "ja": r"\s*(?:-|–|から|～|〜|~)\s*", "ar": r"\s*(?:-|–|إلى|و)\s*"}
_ORDINAL = {"en": r"\b(\d{2,})(?:st|nd|rd|th)\b", "fr": r"\b(\d{2,})(?:e|è|ème|er)\b", "zh": r"第(\d{2,})",
            "ja": r"第(\d{2,})", "ar": r"(?!x)x"}
_KM = r"(\d+)\s?(?:km|kilomet(?:er|re)s?|kilomètres?|公里|キロメートル|كيلومترات|كيلومترا?|كم)(?![^\W\d_])"
_MILES = {"en": " miles", "fr": " milles", "zh": "英里", "ja": "マイル", "ar": " ميلا"}
_NUMBER_PLANTS = ("ordinal-changed", "range-end", "unit-conversion")


def _changed(token: str) -> str:
    return str((int(token[0]) % 9) + 1) + token[1:]


def _number_sites(kind: str, lang: str, src: str, tgt: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in a target paragraph for a plant of ``kind``."""
    in_source = {re.sub(r"\D", "", m.group()) for m in re.finditer(_NUM, src)}
    if kind == "range-end":
        # quantities only: not clock times (12:00-13:00) nor years (1950-53)
        pattern = re.compile(f"(?<![\\d:.,])({_NUM})(?:{_RANGE[lang]})({_NUM})(?![\\d:年])")
        return [(m.start(2), m.end(2), _changed(m.group(2))) for m in pattern.finditer(tgt)
                if m.group(2).isdigit() and int(m.group(2)) > 10 and not re.fullmatch(r"(?:19|20)\d\d", m.group(1))
                and {re.sub(r"\D", "", m.group(1)), m.group(2)} <= in_source]
    if kind == "ordinal-changed":
        ranks = set(re.findall(r"\bke[- ](\d+)", src))
        return [(m.start(1), m.end(1), _changed(m.group(1))) for m in re.finditer(_ORDINAL[lang], tgt)
                if m.group(1) in ranks]
    return [(m.start(), m.end(), f"{round(int(m.group(1)) * 0.621371 * 1.25)}{_MILES[lang]}")
            for m in re.finditer(_KM, tgt) if m.group(1) in in_source]


def _plant_number(article: Article, lang: str, kind: str, src: list[str], tgt: list[str],
                  rng: random.Random) -> Plant | None:
    for i in rng.sample(range(len(tgt)), len(tgt)):
        sites = _number_sites(kind, lang, src[i], tgt[i])
        if sites:
            a, b, replacement = rng.choice(sites)
            line = tgt[i][:a] + replacement + tgt[i][b:]
            planted = _with(article, lang, None, tgt[:i] + [line] + tgt[i + 1:])
            start = planted.targets[lang].content.index(line) + a
            return Plant(planted, lang, ("NUM", "CONS"), "target", (start, start + len(replacement)))
    return None


def _find_same_digits(text: str, digits: str) -> tuple[int, int] | None:
    """The span of a number in ``text`` whose digits (grouping removed) are ``digits``."""
    for m in re.finditer(r"\d[\d,.\u00a0\u202f ]*\d|\d", text):
        if re.sub(r"\D", "", m.group()) == digits:
            return m.start(), m.end()
    return None


KINDS = ("drop-paragraph", "add-paragraph", "duplicate", "truncate", "untranslated", "id-number", "number-changed",
         *_NUMBER_PLANTS)


def _found(plant_: Plant, findings: list[Finding]) -> bool:
    a, b = plant_.span
    for f in findings:
        if not any(f.rule.startswith(r) for r in plant_.rules):
            continue
        span = f.source if plant_.side == "source" else f.target
        if span is not None and span.start < b and a < span.end:
            return True
    return False


def clean_load(articles: list[Article], config: Config, dump: Callable[[dict[str, object]], None]) -> dict[str, object]:
    per_rule: Counter[str] = Counter()
    words = 0
    verdicts: Counter[str] = Counter()
    for article in articles:
        result = check(article, config)
        words += result.source_words * len(result.versions)
        for version in result.versions:
            verdicts[version.verdict] += 1
            for f in version.findings:
                if f.severity.value in SEVERE:
                    per_rule[f.rule] += 1
                    dump({"article": article.id, "lang": version.lang, "rule": f.rule, "severity": f.severity.value,
                          "message": f.message,
                          "source": f.source.text if f.source else None,
                          "target": f.target.text if f.target else None})
    versions = sum(verdicts.values())
    return {
        "source_words_x_versions": words,
        "major_per_1000": round(1000 * sum(per_rule.values()) / max(words, 1), 3),
        "per_rule_per_1000": {r: round(1000 * c / max(words, 1), 3) for r, c in per_rule.most_common()},
        "fail_share": f"{verdicts['fail']}/{versions} = {verdicts['fail'] / max(versions, 1):.3f}",
    }


def recall(articles: list[Article], config: Config, kinds: tuple[str, ...], seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    found: dict[str, list[int]] = defaultdict(list)
    for article in articles:
        for lang in sorted(article.targets):
            for kind in kinds:
                p = plant(article, lang, kind, rng)
                if p is None:
                    continue
                version = next(v for v in check(p.article, config).versions if v.lang == p.lang)
                found[kind].append(int(_found(p, version.findings)))
    return {k: f"{sum(v)}/{len(v)} = {sum(v) / max(len(v), 1):.3f}" for k, v in found.items()}


def arguments(doc: str, kinds: tuple[str, ...], dump: str) -> argparse.ArgumentParser:
    """The command line this script and its siblings (holdout_subtle.py) share."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--half", choices=("tuning", "held-out", "both"), default="both")
    parser.add_argument("--encoder", default="auto")
    parser.add_argument("--encoder-scope", default="cascade", help="cascade (default) or all: what the encoder embeds")
    parser.add_argument("--kinds", default=",".join(kinds))
    parser.add_argument("--limit", type=int, default=None, help="articles per half (for quick loops)")
    parser.add_argument("--no-recall", action="store_true")
    parser.add_argument("--dump", help=dump)
    parser.add_argument("--seed", type=int, default=7)
    return parser


def main() -> None:
    args = arguments(__doc__ or "", KINDS, "write every clean major finding here (JSON lines)").parse_args()
    config = Config(encoder=args.encoder, encoder_scope=args.encoder_scope)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    halves = split(Path(args.data))
    names = ("tuning", "held-out") if args.half == "both" else (args.half,)
    out = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115 -- closed below

    for name in names:
        started = time.perf_counter()
        articles = load(halves[name])[: args.limit]

        def dump(row: dict[str, object], half: str = name) -> None:
            if out is not None:
                out.write(json.dumps({"half": half, **row}, ensure_ascii=False) + "\n")

        report: dict[str, object] = {"articles": len(articles), **clean_load(articles, config, dump)}
        if not args.no_recall:
            report["recall"] = recall(articles, config, kinds, args.seed)
        report["seconds"] = round(time.perf_counter() - started, 1)
        print(f"== {name}")
        for key, value in report.items():
            print(f"  {key}: {value}")
    if out is not None:
        out.close()


if __name__ == "__main__":
    main()
