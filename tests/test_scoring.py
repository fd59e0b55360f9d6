from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.model import Finding, Severity
from mtcheck.results.scoring import score, verdict


def findings(*severities: Severity) -> list[Finding]:
    return [Finding("NUM001", "number-format", "locale-conventions/number-format", s, "m") for s in severities]


@pytest.mark.parametrize(
    ("severities", "words", "expected"),
    [
        ((), 500, 100.0),
        ((Severity.MINOR,), 500, 98.0),  # 100 - 1 * 1000 / 500
        ((Severity.MAJOR,), 500, 90.0),
        ((Severity.MAJOR, Severity.MINOR), 1000, 94.0),
        ((Severity.CRITICAL,), 100, 0.0),  # floored at 0
        ((Severity.NEUTRAL,), 10, 100.0),
        ((Severity.MINOR,), 0, 0.0),
    ],
)
def test_mqm_score(severities: tuple[Severity, ...], words: int, expected: float) -> None:
    assert score(findings(*severities), words, Config()) == expected


def test_custom_weights_change_the_score() -> None:
    config = Config(weights={"neutral": 0, "minor": 2, "major": 10, "critical": 25})
    assert score(findings(Severity.MINOR), 1000, config) == 98.0


@pytest.mark.parametrize(
    ("severities", "value", "expected"),
    [((), 100.0, "pass"), ((Severity.MINOR,), 97.9, "warn"), ((Severity.MAJOR,), 89.9, "fail"),
     ((Severity.CRITICAL,), 99.0, "fail"), ((Severity.MINOR,), 98.0, "pass"),
     # no major or critical finding: at worst warn, however low the minor findings push the score
     ((Severity.MINOR,) * 12, 76.0, "warn"), ((Severity.MINOR, Severity.NEUTRAL), 40.0, "warn"),
     ((Severity.MINOR,) * 3 + (Severity.MAJOR,), 86.0, "fail"), ((Severity.MAJOR,), 95.0, "warn")],
)
def test_verdict_thresholds(severities: tuple[Severity, ...], value: float, expected: str) -> None:
    assert verdict(findings(*severities), value, Config()) == expected
