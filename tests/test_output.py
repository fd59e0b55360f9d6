from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.store.output import safe_filename, write_atomic


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "a/b", "a\\b", "..", "x\x00y", "con\nsole", "ok-id_1.2"])
def test_report_names_stay_inside_the_output_folder(tmp_path: Path, article_id: str) -> None:
    name = safe_filename(article_id)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_distinct_ids_get_distinct_names() -> None:
    assert safe_filename("a/b") != safe_filename("a_b")
    assert safe_filename("ok-id") == "ok-id.html"


def test_write_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "r" / "x.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert target.read_text() == '{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


@pytest.mark.parametrize("stopped_in", ["fdopen", "write", "chmod", "replace"])
def test_a_write_interrupted_anywhere_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stopped_in: str) -> None:
    """Ctrl-C or SIGTERM can land in any step; with mkstemp the temporary's name was known only once it
    returned and wrapped, so a stop in between left a hidden .tmp behind (1 run in 7 of the signal test)."""
    import os

    from mtcheck.store import output

    target = tmp_path / "report.html"
    target.write_text("previous", encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if stopped_in == "write":
        monkeypatch.setattr(output.AtomicOutput, "write", interrupt)
    else:
        monkeypatch.setattr(os, stopped_in, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert target.read_text(encoding="utf-8") == "previous"


def test_results_writer_stopped_while_it_starts_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under --baseline the writer makes two temporaries (results and its article spool). The spool was made
    by mkstemp, the same window as above, and a stop while making it also left the results' temporary: the
    caller had no writer to abort."""
    import os

    from mtcheck.reporters.results_writer import ResultsWriter

    fdopen = os.fdopen
    calls = []

    def second_fails(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return fdopen(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fdopen", second_fails)
    with pytest.raises(KeyboardInterrupt):
        ResultsWriter(tmp_path / "results.json", None)  # no header yet: articles are spooled
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


def test_a_spooled_results_file_is_whole_and_leaves_nothing_else(tmp_path: Path) -> None:
    from mtcheck.reporters.results_writer import ResultsWriter

    writer = ResultsWriter(tmp_path / "results.json", None)
    writer.add({"id": "a1"})
    writer.finish({"schema": "mtcheck/results-v1", "articles": [], "summary": {}})
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]
    assert '"id": "a1"' in (tmp_path / "results.json").read_text(encoding="utf-8")


def test_reports_are_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    write_atomic(target, "<p>x</p>")
    assert target.stat().st_mode & 0o777 == 0o644


ARTICLE = {"id": "Harga naik 80.000 rupiah.", "en": "Prices rose by 80.000 rupiah."}


def run_output(make_article, destination: Path, fmt: str = "json") -> tuple[int, str]:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from mtcheck.cli import app

    folder = make_article("harga", **ARTICLE)
    result = CliRunner().invoke(app, ["check", str(folder), "--encoder", "none", "-q", "--no-reports",
                                      "--format", fmt, "--output", str(destination)])
    return result.exit_code, result.stderr


def test_output_to_a_pipe_is_written_into_it_not_over_it(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Renaming a temporary over a destination that is not a regular file replaced it: a pipe became a file,
    and as root ``--output /dev/null`` replaced the device."""
    import json
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    code, _ = run_output(make_article, pipe)
    reader.join(timeout=30)
    assert code == 1 and stat.S_ISFIFO(pipe.stat().st_mode)
    assert [f["rule"] for f in json.loads(received[0])["articles"][0]["versions"][0]["findings"]] == ["NUM001"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "pipe"]  # no temporary left beside it


def test_output_through_a_symlink_replaces_the_file_it_names(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run_output(make_article, tmp_path / "link.txt", "text")[0] == 1
    assert (tmp_path / "link.txt").is_symlink() and "NUM001" in (tmp_path / "real.txt").read_text(encoding="utf-8")


def test_links_in_the_reports_folder_are_replaced_not_written_through(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A results.json in --out linked to an article's text wrote the results over the text. The reports
    folder is mtcheck's: its files replace a link (--output, a file the user names, still follows one)."""
    from typer.testing import CliRunner

    from mtcheck.cli import app

    folder = make_article("harga", **ARTICLE)
    out = tmp_path / "reports"
    out.mkdir()
    for name, target in (("results.json", "id.txt"), ("index.html", "en.txt"), ("harga.html", "en.txt")):
        (out / name).symlink_to(folder / target)
    for command in (["check", str(folder), "--encoder", "none", "-q", "--no-cache", "--out", str(out)],
                    ["report", str(out / "results.json"), "--out", str(out)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code in (0, 1), result.output
        assert (folder / "id.txt").read_text(encoding="utf-8") == ARTICLE["id"]
        assert (folder / "en.txt").read_text(encoding="utf-8") == ARTICLE["en"]
        assert not any(p.is_symlink() for p in out.iterdir())
    assert json.loads((out / "results.json").read_text(encoding="utf-8"))["articles"][0]["id"] == "harga"


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full")
def test_a_full_disk_is_one_line_and_exit_two(make_article) -> None:  # type: ignore[no-untyped-def]
    assert run_output(make_article, Path("/dev/full")) == (2, "mtcheck: error: /dev/full: cannot write (No space left on device)\n")
    assert Path("/dev/full").is_char_device()


def test_an_output_that_would_overwrite_an_input_is_refused(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--output batch.jsonl replaced the batch it had just read with its findings."""
    import json

    from typer.testing import CliRunner

    from mtcheck.cli import app

    batch = tmp_path / "batch.jsonl"
    line = json.dumps({"id": "a", "texts": {"id": ARTICLE["id"], "en": ARTICLE["en"]}}) + "\n"
    batch.write_text(line, encoding="utf-8")
    folder = make_article("harga", **ARTICLE)
    runs = [([str(batch), "--output", str(batch)], f"{batch}: --output would overwrite an input file"),
            ([str(folder.parent), "--write-baseline", str(folder / "en.txt")],
             f"{folder / 'en.txt'}: --write-baseline would overwrite an input file")]
    for args, message in runs:
        result = CliRunner().invoke(app, ["check", *args, "--encoder", "none", "-q", "--no-reports"])
        assert (result.exit_code, result.stderr) == (2, f"mtcheck: error: {message}\n")
    compared = CliRunner().invoke(app, ["compare", str(batch), str(batch), "--output", str(batch)])
    assert (compared.exit_code, compared.stderr) == (2, f"mtcheck: error: {batch}: --output would overwrite an input file\n")
    assert batch.read_text(encoding="utf-8") == line and (folder / "en.txt").read_text(encoding="utf-8") == ARTICLE["en"]
    elsewhere = tmp_path / "findings.json"  # beside the inputs, not one of them: written
    assert run_output(make_article, elsewhere)[0] == 1 and elsewhere.is_file()


def test_the_files_a_run_reads_besides_the_articles_are_not_overwritten(make_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--output onto the --glossary or --baseline file, or --write-baseline onto the glossary, replaced it:
    the next run then failed on a glossary that was a baseline. A baseline may refresh itself."""
    from typer.testing import CliRunner

    from mtcheck.cli import app

    folder = make_article("harga", **ARTICLE)
    glossary, baseline, config = tmp_path / "glossary.csv", tmp_path / "base.json", tmp_path / "mtcheck.toml"
    glossary.write_text("id,en\nharga,price\n", encoding="utf-8")
    config.write_text('select = ["NUM"]\n', encoding="utf-8")
    refs = tmp_path / "refs"
    (refs / "harga").mkdir(parents=True)
    (refs / "harga" / "en.txt").write_text(ARTICLE["en"], encoding="utf-8")
    run = ["check", str(folder), "--encoder", "none", "-q", "--no-reports", "--no-cache"]
    assert CliRunner().invoke(app, [*run, "--write-baseline", str(baseline)]).exit_code == 1
    kept = {p: p.read_bytes() for p in (glossary, baseline, config, refs / "harga" / "en.txt")}
    for flag, destination, more in [
        ("--output", glossary, ["--glossary", str(glossary)]),
        ("--write-baseline", glossary, ["--glossary", str(glossary)]),
        ("--output", baseline, ["--baseline", str(baseline)]),
        ("--output", config, ["--config", str(config)]),
        ("--output", refs / "harga" / "en.txt", ["--refs", str(refs)]),
    ]:
        result = CliRunner().invoke(app, [*run, *more, flag, str(destination)])
        assert (result.exit_code, result.stderr) == (2, f"mtcheck: error: {destination}: {flag} would overwrite an input file\n")
    assert {p: p.read_bytes() for p in kept} == kept
    refreshed = CliRunner().invoke(app, [*run, "--baseline", str(baseline), "--write-baseline", str(baseline)])
    assert refreshed.exit_code == 0 and refreshed.stderr == ""
