"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

critical and major findings are ``::error``, minor ``::warning``, neutral ``::notice``. Property values
and messages are escaped as the runner expects (``%``, CR, LF; and ``:`` ``,`` in properties); any other
control character (ESC, a C1 code, a bidi override) is written as a visible escape (``terminal_safe``).
"""
from __future__ import annotations

from typing import Any

from mtcheck.reporters.locate import findings_of, locate, one_line
from mtcheck.store.output import terminal_safe

LEVELS = {"critical": "error", "major": "error", "minor": "warning", "neutral": "notice"}


def _data(value: str) -> str:
    return terminal_safe(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **props: str | int | None) -> str:
    given = ",".join(f"{k}={_prop(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {given}::{_data(message)}" if given else f"::{level}::{_data(message)}"


def render_github(document: dict[str, Any]) -> str:
    lines = []
    for article, version, finding in findings_of(document):
        where = locate(article, version, finding)
        suggestion = f" (suggestion: {finding['suggestion']})" if finding["suggestion"] else ""
        message = f"{one_line(finding['message'])}{suggestion} [{article['id']} {version['lang']}]"
        if where.virtual:  # JSONL/XLIFF text: point at the file (and JSONL line); the position is in the text
            position: dict[str, str | int | None] = {"line": where.file_line}
        elif where.whole:
            position = {}
        else:
            position = {"line": where.line, "col": where.column,
                        "endLine": where.end_line if where.end_line != where.line else None,
                        "endColumn": where.end_column if where.end_line == where.line else None}
        title = f"{finding['rule']} {finding['name']} ({finding['severity']})"
        lines.append(_command(LEVELS[finding["severity"]], message, file=where.file, **position, title=title))
    for error in document["input_errors"]:
        lines.append(_command("error", f"input error: {error['message']}", file=error["path"], title="mtcheck input"))
    return "".join(line + "\n" for line in lines)
