"""One unit of work of the batch job: check a chunk of articles and serialise their results.

It runs in the main process, in a ``--jobs`` worker process or on a cluster worker, the same way; it
knows nothing of where its chunk came from or where its results go.
"""
from __future__ import annotations

import threading
from typing import Any

from mtcheck.config import Config
from mtcheck.model import Article
from mtcheck.results.document import article_dict

INTERNAL_ERROR = "internal_error"  # key of the placeholder a worker returns for an article whose check crashed
KEPT = "kept_result"  # key a worker adds to a result kept from an earlier run; removed before anyone sees it


def _load_langid() -> None:
    """Load the language-ID model (0.5 s, once per process); a failure surfaces later, in the rule."""
    try:
        from mtcheck.facts.langid import load_model

        load_model()
    except Exception:  # noqa: BLE001,S110 -- the rule that needs it reports the problem
        pass


def check_chunk(articles: list[Article], config: Config) -> list[dict[str, Any]]:
    """Check a chunk of articles and serialise the results (runs in a worker process with ``--jobs``).
    An article whose result is kept from an earlier run (``result_store``) is not checked again."""
    from mtcheck.engine import check, enabled_rules
    from mtcheck.run.result_store import ChunkResults

    rules = enabled_rules(config)
    uses_encoder = any(rule.uses_encoder for rule in rules)
    kept = ChunkResults(articles, config, uses_encoder)
    results = [kept.kept(article) for article in articles]
    try:
        _prepare([a for a, r in zip(articles, results) if r is None], config, rules, uses_encoder)
    except Exception:  # noqa: BLE001,S110 -- only a head start: each article's check meets the problem itself
        pass  # and reports it as that article's (a configured pattern too slow on one article lost the chunk)
    out: list[dict[str, Any]] = []
    for article, result in zip(articles, results):
        if result is None:
            try:
                result = article_dict(check(article, config, rules), _texts(article))
            except Exception as exc:  # noqa: BLE001 -- one article's crash must not cost the batch: report it like bad input
                result = internal_error(article, f"{type(exc).__name__}: {exc}")
            else:
                kept.add(article, result)
        else:
            result = {**result, KEPT: True}
        out.append(result)
    kept.save()
    return out


def internal_error(article: Article, what: str) -> dict[str, Any]:
    """The placeholder of an article whose check failed (``what``: the exception, or how its worker died);
    the pipeline reports it as an input error naming the article."""
    return {INTERNAL_ERROR: {"path": article.origin or article.id, "message": f"internal error while checking: {what}"}}


def _prepare(articles: list[Article], config: Config, rules: list[Any], uses_encoder: bool) -> None:
    """Embed the articles' paragraphs in large batches, only if a rule reads embeddings. The language-ID
    model loads while the encoder embeds; without an encoder there is nothing to overlap, and without a
    LANG rule nothing needs it (then it loads on first use)."""
    if not articles or not uses_encoder:
        return
    try:
        from mtcheck.align.cascade import prefetch
    except ImportError:
        return
    warm = None
    if config.encoder != "none" and any(rule.uses_language_model for rule in rules):
        warm = threading.Thread(target=_load_langid, daemon=True)
        warm.start()
    prefetch(articles, config)
    if warm is not None:
        warm.join()


def _texts(article: Article) -> dict[str, str]:
    return {article.source.lang: article.source.content, **{k: t.content for k, t in article.targets.items()}}
