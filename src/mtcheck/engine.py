"""``check(article, config) -> ArticleResult``: the library API. Pure and picklable: a result depends only on
the article and the config (models and caches are read on the way, which changes only the speed)."""
from __future__ import annotations

from mtcheck.config import Config
from mtcheck.model import Article, ArticleResult, Finding, VersionResult
from mtcheck.results.capping import FindingCap
from mtcheck.results.scoring import score, verdict
from mtcheck.rules.base import ArticleContext, CrossVersionRule, Rule, VersionContext, all_rules
from mtcheck.text.words import count_words


def enabled_rules(config: Config) -> list[Rule]:
    return [cls() for code, cls in all_rules().items() if config.rule_enabled(code)]


def _apply_overrides(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.severity_overrides:
        return findings
    from dataclasses import replace

    return [
        replace(f, severity=config.severity_overrides[f.rule]) if f.rule in config.severity_overrides else f
        for f in findings
    ]


def _sort_key(f: Finding) -> tuple[int, int, str]:
    span = f.target or f.source
    return (0 if f.target else 1, span.start if span else -1, f.rule)


def check(article: Article, config: Config | None = None, rules: list[Rule] | None = None) -> ArticleResult:
    config = config or Config()
    rules = enabled_rules(config) if rules is None else rules
    shared = ArticleContext(article, config)
    source_words = count_words(article.source.content, article.source.lang)
    result = ArticleResult(article.id, article.source.lang, article.source.path, source_words)
    langs = [lang for lang in (config.targets or tuple(article.targets)) if lang in article.targets]
    contexts = {lang: VersionContext(shared, article.targets[lang]) for lang in langs}
    per_lang: dict[str, list[Finding]] = {}
    caps: dict[str, FindingCap] = {}
    for lang, ctx in contexts.items():
        caps[lang] = FindingCap(config)  # each rule's findings past the cap are only counted
        for rule in rules:
            for f in rule.check(ctx):
                caps[lang].add(f)
        per_lang[lang] = caps[lang].kept
    for rule in rules:
        if isinstance(rule, CrossVersionRule):
            per_lang.update(rule.cross_check(contexts, per_lang))
    for lang, ctx in contexts.items():
        cap = caps[lang]
        if per_lang[lang] is not cap.kept:  # a cross-version rule replaced the list: capped again
            cap.replace_kept(per_lang[lang])
        findings = sorted(_apply_overrides(cap.kept, config), key=_sort_key)
        # The score is normalised by source words so versions in different scripts stay comparable.
        value = score(findings, source_words, config, cap.penalty())
        findings += cap.summaries()
        result.versions.append(
            VersionResult(
                lang=lang,
                path=ctx.target.path,
                words=count_words(ctx.target.content, lang),
                score=value,
                verdict=verdict(findings, value, config),
                findings=findings,
                extra=ctx.extra,
            )
        )
    return result
