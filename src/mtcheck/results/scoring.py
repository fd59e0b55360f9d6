"""MQM-style quality score and verdict of one version."""
from __future__ import annotations

from collections.abc import Iterable

from mtcheck.config import Config
from mtcheck.model import Finding, Severity


def penalty(findings: Iterable[Finding], config: Config) -> float:
    return sum(config.weights.get(f.severity.value, 0.0) for f in findings)


def score(findings: list[Finding], words: int, config: Config, left_out: float = 0.0) -> float:
    """``100 - penalty * 1000 / words``, floored at 0 (an empty text with findings scores 0); ``left_out``
    is the penalty of findings not listed (``capping``)."""
    total = penalty(findings, config) + left_out
    if total == 0:
        return 100.0
    if words <= 0:
        return 0.0
    return round(max(0.0, 100.0 - total * 1000.0 / words), 2)


def verdict(findings: list[Finding], value: float, config: Config) -> str:
    """``fail`` below ``fail_below`` or with a critical finding, ``warn`` below ``warn_below``, else ``pass``.

    The verdict says what the gate says: only a major or critical finding can fail a version. Many minor
    findings on a short text can push the score under ``fail_below``; such a version is at worst ``warn``
    (a reviewer should look, but nothing in it is an error that blocks publication).
    """
    severe = any(f.severity in (Severity.MAJOR, Severity.CRITICAL) for f in findings)
    if any(f.severity is Severity.CRITICAL for f in findings) or (severe and value < config.fail_below):
        return "fail"
    if value < config.warn_below:
        return "warn"
    return "pass"
