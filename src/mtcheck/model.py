"""The core data model: plain dataclasses, no logic beyond trivial derived values.

Everything the engine, the rules and the reporters exchange is one of these types.
Offsets are Python ``str`` indices into a version's normalised text (BOM removed, CRLF -> LF).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from mtcheck.text.segment import Paragraph, split_paragraphs

__all__ = ["Article", "ArticleResult", "Edit", "Finding", "Fix", "InputError", "Paragraph", "Severity", "Span",
           "Text", "VersionResult"]


class Severity(str, Enum):
    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into one text, with the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Text:
    """One language version of an article (the source or a translation)."""

    lang: str
    content: str
    path: str = ""

    @property
    def paragraphs(self) -> list[Paragraph]:
        return split_paragraphs(self.content)


@dataclass(frozen=True)
class Article:
    """An article: its id, the source text and the target versions, keyed by language code."""

    id: str
    source: Text
    targets: dict[str, Text]
    origin: str = ""


@dataclass(frozen=True)
class Edit:
    """Replace ``text`` at ``[start, end)`` of the target's normalised text with ``replacement``."""

    start: int
    end: int
    text: str
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A finding's repair: edits applied together, ``safe`` when the meaning cannot change (``mtcheck fix``)."""

    edits: tuple[Edit, ...]
    safe: bool

    @classmethod
    def replace(cls, span: Span, replacement: str, safe: bool) -> Fix:
        return cls((Edit(span.start, span.end, span.text, replacement),), safe)


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    source: Span | None = None
    target: Span | None = None
    suggestion: str | None = None
    fix: Fix | None = None


@dataclass
class VersionResult:
    lang: str
    path: str
    words: int
    score: float
    verdict: str
    findings: list[Finding] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class ArticleResult:
    id: str
    source_lang: str
    source_path: str
    source_words: int
    versions: list[VersionResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InputError:
    """A problem with one input (file or JSONL line): reported, never raised past the reader."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
