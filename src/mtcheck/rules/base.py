"""The rule family base class, the registry and the per-version check context.

A rule is one class with a stable ``code``, a kebab-case ``name``, an MQM ``category``, a default
``severity`` and a docstring (what it does, why it matters, an example). Registering it with
``@register`` is all it takes for the engine, ``mtcheck rules`` and ``mtcheck explain`` to know it.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from mtcheck.config import Config
from mtcheck.model import Article, Finding, Fix, Severity, Span, Text

T = TypeVar("T")


@dataclass
class ArticleContext:
    """Shared, lazily computed analyses of one article (e.g. source quantities), computed once."""

    article: Article
    config: Config
    cache: dict[Any, Any] = field(default_factory=dict)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]  # type: ignore[no-any-return]


@dataclass
class VersionContext:
    """What a rule sees: the article, its source, one target version and the shared analyses."""

    shared: ArticleContext
    target: Text
    extra: dict[str, Any] = field(default_factory=dict)  # per-version data exposed in results (e.g. alignment)

    @property
    def article(self) -> Article:
        return self.shared.article

    @property
    def source(self) -> Text:
        return self.shared.article.source

    @property
    def config(self) -> Config:
        return self.shared.config

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        return self.shared.memo(key, compute)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    # What a rule needs loaded, so a run loads only that: the sentence encoder (embedding every paragraph
    # costs most of a run) and the language-ID model (0.5 s, 130 MB once per process).
    uses_encoder: ClassVar[bool] = False
    uses_language_model: ClassVar[bool] = False
    # How ``--fix`` repairs the rule's findings ("safe: ..." or "unsafe: ..."); "" when it cannot.
    fixes: ClassVar[str] = ""

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n\n", 1)[0].replace("\n", " ")

    def finding(
        self,
        message: str,
        *,
        source: Span | None = None,
        target: Span | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        category: str | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        return Finding(
            rule=self.code,
            name=self.name,
            category=category or self.category,
            severity=severity or self.severity,
            message=message,
            source=source,
            target=target,
            suggestion=suggestion,
            fix=fix,
        )


class CrossVersionRule(Rule):
    """A rule that looks at every version of the article at once, after the per-version rules ran.

    ``cross_check`` receives each version's context and findings so far and returns the new or revised
    findings per language (a returned list replaces that language's findings). The five versions of an
    article are five witnesses: this is where one version's disagreement with the other four is judged.
    """

    def check(self, ctx: VersionContext) -> Iterable[Finding]:
        return ()

    def cross_check(
        self, contexts: dict[str, VersionContext], findings: dict[str, list[Finding]]
    ) -> dict[str, list[Finding]]:
        raise NotImplementedError


REGISTRY: dict[str, type[Rule]] = {}

R = TypeVar("R", bound=type[Rule])


def register(cls: R) -> R:
    """Class decorator: add a rule to the registry (codes must be unique)."""
    if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, after importing every module of the rules package."""
    from mtcheck.rules import load_all

    load_all()
    return dict(sorted(REGISTRY.items()))
