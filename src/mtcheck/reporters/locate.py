"""Where a finding is: file, line and column, for the reporters that point into files.

A finding's target span is located in the translated version, else its source span in the source text,
else it is a whole-version finding (line 1, column 1). Lines and columns are 1-based and count Python
characters (Unicode code points), which is what SARIF's ``unicodeCodePoints`` column kind means.

Some texts are not files of their own: a JSONL article's text is ``batch.jsonl:LINE#LANG`` and an XLIFF
text is ``file.xlf#LANG``. For those, ``file`` is the real file, ``file_line`` the line in it (JSONL)
and the offsets-derived line/column describe the position inside the extracted text only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mtcheck.text.segment import line_col

_VIRTUAL = re.compile(r"^(?P<file>.*?)(?::(?P<line>\d+))?#(?P<part>[^#/\\]*)$")


@dataclass(frozen=True)
class Location:
    path: str  # as recorded in the document
    line: int
    column: int
    end_line: int
    end_column: int
    whole: bool = False  # no span: the finding is about the whole version

    @property
    def virtual(self) -> bool:
        return _VIRTUAL.match(self.path) is not None

    @property
    def file(self) -> str:
        """The file on disk that holds this text."""
        match = _VIRTUAL.match(self.path)
        return match.group("file") if match else self.path

    @property
    def file_line(self) -> int | None:
        """For virtual texts, the line of the file that holds the whole text (a JSONL line), if known."""
        match = _VIRTUAL.match(self.path)
        return int(match.group("line")) if match and match.group("line") else None


def locate(article: dict[str, Any], version: dict[str, Any], finding: dict[str, Any]) -> Location:
    if finding["target"] is not None:
        path, text, span = version["path"], version.get("text", ""), finding["target"]
    elif finding["source"] is not None:
        path, text, span = article["source"]["path"], article["source"].get("text", ""), finding["source"]
    else:
        return Location(version["path"], 1, 1, 1, 1, whole=True)
    if text:
        line, col = line_col(text, span["start"])
        end_line, end_col = line_col(text, span["end"])
    else:  # a document without embedded texts: offsets are all we have
        line, col, end_line, end_col = 1, span["start"] + 1, 1, span["end"] + 1
    return Location(path, line, col, end_line, end_col)


def findings_of(document: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """Every (article, version, finding) in document order."""
    return [
        (article, version, finding)
        for article in document["articles"]
        for version in article["versions"]
        for finding in version["findings"]
    ]


def one_line(message: str) -> str:
    return " ".join(message.split())
