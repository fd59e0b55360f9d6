"""The batch job behind ``mtcheck check``: read every input, check each article, build the document.

Articles are checked in chunks of ``CHUNK``: the encoder embeds a whole chunk's paragraphs in large
batches first (``encoders.prefetch``), then ``engine.check`` runs per article. With ``jobs > 1`` the
chunks go to worker processes; the chunking is the same either way and results come back in input
order, so a parallel run writes exactly the document a serial run writes.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .config import Config
from .model import Article, InputError
from .results import article_dict, build_document

CHUNK = 8  # articles per unit of work at most: enough for batched embedding; smaller to balance jobs

Progress = Callable[[int, int], None]  # (articles done, articles total)
INTERNAL_ERROR = "internal_error"  # key of the placeholder a worker returns for an article whose check crashed


def read_articles(
    paths: list[str], source_lang: str, on_error: Callable[[InputError], None] = lambda e: None
) -> tuple[list[Article], list[InputError]]:
    """Every readable article (first of each id wins) and every input error, in input order."""
    from .readers import read_paths

    articles: list[Article] = []
    errors: list[InputError] = []
    seen: dict[str, str] = {}
    for item in read_paths(paths, source_lang):
        if isinstance(item, Article) and item.id in seen:
            item = InputError(item.origin, f"duplicate article id {item.id!r} (first seen in {seen[item.id]})")
        if isinstance(item, InputError):
            errors.append(item)
            on_error(item)
            continue
        seen[item.id] = item.origin
        articles.append(item)
    return articles, errors


def check_chunk(articles: list[Article], config: Config) -> list[dict[str, Any]]:
    """Check a chunk of articles and serialise the results (runs in a worker process with ``--jobs``)."""
    from .engine import check, enabled_rules

    try:
        from .encoders import prefetch
    except ImportError:
        pass
    else:
        prefetch(articles, config)
    rules = enabled_rules(config)
    out: list[dict[str, Any]] = []
    for article in articles:
        try:
            out.append(article_dict(check(article, config, rules), _texts(article)))
        except Exception as exc:  # one article's crash must not cost the batch: report it like bad input
            out.append({INTERNAL_ERROR: {"path": article.origin or article.id,
                                         "message": f"internal error while checking: {type(exc).__name__}: {exc}"}})
    return out


def _chunks(articles: list[Article], jobs: int) -> Iterator[list[Article]]:
    """At most ``CHUNK`` articles, and at least four chunks per worker so no worker idles at the end.
    Results do not depend on the chunking: rules are pure and embeddings do not depend on the batch."""
    size = max(1, min(CHUNK, -(-len(articles) // (4 * jobs)))) if jobs > 1 else CHUNK
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def _context(config: Config) -> Any:
    """``fork`` when this process runs no other thread: workers inherit the imported rules and start in
    milliseconds. Otherwise (a progress bar's refresh thread, an encoder's thread pool) ``spawn``: a
    forked child could inherit a lock held by a thread that does not exist in the child."""
    import multiprocessing
    import threading

    from .engine import enabled_rules

    enabled_rules(config)  # import every rule module before forking, once for all workers
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if threading.active_count() == 1 and "fork" in methods else "spawn")


def check_articles(
    articles: list[Article], config: Config, jobs: int = 1, progress: Progress = lambda done, total: None
) -> list[dict[str, Any]]:
    """Article dicts in input order, serially or in ``jobs`` worker processes."""
    results: list[dict[str, Any]] = []
    progress(0, len(articles))
    chunks = list(_chunks(articles, jobs))
    if jobs <= 1 or len(chunks) <= 1:
        outputs: Iterator[list[dict[str, Any]]] = (check_chunk(chunk, config) for chunk in chunks)
        for output in outputs:
            results += output
            progress(len(results), len(articles))
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(config)) as pool:
        for output in pool.map(check_chunk, chunks, [config] * len(chunks)):
            results += output
            progress(len(results), len(articles))
    return results


def run_check(
    paths: list[str],
    config: Config,
    options: dict[str, Any] | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    jobs: int = 1,
    progress: Progress = lambda done, total: None,
) -> dict[str, Any]:
    articles, errors = read_articles(paths, config.source_lang, on_error)
    checked: list[dict[str, Any]] = []
    for item in check_articles(articles, config, jobs, progress):
        if INTERNAL_ERROR in item:
            error = InputError(**item[INTERNAL_ERROR])
            errors.append(error)
            on_error(error)
        else:
            checked.append(item)
    return build_document(checked, errors, options)


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
