"""The HTML page of ``mtcheck compare``: one self-contained page (inline CSS, no script, autoescaped).

It shares the report's Jinja environment (autoescape, the ``vis`` filter that neutralises bidi
controls, the inlined stylesheet), so article ids and messages from either run are never markup.
"""
from __future__ import annotations

from typing import Any

from mtcheck.reporters.html import _env


def render_compare_html(result: dict[str, Any], tool: dict[str, Any] | None = None) -> str:
    """The page for a ``compare_documents`` result."""
    from mtcheck import __version__

    tool = tool or {"name": "mtcheck", "version": __version__}
    return str(_env().get_template("compare.html.j2").render(r=result, tool=tool))
