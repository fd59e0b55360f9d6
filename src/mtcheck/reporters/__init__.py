"""Reporters: small emitters over the results-v1 document. They render; they never compute findings.

``FORMATS`` maps a ``--format`` name to a function ``document -> str``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .jsonfmt import render_json
from .text import render_text

Document = dict[str, Any]
Renderer = Callable[[Document], str]

FORMATS: dict[str, Renderer] = {"text": render_text, "json": render_json}

__all__ = ["FORMATS", "Document", "Renderer"]
