"""HTML reports: the dashboard and one page per article, rendered with Jinja2 (autoescaping on)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..output import safe_filename, write_atomic


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("mtcheck", "templates"), autoescape=select_autoescape(default=True))


def highlight(text: str, spans: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any] | None]]:
    """Cut ``text`` into (piece, finding-or-None) runs; overlapping spans keep the earliest."""
    pieces: list[tuple[str, dict[str, Any] | None]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if span["start"] < pos:
            continue
        pieces.append((text[pos : span["start"]], None))
        pieces.append((text[span["start"] : span["end"]], span))
        pos = span["end"]
    pieces.append((text[pos:], None))
    return pieces


def write_html_reports(document: dict[str, Any], out_dir: Path) -> list[Path]:
    env = _env()
    written = []
    pages = {a["id"]: safe_filename(a["id"]) for a in document["articles"]}
    index = out_dir / "index.html"
    write_atomic(index, env.get_template("index.html.j2").render(doc=document, pages=pages))
    written.append(index)
    page = env.get_template("article.html.j2")
    for article in document["articles"]:
        path = out_dir / pages[article["id"]]
        write_atomic(path, page.render(doc=document, article=article, highlight=highlight))
        written.append(path)
    return written
