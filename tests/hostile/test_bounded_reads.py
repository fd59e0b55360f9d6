"""Class 2: everything read is bounded. A glossary, baseline, config or results file was read whole whatever
its size (a 3 GB file: a MemoryError traceback); each now stops at its limit with one line naming the file.
Files here are sparse: 70 MB on paper, nothing on disk."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import article, check, cli, one_line

OVER_64_MB = 70 * 2**20


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


@pytest.mark.parametrize(("flag", "name", "head"), [
    ("--glossary", "g.csv", b"id,en\n"),
    ("--baseline", "b.json", b'{"schema": "mtcheck/baseline-v1", "findings": ['),
])
def test_a_side_file_over_its_limit_is_one_line(tmp_path: Path, flag: str, name: str, head: bytes) -> None:
    path = _sparse(tmp_path / name, OVER_64_MB, head)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), flag, str(path), "--no-reports")
    assert code == 2 and one_line(stderr) and "larger than 67,108,864 bytes" in stderr, stderr


def test_a_config_file_over_its_limit_is_one_line(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "mtcheck.toml", 2 * 2**20, b'fail-on = "major"\n# ')
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--config", str(path), "--no-reports")
    assert code == 2 and one_line(stderr) and "larger than 1,048,576 bytes" in stderr, stderr


def test_a_results_file_over_its_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(The limit is 512 MB; lowered here so that a real results file exceeds it.)"""
    out = tmp_path / "out"
    check(str(article(tmp_path / "in" / "a")), "--out", str(out), "--no-html")
    monkeypatch.setattr("mtcheck.store.userfile.RESULTS_BYTES", 1000)
    for args in (["report", str(out / "results.json"), "--out", str(tmp_path / "html")],
                 ["compare", str(out / "results.json"), str(out / "results.json")]):
        code, _, stderr = cli(*args)
        assert code == 2 and one_line(stderr) and "cannot read results (larger than 1,000 bytes)" in stderr, stderr


def test_the_glossary_is_not_read_whole_once_per_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The results cache's key read the glossary whole, once per article: bounded and read once."""
    from mtcheck.run import result_store
    from mtcheck.store import userfile

    glossary = tmp_path / "g.csv"
    glossary.write_text("id,en\nbantuan,aid\n", encoding="utf-8")
    reads: list[Path] = []
    real = userfile.read_bytes

    def counted(path: Path, limit: int) -> bytes:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(userfile, "read_bytes", counted)
    from mtcheck.config import Config

    config = Config(glossary=str(glossary))
    from mtcheck.readers import read_article_folder

    one = read_article_folder(article(tmp_path / "in" / "a"))
    two = read_article_folder(article(tmp_path / "in" / "b"))
    keys = {result_store.article_key(a, config, "none") for a in (one, two, one)}  # type: ignore[arg-type]
    assert len(keys) == 2 and reads.count(glossary) == 1
    os.utime(glossary, ns=(1, 1))  # another version of the file is read again
    result_store.article_key(one, config, "none")  # type: ignore[arg-type]
    assert reads.count(glossary) == 2


def _set(path: tuple[object, ...], value: object) -> object:
    def change(document: dict) -> None:  # type: ignore[type-arg]
        node: object = document
        for key in path[:-1]:
            node = node[key]  # type: ignore[index]
        node[path[-1]] = value  # type: ignore[index]
    return change


READ_BACK = {  # a results.json changed by hand: each was shown, summed or divided by before
    "articles 1e308": (_set(("summary", "articles"), 1e308), "summary/articles: 1e+308 is out of range"),
    "findings 10**30": (_set(("summary", "findings"), 10**30), "summary/findings: 1e+30 is out of range"),
    "verdict count 10**30": (_set(("summary", "verdicts", "fail"), 10**30), "summary/verdicts/fail: 1e+30 is out"),
    "negative input errors": (_set(("summary", "input_errors"), -1), "summary/input_errors: -1 is less than"),
    "negative rule count": (_set(("summary", "by_rule", "NUM002"), -4), "summary/by_rule/NUM002: -4 is less than"),
    "mean score 1e308": (_set(("summary", "by_language", "en", "mean_score"), 1e308),
                         "summary/by_language/en/mean_score: 1e+308 is greater than the maximum of 100"),
    "a count written as a float": (_set(("summary", "articles"), 1.0), "summary/articles: 1.0 is not written as an integer"),
    "source words 10**30": (_set(("articles", 0, "source", "words"), 10**30), "articles/0/source/words: 1e+30"),
    "a summary of other articles": (_set(("summary", "articles"), 7), "its summary counts 7 articles, it holds 1"),
    "a detail 10**300": (_set(("articles", 0, "versions", 0, "details", "n"), 10**300), "details/n: 1e+300 is out"),
}


