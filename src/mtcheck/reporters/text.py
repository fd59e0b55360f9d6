"""``--format text``: one linter line per finding, then a one-line summary."""
from __future__ import annotations

from typing import Any

from ..segment import line_col


def _location(version: dict[str, Any], finding: dict[str, Any], source: dict[str, Any]) -> str:
    """``path:line:col`` of the target span, else of the source span in the source file."""
    if finding["target"] is not None:
        path, text, span = version["path"], version.get("text", ""), finding["target"]
    elif finding["source"] is not None:
        path, text, span = source["path"], source.get("text", ""), finding["source"]
    else:
        return f"{version['path']}:1:1"
    line, col = line_col(text, span["start"]) if text else (1, span["start"] + 1)
    return f"{path}:{line}:{col}"


def finding_line(article: dict[str, Any], version: dict[str, Any], finding: dict[str, Any]) -> str:
    message = " ".join(finding["message"].split())
    suggestion = f" (suggestion: {finding['suggestion']})" if finding["suggestion"] else ""
    where = _location(version, finding, article["source"])
    return f"{where}: {finding['rule']} {finding['severity']} {message}{suggestion}"


def summary_line(document: dict[str, Any]) -> str:
    s = document["summary"]
    sev = s["by_severity"]
    parts = ", ".join(f"{sev.get(k, 0)} {k}" for k in ("critical", "major", "minor", "neutral"))
    v = s["verdicts"]
    errors = f", {s.get('input_errors', 0)} input error(s)" if s.get("input_errors") else ""
    return (
        f"{s['findings']} finding(s) ({parts}) in {s['articles']} article(s), {s['versions']} version(s): "
        f"{v.get('pass', 0)} pass, {v.get('warn', 0)} warn, {v.get('fail', 0)} fail{errors}"
    )


def render_text(document: dict[str, Any]) -> str:
    lines = [
        finding_line(article, version, finding)
        for article in document["articles"]
        for version in article["versions"]
        for finding in version["findings"]
    ]
    lines.append(summary_line(document))
    return "\n".join(lines) + "\n"
