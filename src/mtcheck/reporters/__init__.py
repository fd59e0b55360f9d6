"""Reporters: small emitters over the results-v1 document. They render; they never compute findings.

``FORMATS`` maps a ``--format`` name to a function ``document -> str``. Each format is one module with
one ``render_<format>`` function; they import only the standard library, so the table stays cheap.
May import engine, results, rules (their metadata) and below; never run or cli.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mtcheck.reporters.github import render_github
from mtcheck.reporters.jsonfmt import render_json
from mtcheck.reporters.jsonl import render_jsonl
from mtcheck.reporters.junit import render_junit
from mtcheck.reporters.sarif import render_sarif
from mtcheck.reporters.text import render_text

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
