"""``--fix``: apply the findings' fixes to an article's target texts, the way ruff does.

A round checks the article, takes the allowed fixes (safe ones; unsafe ones too with ``--unsafe-fixes``)
in a stable order, skips any that overlaps one already taken (it waits for the next round, on the text
as it then is) and applies them. The fixed article is checked again: a fix that brought a finding the
text did not have before is undone (the round's fixes are then tried one at a time, each kept only if it
brings nothing new; a round of more than ``MAX_TRIALS`` fixes stops fixing instead). Rounds repeat until
nothing is left to fix, at most ``MAX_ROUNDS``. Only target texts change, never the source, and never a
line break (a fix whose edit would add or remove one is not applied): a file keeps its lines, so its line
ends can be put back (``fix_files``).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from mtcheck.config import Config
from mtcheck.model import Article, Edit, Finding
from mtcheck.rules.base import Rule

MAX_ROUNDS = 8
# Each fix tried one at a time costs a full check of the article: a text of 60,000 double spaces (whose
# batch of fixes always "brought" new findings: those past the 200 listed per rule) ran 200 checks of an
# 800 kB text a round, minutes. A round of more fixes than this is not tried one at a time: it stops.
MAX_TRIALS = 50

Key = tuple[str, int | None, int | None, tuple[int, int] | None]


def allowed(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` (``unsafe``: with ``--unsafe-fixes``) applies this finding's fix."""
    return finding.fix is not None and (finding.fix.safe or unsafe)


def _applicable(edit: Edit, text: str) -> bool:
    """The edit still fits the text, changes something and keeps every line break."""
    return (text[edit.start:edit.end] == edit.text and edit.text != edit.replacement
            and "\n" not in edit.text and "\n" not in edit.replacement)


def select(findings: Iterable[Finding], text: str, unsafe: bool) -> list[Finding]:
    """The fixes of one round, in a stable order (first edit's position, then rule code), none overlapping
    another: a fix whose edits touch characters an earlier one changes (or insert at the same point) waits."""
    candidates = [f for f in findings if allowed(f, unsafe) and f.fix.edits]  # type: ignore[union-attr]
    candidates.sort(key=lambda f: (min(e.start for e in f.fix.edits), f.rule, f.fix.edits))  # type: ignore[union-attr]
    taken: list[Finding] = []
    busy: set[int] = set()
    for f in candidates:
        edits = f.fix.edits  # type: ignore[union-attr]
        if not all(_applicable(e, text) for e in edits):
            continue
        cells = {i for e in edits for i in range(e.start, max(e.end, e.start + 1))}
        if len(cells) < sum(max(e.end - e.start, 1) for e in edits) or cells & busy:
            continue  # its own edits overlap, or an earlier fix's do
        busy |= cells
        taken.append(f)
    return taken


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (offsets into ``text``)."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _back(edits: Iterable[Edit]) -> Callable[[int], int]:
    """Maps an offset of the fixed text to the text before ``edits`` (into a replaced region: its edge)."""
    starts: list[int] = []  # each edit's start in the fixed text
    info: list[tuple[int, int, int]] = []  # (its end in the fixed text, its start and end before)
    delta = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        starts.append(e.start + delta)
        info.append((e.start + delta + len(e.replacement), e.start, e.end))
        delta += len(e.replacement) - (e.end - e.start)

    def back(pos: int) -> int:
        k = bisect_right(starts, pos) - 1
        if k < 0:
            return pos
        new_end, start, end = info[k]
        if pos >= new_end:
            return end + pos - new_end
        return start if pos == starts[k] else end

    return back


def _keys(findings: list[Finding], back: Callable[[int], int]) -> Counter[Key]:
    """Findings as they stay when fixes move text: rule, source span, target span mapped back to before."""
    return Counter((f.rule, f.source.start if f.source else None, f.source.end if f.source else None,
                    (back(f.target.start), back(f.target.end)) if f.target else None) for f in findings)


Check = Callable[[Article], dict[str, list[Finding]]]


@dataclass
class Outcome:
    """An article after fixing: the fixed article, and the findings whose fix was applied, per language."""

    article: Article
    fixed: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.fixed.values())


def checker(config: Config, rules: list[Rule] | None = None) -> Check:
    """The findings of every target language of an article, as ``mtcheck check`` reports them."""
    from mtcheck.engine import check, enabled_rules

    chosen = enabled_rules(config) if rules is None else rules
    embeds = any(rule.uses_encoder for rule in chosen)

    def run(article: Article) -> dict[str, list[Finding]]:
        if embeds:  # the paragraphs a fix changed, in one batch (one at a time is 20 times slower on busy cores)
            try:
                from mtcheck.align.encoders import prefetch
            except ImportError:  # no numpy: the rules that need it say so
                pass
            else:
                prefetch([article], config)
        return {v.lang: v.findings for v in check(article, config, chosen).versions}

    return run


def _with_texts(article: Article, texts: dict[str, str]) -> Article:
    targets = {lang: replace(t, content=texts[lang]) if lang in texts else t for lang, t in article.targets.items()}
    return replace(article, targets=targets)


def _new(before: dict[str, list[Finding]], after: dict[str, list[Finding]], fixes: dict[str, list[Finding]]) -> bool:
    """Whether ``after`` (the check of the text ``fixes`` made) has a finding ``before`` did not (counted)."""
    same = _back(())
    return any(_keys(found, _back(_edits(fixes.get(lang, [])))) - _keys(before.get(lang, []), same)
               for lang, found in after.items())


def _edits(fixes: list[Finding]) -> list[Edit]:
    return [e for f in fixes for e in f.fix.edits]  # type: ignore[union-attr]


def fix_article(article: Article, check: Check, unsafe: bool = False) -> Outcome:
    """``article`` with its allowed fixes applied, round after round, and what was fixed."""
    outcome = Outcome(article)
    findings = check(article)
    for _ in range(MAX_ROUNDS):
        texts = {lang: article.targets[lang].content for lang in findings}
        chosen = {lang: select(found, texts[lang], unsafe) for lang, found in findings.items()}
        if not any(chosen.values()):
            break
        candidate = _with_texts(article, {lang: apply_edits(texts[lang], _edits(fs)) for lang, fs in chosen.items() if fs})
        after = check(candidate)
        if _new(findings, after, chosen):
            if sum(map(len, chosen.values())) > MAX_TRIALS:
                break
            candidate, after, chosen = _one_at_a_time(article, findings, chosen, check)
            if not any(chosen.values()):
                break
        for lang, fs in chosen.items():
            outcome.fixed.setdefault(lang, []).extend(fs)
        article, findings = candidate, after
    outcome.article = article
    return outcome


def _one_at_a_time(
    article: Article, findings: dict[str, list[Finding]], chosen: dict[str, list[Finding]], check: Check
) -> tuple[Article, dict[str, list[Finding]], dict[str, list[Finding]]]:
    """The round's fixes tried in order, each on the text the kept ones made, kept only if it brings no
    finding the text did not have. The fixes do not overlap, so each trial applies the kept ones and the
    new one together to the round's text, with their own offsets."""
    kept: dict[str, list[Finding]] = {}
    base = {lang: article.targets[lang].content for lang in chosen}
    latest = article, findings
    for lang, fs in chosen.items():
        for f in fs:
            trial = {**kept, lang: kept.get(lang, []) + [f]}
            candidate = _with_texts(article, {g: apply_edits(base[g], _edits(t)) for g, t in trial.items()})
            after = check(candidate)
            if not _new(findings, after, trial):
                kept, latest = trial, (candidate, after)
    return latest[0], latest[1], kept
