"""Bad input gets one clear line naming the file and the problem; the rest of the batch is still checked."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mtcheck.cli import app

ID = "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.\n\nBantuan itu bernilai Rp2,1 triliun."
EN = "Jakarta - The government distributed aid to 80,000 families.\n\nThe aid is worth Rp2.1 trillion."
runner = CliRunner()


def check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args, "--encoder", "none", "-q"])
    return result.exit_code, result.stdout, result.stderr


def batch(tmp_path: Path, bad: dict[str, bytes]) -> tuple[int, str, dict]:  # type: ignore[type-arg]
    root = tmp_path / "in"
    for name, texts in {"good": {"id": ID.encode(), "en": EN.encode()}, "bad": bad}.items():
        (root / name).mkdir(parents=True)
        for lang, data in texts.items():
            (root / name / f"{lang}.txt").write_bytes(data)
    code, _, stderr = check(str(root), "--out", str(tmp_path / "out"))
    return code, stderr, json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))


def test_empty_file(tmp_path: Path) -> None:
    code, stderr, doc = batch(tmp_path, {"id": ID.encode(), "en": b"  \n"})
    assert code == 2 and "empty en text" in stderr and "bad" in stderr
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_binary_garbage(tmp_path: Path) -> None:
    code, stderr, doc = batch(tmp_path, {"id": ID.encode(), "en": bytes(range(256)) * 4})
    assert code == 2 and "bad/en.txt" in stderr and "binary" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_ten_megabyte_paragraph_is_an_input_error(tmp_path: Path) -> None:
    huge = ("Harga beras naik menjadi 80.000 rupiah per karung di pasar induk. " * 160_000).encode()  # ~10.6 MB
    code, stderr, doc = batch(tmp_path, {"id": huge, "en": EN.encode()})
    assert code == 2 and "bad/id.txt" in stderr and "too large" in stderr and "limit is 1,000,000" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_long_single_paragraph_is_checked(tmp_path: Path) -> None:
    # 2,000 sentences in one paragraph: over the sentence-alignment budget, yet every number is still compared
    long = " ".join(f"Harga beras naik menjadi {80 + k % 7}.000 rupiah per karung di pasar induk." for k in range(2000))
    code, stderr, doc = batch(tmp_path, {"id": long.encode(), "en": EN.encode()})
    assert code == 1 and stderr == ""
    bad = next(a for a in doc["articles"] if a["id"] == "bad")
    rules = {f["rule"] for f in bad["versions"][0]["findings"]}
    assert "NUM002" in rules


def test_too_many_paragraphs_to_align_says_structure_was_skipped(tmp_path: Path) -> None:
    src = "\n\n".join(f"Paragraf nomor {k} tentang bantuan sosial untuk keluarga miskin." for k in range(300))
    tgt = "\n\n".join(f"Paragraph number {k} about social aid for poor families." for k in range(300))
    _, stderr, doc = batch(tmp_path, {"id": src.encode(), "en": tgt.encode()})
    assert stderr == ""
    version = next(a for a in doc["articles"] if a["id"] == "bad")["versions"][0]
    aligner = version["details"]["aligner"]
    assert aligner["method"] == "skipped" and aligner["paragraphs"] == "300 x 300"
    assert aligner["note"] == "too many paragraphs to align (over 50,000 pairs): structure checks skipped"
    assert not any(f["rule"].startswith("STR") for f in version["findings"])
    assert "alignment" not in version["details"]  # nothing aligned, so no paragraph is shown as a gap
    assert doc["summary"]["aligner_notes"] == {aligner["note"]: 1,
                                               "encoder disabled (--encoder none)": 1}
    loud = runner.invoke(app, ["check", str(tmp_path / "in" / "bad"), "--encoder", "none", "--no-reports"])
    assert loud.stderr == f"mtcheck: warning: {aligner['note']} (1 version(s))\n"
    page = (tmp_path / "out" / "bad.html").read_text(encoding="utf-8")
    assert f"paragraphs paired by position: {aligner['note']} (300 x 300 paragraphs)" in page
    assert "possible omission" not in page and "Paragraph number 299 about" in page


def test_jsonl_ids_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    lines = [{"id": "../../etc/passwd", "texts": {"id": ID, "en": EN}},
             {"id": "a\u202eb<script>", "texts": {"id": ID, "en": EN}},
             {"id": "ctl\x07", "texts": {"id": ID, "en": EN}},
             {"id": "del\x7f", "texts": {"id": ID, "en": EN}},
             {"id": "nel\x85", "texts": {"id": ID, "en": EN}},  # C1: a line end to some readers
             {"id": "nul-text", "texts": {"id": ID, "en": EN + "\x00"}},
             {"id": "../../etc/passwd", "texts": {"id": ID, "en": EN}}]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = check(str(path), "--out", str(out))
    assert code == 2
    assert stderr.count("control characters") == 3 and "duplicate article id" in stderr
    assert f"{path}:6#en: en text holds a NUL character (at character {len(EN)}): binary data" in stderr
    written = {p.resolve().parent for p in out.rglob("*")}
    assert written == {out.resolve()}
    assert not (tmp_path / "etc").exists()


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "in" / "a1").mkdir(parents=True)
    (tmp_path / "in" / "a1" / "id.txt").write_text(ID, encoding="utf-8")
    (tmp_path / "in" / "a1" / "en.txt").write_text(EN, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code, _, stderr = check(str(tmp_path / "in"), "--out", str(blocker))
    assert code == 2
    assert str(blocker) in stderr and "Traceback" not in stderr
    assert blocker.read_text(encoding="utf-8") == "x"


def test_unreadable_file_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "good").mkdir(parents=True)
    (root / "good" / "id.txt").write_text(ID, encoding="utf-8")
    (root / "good" / "en.txt").write_text(EN, encoding="utf-8")
    (root / "bad" / "en.txt").mkdir(parents=True)  # read_bytes fails (IsADirectoryError), as for a file without permission
    (root / "bad" / "id.txt").write_text(ID, encoding="utf-8")
    code, _, stderr = check(str(root), "--out", str(tmp_path / "out"))
    assert code == 2
    [line] = stderr.strip().splitlines()
    assert "bad/en.txt" in line and "cannot read" in line
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]
    assert [e["path"].endswith("bad/en.txt") for e in doc["input_errors"]] == [True]


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "a1").mkdir(parents=True)
    files = {root / "a1" / "id.txt": b"\xef\xbb\xbf" + ID.replace("\n", "\r\n").encode(),
             root / "a1" / "en.txt": EN.replace("80,000", "80.000").encode()}
    for path, data in files.items():
        path.write_bytes(data)
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files}
    code, _, _ = check(str(root), "--out", str(tmp_path / "out"))
    assert code == 1  # 80.000 in English is a finding
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files} == before


def test_lone_surrogates_in_jsonl_are_input_errors(tmp_path: Path) -> None:
    """JSON can escape a lone surrogate ("\\ud800"): valid JSON, not Unicode. No UTF-8 writer (results,
    encoder, cache) can take it, so the line is an input error, like a file that is not UTF-8."""
    lines = [
        {"id": "good", "texts": {"id": ID, "en": EN}},
        {"id": "bad-text", "texts": {"id": ID, "en": EN.replace("families", "famil\ud800ies")}},
        {"id": "bad-\udc00-id", "texts": {"id": ID, "en": EN}},
    ]
    batch_file = tmp_path / "batch.jsonl"
    batch_file.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    for encoder in ("none", "auto"):
        out = tmp_path / f"out-{encoder}"
        result = runner.invoke(app, ["check", str(batch_file), "--out", str(out), "--encoder", encoder, "-q"])
        assert result.exit_code == 2, result.output
        errors = result.stderr.strip().splitlines()
        at = EN.index("families") + 5
        assert errors == [
            f"mtcheck: {batch_file}:2#en: en text is not valid Unicode (a lone surrogate U+D800 at character {at})",
            f"mtcheck: {batch_file}:3: article id is not valid Unicode (a JSON escape or a folder name that is not UTF-8)",
        ]
        doc = json.loads((out / "results.json").read_text(encoding="utf-8"))
        assert [a["id"] for a in doc["articles"]] == ["good"] and len(doc["input_errors"]) == 2


def test_a_folder_name_that_is_not_utf8_is_one_printable_line(tmp_path: Path) -> None:
    """Linux allows any bytes in a name; Python shows the undecodable ones as lone surrogates, which
    neither stderr nor results.json can take. The article is an input error, its name printed as \\xff."""
    import os

    root = tmp_path / "in"
    for name in (b"art\xff", b"good"):
        folder = os.path.join(os.fsencode(root), name)
        os.makedirs(folder)
        for lang, text in (("id", ID), ("en", EN)):
            with open(os.path.join(folder, f"{lang}.txt".encode()), "w", encoding="utf-8") as handle:
                handle.write(text)
    code, _, stderr = check(str(root), "--out", str(tmp_path / "out"))
    assert code == 2, stderr
    assert stderr.strip().splitlines() == [
        f"mtcheck: {root}/art\\xff: article id is not valid Unicode (a JSON escape or a folder name that is not UTF-8)"
    ]
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]
    assert doc["input_errors"] == [{"path": f"{root}/art\\xff", "message": doc["input_errors"][0]["message"]}]


def test_an_unknown_language_code_is_quoted_printably(tmp_path: Path) -> None:
    batch_file = tmp_path / "batch.jsonl"
    batch_file.write_text(json.dumps({"id": "a", "texts": {"id": ID, "e\ud800n": EN}}) + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch_file), "--out", str(tmp_path / "out"))
    assert code == 2 and stderr.strip() == (
        f"mtcheck: {batch_file}:1: unknown language code(s) e\\ud800n (supported: id, en, zh, ja, ar, fr)"
    )


def test_jsonl_nested_too_deeply_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    """json recurses per level of nesting: a line of 100,000 brackets used to end the batch with a RecursionError."""
    batch_file = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "good", "texts": {"id": ID, "en": EN}}), "[" * 100_000 + "]" * 100_000,
             '{"id": "deep", "texts": ' + '{"x": ' * 50_000 + "1" + "}" * 50_000 + "}"]
    batch_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch_file), "--out", str(tmp_path / "out"))
    assert code == 2 and "Traceback" not in stderr
    assert stderr.strip().splitlines() == [f"mtcheck: {batch_file}:{n}: JSON nested too deeply" for n in (2, 3)]
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_jsonl_lines_json_cannot_read_as_one_article_are_one_line_each(tmp_path: Path) -> None:
    """A number of 5,000 digits ended the batch with a ValueError traceback (Python limits int conversion);
    a key given twice ("en" twice in "texts") silently checked the last text."""
    batch_file = tmp_path / "batch.jsonl"
    lines = ['{"id": "long", "texts": {"id": "x", "en": "y"}, "n": ' + "9" * 5000 + "}",
             '{"id": "twice", "texts": {"id": ' + json.dumps(ID) + ', "en": ' + json.dumps(EN) + ', "en": "Prices rose."}}',
             json.dumps({"id": "good", "texts": {"id": ID, "en": EN}})]
    batch_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch_file), "--out", str(tmp_path / "out"))
    assert code == 2 and "Traceback" not in stderr
    assert stderr.strip().splitlines() == [f"mtcheck: {batch_file}:1: a number of more than 4,300 digits",
                                           f"mtcheck: {batch_file}:2: key 'en' appears twice in one object"]
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]


def run_cli(*args: str, stdin: bytes = b"") -> tuple[int, str]:
    """The CLI in a child process with a deadline: a reader that blocks (a pipe) fails the test, not CI."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mtcheck", "check", *args, "--encoder", "none", "-q", "--no-cache"],
                          input=stdin, capture_output=True, timeout=120, check=False)
    return done.returncode, done.stderr.decode("utf-8")


