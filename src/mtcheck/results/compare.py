"""``mtcheck compare A.json B.json``: what changed between two runs (two MT systems, or an MT upgrade).

Findings are matched by the baseline fingerprint (``baseline.fingerprints``: rule, article, language,
normalised span text and occurrence index — no offsets, so an unrelated edit elsewhere in the text does
not turn a finding into "fixed" plus "new"). Only versions present in both runs are compared; the others
are listed. Score deltas are paired per article, with a 95% paired bootstrap confidence interval that
resamples *articles* (the versions of one article share its difficulty, so they move together).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from mtcheck.results.baseline import fingerprints

SCHEMA_ID = "mtcheck/compare-v1"
RESAMPLES = 2000
SEED = 20240601
CONFIDENCE = 0.95
OUTCOMES = ("new", "fixed", "unchanged")
LIST_LIMIT = 500  # new/fixed findings listed in full (counts are always complete)


def _versions(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(a["id"], v["lang"]): v for a in document.get("articles", []) for v in a.get("versions", [])}


def _fingerprinted(document: dict[str, Any], keep: set[tuple[str, str]]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        fp: (article["id"], version["lang"], finding)
        for fp, article, version, finding in fingerprints(document)
        if (article["id"], version["lang"]) in keep
    }


def _item(article: str, lang: str, finding: dict[str, Any]) -> dict[str, Any]:
    span = finding.get("target") or finding.get("source") or {}
    return {
        "article": article, "lang": lang, "rule": finding["rule"], "severity": finding["severity"],
        "message": finding["message"], "text": str(span.get("text", ""))[:200],
    }


def _tally(groups: Iterable[tuple[str, Iterable[tuple[str, str, dict[str, Any]]]]]) -> dict[str, Any]:
    by_rule: dict[str, Counter[str]] = {}
    by_lang: dict[str, Counter[str]] = {}
    by_severity: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter({o: 0 for o in OUTCOMES})
    for outcome, items in groups:
        for _, lang, finding in items:
            total[outcome] += 1
            for table, key in ((by_rule, finding["rule"]), (by_lang, lang), (by_severity, finding["severity"])):
                table.setdefault(key, Counter({o: 0 for o in OUTCOMES}))[outcome] += 1
    return {
        **{o: total[o] for o in OUTCOMES},
        "by_rule": {k: dict(v) for k, v in sorted(by_rule.items())},
        "by_language": {k: dict(v) for k, v in sorted(by_lang.items())},
        "by_severity": {k: dict(v) for k, v in sorted(by_severity.items())},
    }


def paired_bootstrap(deltas: Sequence[Sequence[float]], resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """Mean of all deltas and its percentile CI, resampling the groups (articles) with replacement.

    ``deltas`` holds one list per article (one delta per language version of it); the statistic is the
    mean over all versions in the resample, so an article with more versions weighs more, as in the
    plain mean.
    """
    import numpy as np

    groups = [list(g) for g in deltas if len(g)]
    n = len(groups)
    if n == 0:
        return {"articles": 0, "versions": 0, "mean_delta": None, "ci_low": None, "ci_high": None}
    sums = np.array([sum(g) for g in groups], dtype=float)
    counts = np.array([len(g) for g in groups], dtype=float)
    mean = float(sums.sum() / counts.sum())
    if n == 1:
        low = high = mean
    else:
        rng = np.random.default_rng(seed)
        picks = rng.integers(0, n, size=(resamples, n))
        stats = sums[picks].sum(axis=1) / counts[picks].sum(axis=1)
        alpha = (1.0 - CONFIDENCE) / 2
        low, high = (float(x) for x in np.quantile(stats, [alpha, 1.0 - alpha]))
    return {"articles": n, "versions": int(counts.sum()), "mean_delta": round(mean, 3),
            "ci_low": round(low, 3), "ci_high": round(high, 3)}


def _scores(a: dict[tuple[str, str], dict[str, Any]], b: dict[tuple[str, str], dict[str, Any]],
            common: list[tuple[str, str]]) -> dict[str, Any]:
    per_article: dict[str, list[float]] = {}
    per_lang: dict[str, dict[str, list[float]]] = {}
    means: dict[str, list[tuple[float, float]]] = {}
    for key in common:
        article, lang = key
        sa, sb = float(a[key]["score"]), float(b[key]["score"])
        per_article.setdefault(article, []).append(sb - sa)
        per_lang.setdefault(lang, {}).setdefault(article, []).append(sb - sa)
        means.setdefault(lang, []).append((sa, sb))
    pairs = [p for values in means.values() for p in values]

    def summary(deltas: dict[str, list[float]], values: list[tuple[float, float]]) -> dict[str, Any]:
        return {
            "mean_a": round(sum(x for x, _ in values) / len(values), 2) if values else None,
            "mean_b": round(sum(y for _, y in values) / len(values), 2) if values else None,
            **paired_bootstrap(list(deltas.values())),
        }

    return {
        "overall": summary(per_article, pairs),
        "by_language": {lang: summary(per_lang[lang], means[lang]) for lang in sorted(per_lang)},
    }


def _verdicts(a: dict[tuple[str, str], dict[str, Any]], b: dict[tuple[str, str], dict[str, Any]],
              common: list[tuple[str, str]]) -> dict[str, Any]:
    moves = Counter(f"{a[k]['verdict']}->{b[k]['verdict']}" for k in common if a[k]["verdict"] != b[k]["verdict"])
    changed = [
        {"article": k[0], "lang": k[1], "a": a[k]["verdict"], "b": b[k]["verdict"],
         "score_a": a[k]["score"], "score_b": b[k]["score"]}
        for k in common if a[k]["verdict"] != b[k]["verdict"]
    ]
    return {"a": dict(Counter(a[k]["verdict"] for k in common)), "b": dict(Counter(b[k]["verdict"] for k in common)),
            "moves": dict(sorted(moves.items())), "changed": changed[:LIST_LIMIT]}


def _run_info(document: dict[str, Any], label: str) -> dict[str, Any]:
    tool = document.get("tool", {})
    return {"label": label, "tool": f"{tool.get('name', '?')} {tool.get('version', '')}".strip(),
            "articles": len(document.get("articles", [])),
            "versions": sum(len(a.get("versions", [])) for a in document.get("articles", []))}


def compare_documents(a: dict[str, Any], b: dict[str, Any], labels: tuple[str, str] = ("A", "B")) -> dict[str, Any]:
    """The comparison of two results-v1 documents (``a`` the before/baseline run, ``b`` the after run)."""
    va, vb = _versions(a), _versions(b)
    common = sorted(set(va) & set(vb))
    keep = set(common)
    fa, fb = _fingerprinted(a, keep), _fingerprinted(b, keep)
    new = [fb[fp] for fp in fb if fp not in fa]
    fixed = [fa[fp] for fp in fa if fp not in fb]
    unchanged = [fb[fp] for fp in fb if fp in fa]
    return {
        "schema": SCHEMA_ID,
        "a": _run_info(a, labels[0]),
        "b": _run_info(b, labels[1]),
        "compared": {"articles": len({k[0] for k in common}), "versions": len(common)},
        "only_in_a": [{"article": k[0], "lang": k[1]} for k in sorted(set(va) - keep)],
        "only_in_b": [{"article": k[0], "lang": k[1]} for k in sorted(set(vb) - keep)],
        "findings": _tally((("new", new), ("fixed", fixed), ("unchanged", unchanged))),
        "new": [_item(*x) for x in new[:LIST_LIMIT]],
        "fixed": [_item(*x) for x in fixed[:LIST_LIMIT]],
        "scores": _scores(va, vb, common),
        "verdicts": _verdicts(va, vb, common),
        "bootstrap": {"resamples": RESAMPLES, "seed": SEED, "confidence": CONFIDENCE, "unit": "article"},
    }


def _delta(s: dict[str, Any]) -> str:
    if s["mean_delta"] is None:
        return "no versions in common"
    return (f"{s['mean_a']:.2f} -> {s['mean_b']:.2f}  delta {s['mean_delta']:+.2f} "
            f"[95% CI {s['ci_low']:+.2f}, {s['ci_high']:+.2f}] over {s['articles']} article(s)")


def render_compare_text(result: dict[str, Any]) -> str:
    """A plain-text summary: finding counts per rule and language, score deltas, verdict moves."""
    a, b, f = result["a"], result["b"], result["findings"]
    lines = [
        (f"compare {a['label']} ({a['versions']} versions) -> {b['label']} ({b['versions']} versions): "
         f"{result['compared']['versions']} version(s) of {result['compared']['articles']} article(s) in both"),
        f"findings: {f['new']} new, {f['fixed']} fixed, {f['unchanged']} unchanged",
        "",
        f"{'':12}{'new':>7}{'fixed':>7}{'same':>7}",
    ]
    for title, table in (("rule", f["by_rule"]), ("language", f["by_language"])):
        lines.append(f"by {title}:")
        lines += [f"  {key:10}{c['new']:>7}{c['fixed']:>7}{c['unchanged']:>7}" for key, c in table.items()]
    lines += ["", f"score overall: {_delta(result['scores']['overall'])}"]
    lines += [f"score {lang}: {_delta(s)}" for lang, s in result["scores"]["by_language"].items()]
    moves = result["verdicts"]["moves"]
    if moves:
        lines += ["", "verdict changes: " + ", ".join(f"{k} {v}" for k, v in moves.items())]
    for outcome in ("new", "fixed"):
        if result[outcome]:
            total = f[outcome]
            shown = "" if len(result[outcome]) == total else f" ({len(result[outcome]):,} of {total:,} listed)"
            lines += ["", f"{outcome} findings{shown}:"]
            lines += [f"  {x['article']} {x['lang']} {x['rule']} {x['severity']}: {x['text'] or x['message']}"
                      for x in result[outcome]]
    for side in ("only_in_a", "only_in_b"):
        if result[side]:
            lines.append(f"{len(result[side])} version(s) {side.replace('_', ' ')} (not compared)")
    return "\n".join(" ".join(line.split("\n")) for line in lines) + "\n"
