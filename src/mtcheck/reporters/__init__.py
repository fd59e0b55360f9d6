"""Reporters: small emitters over the results-v1 document. They render; they never compute findings.

``FORMATS`` maps a ``--format`` name to a function ``document -> str``. Each format is one module with
one ``render_<format>`` function; they import only the standard library, so the table stays cheap.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .github import render_github
from .jsonfmt import render_json
from .jsonl import render_jsonl
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text

Document = dict[str, Any]
Renderer = Callable[[Document], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "junit": render_junit,
    "sarif": render_sarif,
    "github": render_github,
}

__all__ = ["FORMATS", "Document", "Renderer"]
