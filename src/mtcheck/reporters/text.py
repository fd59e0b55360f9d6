"""``--format text``: one linter line per finding, then a one-line summary. Every line is ``terminal_safe``:
a control character of a file name, a message or a suggestion (an ESC sequence in an article's URL) is
shown as an escape, never acted on by the terminal."""
from __future__ import annotations

from typing import Any

from mtcheck.reporters.locate import findings_of, locate, one_line
from mtcheck.store.output import terminal_safe


def finding_line(article: dict[str, Any], version: dict[str, Any], finding: dict[str, Any]) -> str:
    suggestion = f" (suggestion: {finding['suggestion']})" if finding["suggestion"] else ""
    where = locate(article, version, finding)
    # A finding located in the source file (an omission, a missing name) says which version it is about.
    about = f"[{version['lang']}] " if where.path != version["path"] else ""
    return terminal_safe(f"{where.path}:{where.line}:{where.column}: {finding['rule']} {finding['severity']} "
                         f"{about}{one_line(finding['message'])}{suggestion}")


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
    lines = [finding_line(*item) for item in findings_of(document)]
    lines.append(summary_line(document))
    return "\n".join(lines) + "\n"