@pytest.mark.parametrize("case", READ_BACK)
@pytest.mark.parametrize("command", ["report", "compare"])
def test_every_number_read_back_from_results_is_validated(tmp_path: Path, case: str, command: str) -> None:
    import json

    out = tmp_path / "out"
    check(str(article(tmp_path / "in" / "a", id="Harga naik 80.000 rupiah.", en="Prices rose 8,000 rupiah.")),
          "--out", str(out), "--no-html")
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    change, reason = READ_BACK[case]
    change(document)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    args = ["report", str(bad), "--out", str(tmp_path / "r")] if command == "report" else \
        ["compare", str(out / "results.json"), str(bad)]
    code, _, stderr = cli(*args)
    assert code == 2 and one_line(stderr) and reason in stderr, stderr
    assert stderr.startswith(f"mtcheck: error: {bad}: not a valid mtcheck results-v1 document"), stderr


@pytest.mark.parametrize("name", ["many.en.xlf", "terms.tbx"])
def test_an_xml_file_of_millions_of_tags_is_refused_before_parsing(tmp_path: Path, name: str) -> None:
    """11 MB of ``<x/>`` in one unit (2.8 million elements) took 1 GB and 72 s; 14 MB of nested ``<g>``, 1.4 GB.
    The 64 MB limit of the file allowed 16 million."""
    codes = "<x/>" * 1_000_001
    xml = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="id" '
           f'target-language="en" original="a"><body><trans-unit id="1"><source>Harga naik.{codes}</source>'
           "<target>Prices rose.</target></trans-unit></body></file></xliff>")
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    good = article(tmp_path / "in" / "good")
    if name.endswith(".tbx"):
        code, _, stderr = check(str(good), "--glossary", str(path), "--no-reports")
    else:
        code, _, stderr = check(str(path), str(good), "--no-reports")
    assert code == 2 and one_line(stderr) and "more than 1,000,000 tags (1,000,013 '<')" in stderr, stderr


def test_a_weight_results_json_could_not_hold_is_refused_and_the_largest_is_read_back(tmp_path: Path) -> None:
    """A config's weight of 1e308 was taken: results.json recorded it in its options, and mtcheck report refused
    the file it had written ("1e+308 is out of range")."""
    config, out = tmp_path / "mtcheck.toml", tmp_path / "out"
    config.write_text("[weights]\nmajor = 1e308\n", encoding="utf-8")
    folder = article(tmp_path / "in" / "a", id="Harga naik 80.000 rupiah.", en="Prices rose 8,000 rupiah.")
    code, _, stderr = check(str(folder), "--config", str(config), "--out", str(out), "--no-html")
    assert code == 2 and one_line(stderr) and "weights.major: expected a number from 0 to 1,000,000" in stderr, stderr
    config.write_text("[weights]\nmajor = 1000000\nminor = 1e6\n", encoding="utf-8")
    code, _, stderr = check(str(folder), "--config", str(config), "--out", str(out), "--no-html")
    assert code == 1, stderr
    code, _, stderr = cli("report", str(out / "results.json"), "--out", str(tmp_path / "html"))
    assert code == 0, stderr


@pytest.mark.parametrize("shards", [[], ["results-00000.jsonl", "results-00000.jsonl"]])
def test_a_shards_summary_whose_counts_are_not_its_shards_is_refused(tmp_path: Path, shards: list[str]) -> None:
    """A results.json whose summary counts other articles than it holds is refused; a summary.json of shards
    was not: listing no shard (or one twice), its dashboard said "2 article(s)" beside 0 (or 4) rows."""
    import json

    out = tmp_path / "shards"
    check(str(article(tmp_path / "in" / "a")), str(article(tmp_path / "in" / "b")), "--out", str(out),
          "--out-format", "jsonl-shards", "--no-html")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary["shards"] = shards
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    code, _, stderr = cli("report", str(out), "--out", str(tmp_path / "html"))
    held = 2 * len(shards)
    assert code == 2 and one_line(stderr), stderr
    assert stderr.endswith(f"its summary counts 2 articles, it holds {held} in its shards\n"), stderr
    assert not (tmp_path / "html").exists()


@pytest.mark.parametrize(("data", "reason"), [
    (b'[tool.mtcheck]\nfail-on = "critical"\n' + b"#" * 2_000_000 + b"\n", "cannot read (larger than 1,048,576 bytes)"),
    (b'[tool.mtcheck]\nfail-on = "critical"  # caf\xe9\n', "cannot read (not UTF-8 at byte 42 (line 2)"),
])
def test_a_pyproject_naming_mtcheck_that_cannot_be_read_is_not_passed_over(tmp_path: Path, data: bytes, reason: str,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A pyproject.toml with a [tool.mtcheck] table over the config's limit (or not UTF-8) was passed over as one
    of another tool: the run used the defaults, silently (fail-on major where the project said critical)."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_bytes(data)
    monkeypatch.chdir(work)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--no-reports")
    assert code == 2 and one_line(stderr) and stderr.startswith(f"mtcheck: error: {work / 'pyproject.toml'}: {reason}")


def test_a_large_pyproject_of_other_tools_is_still_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n" + "#" * 2_000_000 + "\n", encoding="utf-8")
    monkeypatch.chdir(work)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--no-reports")
    assert code == 0 and stderr == "", stderr
