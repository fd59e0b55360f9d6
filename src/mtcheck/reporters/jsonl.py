"""``--format jsonl``: one JSON object per line, so a pipeline can stream, grep or ``jq`` the findings.

Every line has a ``kind``: ``finding`` (the finding's results-v1 fields plus article, language, file,
line and column), ``input_error``, and one closing ``summary`` line.
"""
from __future__ import annotations

import json
from typing import Any

from mtcheck.reporters.locate import findings_of, locate
from mtcheck.store.output import json_escaped


def _line(record: dict[str, Any]) -> str:
    """One JSON line; DEL, C1 controls and bidi overrides as ``\\u`` escapes too (json escapes only C0)."""
    return json_escaped(json.dumps(record, ensure_ascii=False, separators=(",", ":")))


def render_jsonl(document: dict[str, Any]) -> str:
    lines = []
    for article, version, finding in findings_of(document):
        where = locate(article, version, finding)
        lines.append(_line({
            "kind": "finding", "article": article["id"], "lang": version["lang"],
            "path": where.path, "line": where.line, "column": where.column,
            "end_line": where.end_line, "end_column": where.end_column, **finding,
        }))
    lines += [_line({"kind": "input_error", **error}) for error in document["input_errors"]]
    lines.append(_line({"kind": "summary", **document["summary"]}))
    return "\n".join(lines) + "\n"
