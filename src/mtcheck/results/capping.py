"""At most ``MAX_PER_RULE`` findings of one rule in one version; past it, one summary finding says how many more.

A French version made of 100,000 ``« `` gave 200,000 findings (PUNC001, PUNC002): 4.8 GB of memory and a
759 MB HTML page, for a list nobody reads past its first screen. The findings left out still count: the
score takes their penalty and the verdict their severity, so a version is judged on everything found.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from mtcheck.config import Config
from mtcheck.model import Finding, Severity

MAX_PER_RULE = 200  # findings of one rule listed per version (a long article's real problems are far fewer)


@dataclass
class FindingCap:
    """Collects one version's findings: each rule's first ``MAX_PER_RULE`` distinct ones are kept, the rest
    only counted (by severity, after the config's overrides), so memory stays bounded whatever a rule yields."""

    config: Config
    kept: list[Finding] = field(default_factory=list)
    _seen: set[Finding] = field(default_factory=set)
    _per_rule: Counter[str] = field(default_factory=Counter)
    _left_out: Counter[tuple[str, Severity]] = field(default_factory=Counter)
    _first_left_out: dict[str, Finding] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        if finding in self._seen:
            return
        if self._per_rule[finding.rule] >= MAX_PER_RULE:
            severity = self.config.severity_overrides.get(finding.rule, finding.severity)
            self._left_out[finding.rule, severity] += 1
            self._first_left_out.setdefault(finding.rule, finding)
            return
        self._seen.add(finding)
        self._per_rule[finding.rule] += 1
        self.kept.append(finding)

    def replace_kept(self, findings: list[Finding]) -> None:
        """Keep ``findings`` instead (a cross-version rule revised the list), capped again; what was
        left out before stays counted."""
        self.kept, self._seen, self._per_rule = [], set(), Counter()
        for finding in findings:
            self.add(finding)

    def penalty(self) -> float:
        """The severity weights of the findings left out (the score counts them)."""
        return sum(self.config.weights.get(sev.value, 0.0) * n for (_, sev), n in self._left_out.items())

    def summaries(self) -> list[Finding]:
        """One finding per rule past the cap: how many more were left out, at their highest severity."""
        out = []
        for rule, first in self._first_left_out.items():
            counts = {sev: n for (code, sev), n in self._left_out.items() if code == rule}
            worst = max(counts, key=lambda sev: sev.rank)
            message = (f"{sum(counts.values()):,} more {rule} finding(s) in this version are not listed (at most "
                       f"{MAX_PER_RULE} per rule); the score and verdict count them")
            out.append(replace(first, severity=worst, message=message, source=None, target=None, suggestion=None))
        return out