def test_a_pipe_or_a_device_in_an_article_folder_is_an_input_error_not_a_hang(tmp_path: Path) -> None:
    import os

    root = tmp_path / "in"
    for name in ("good", "pipe", "device", "folder"):
        (root / name).mkdir(parents=True)
        (root / name / "id.txt").write_text(ID, encoding="utf-8")
        if name == "good":
            (root / name / "en.txt").write_text(EN, encoding="utf-8")
    os.mkfifo(root / "pipe" / "en.txt")  # opening it would wait for a writer forever
    (root / "device" / "en.txt").symlink_to("/dev/zero")  # reading it would never end
    (root / "folder" / "id.txt").unlink()
    (root / "folder" / "id.txt").mkdir()
    code, stderr = run_cli(str(root), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2 and stderr.splitlines() == [
        f"mtcheck: {root}/device/en.txt: cannot read the en text (a device, not a file)",
        f"mtcheck: {root}/folder/id.txt: cannot read the id text (a folder, not a file)",
        f"mtcheck: {root}/pipe/en.txt: cannot read the en text (a pipe, not a file)"]
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_jsonl_can_come_from_a_pipe_and_a_device_is_refused(tmp_path: Path) -> None:
    line = json.dumps({"id": "piped", "texts": {"id": ID, "en": EN.replace("80,000", "80.000")}}).encode()
    code, stderr = run_cli("/dev/stdin", "--out", str(tmp_path / "out"), "--no-html", stdin=line + b"\n")
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert (code, stderr) == (1, "") and [f["rule"] for f in doc["articles"][0]["versions"][0]["findings"]] == ["NUM001"]
    refused = "mtcheck: /dev/zero: not a file, a folder or a pipe (a device or a socket)\n"
    code, _, stderr = check("/dev/zero", "--no-reports")  # reading it would never end
    assert (code, stderr) == (2, refused)


def test_a_jsonl_line_over_the_limit_ends_the_file_without_reading_it_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("mtcheck.readers.jsonl.MAX_LINE_BYTES", 2000)
    good = json.dumps({"id": "good", "texts": {"id": ID, "en": EN}})
    long = json.dumps({"id": "long", "texts": {"id": ID * 20, "en": EN * 20}})
    batch_file = tmp_path / "batch.jsonl"
    batch_file.write_text("\n".join([good, long, good.replace("good", "after")]) + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch_file), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2 and stderr == (f"mtcheck: {batch_file}:2: line longer than 2,000 bytes (the limit of an article); "
                                    "the rest of the file is not read\n")
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["good"]


def test_an_xliff_file_over_the_limit_is_not_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("mtcheck.readers.xliff.MAX_XLIFF_BYTES", 100)
    path = tmp_path / "berita.id-en.xlf"
    path.write_text('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="id" trgLang="en">'
                    '<file id="f"><unit id="1"><segment><source>Harga naik.</source><target>Prices rose.</target>'
                    "</segment></unit></file></xliff>", encoding="utf-8")
    code, _, stderr = check(str(path), "--no-reports")
    assert (code, stderr) == (2, f"mtcheck: {path}: cannot read (larger than 100 bytes)\n")


def test_input_quoted_in_an_error_is_cut_to_one_short_line(tmp_path: Path) -> None:
    """Ten thousand unknown language codes made a 69 KB stderr line; a 100,000-character id was accepted."""
    texts = {"id": ID, **{f"x{i}": "y" for i in range(10_000)}}
    lines = [{"id": "codes", "texts": texts}, {"id": "b" * 100_000, "texts": {"id": ID, "en": EN}},
             {"id": "source", "source_lang": "z" * 100_000, "texts": {"id": ID, "en": EN}}]
    batch_file = tmp_path / "batch.jsonl"
    batch_file.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch_file), "--no-reports")
    supported = "(supported: id, en, zh, ja, ar, fr)"
    assert code == 2 and stderr.splitlines() == [
        f"mtcheck: {batch_file}:1: unknown language code(s) x0, x1, x10, x100, x1000 and 9,995 more {supported}",
        f"mtcheck: {batch_file}:2: article id too long (100,000 characters; the limit is 1,000)",
        f"mtcheck: {batch_file}:3: unknown source language '{'z' * 40}\u2026' {supported}"]
