"""The batch job behind ``mtcheck check``: read every input, check each article, build the document."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import Config
from .engine import check, enabled_rules
from .model import Article, InputError
from .readers import read_paths
from .results import article_dict, build_document


def run_check(
    paths: list[str],
    config: Config,
    options: dict[str, Any] | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
) -> dict[str, Any]:
    rules = enabled_rules(config)
    articles: list[dict[str, Any]] = []
    errors: list[InputError] = []
    seen: dict[str, str] = {}
    for item in read_paths(paths, config.source_lang):
        if isinstance(item, InputError):
            errors.append(item)
            on_error(item)
            continue
        if item.id in seen:
            error = InputError(item.origin, f"duplicate article id {item.id!r} (first seen in {seen[item.id]})")
            errors.append(error)
            on_error(error)
            continue
        seen[item.id] = item.origin
        articles.append(article_dict(check(item, config, rules), _texts(item)))
    return build_document(articles, errors, options)


def _texts(article: Article) -> dict[str, str]:
    return {article.source.lang: article.source.content, **{k: t.content for k, t in article.targets.items()}}


def write_reports(document: dict[str, Any], out: Path, html: bool = True, json_file: bool = True) -> None:
    from .output import write_atomic
    from .reporters.jsonfmt import render_json

    out.mkdir(parents=True, exist_ok=True)
    if json_file:
        write_atomic(out / "results.json", render_json(document))
    if html:
        from .reporters.html import write_html_reports

        write_html_reports(document, out)


def load_document(path: Path) -> dict[str, Any]:
    """Read and validate a results-v1 file (ValueError with a one-line reason otherwise)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read results ({exc})") from None
    from .schema import validate

    validate(document)
    return document  # type: ignore[no-any-return]
