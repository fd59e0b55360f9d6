"""Class 4: every file mtcheck writes, renames or deletes is its own, inside its own folder."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .helpers import article, check, child, cli, one_line, results


def test_the_baseline_spool_is_never_opened_through_a_link(tmp_path: Path) -> None:
    """With --baseline the articles are spooled beside results.json; a link of the spool's name made mtcheck
    write every article's text outside --out (here: into a folder it created there)."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "results.json.articles").symlink_to(outside / "new-folder" / "stolen.txt")
    baseline = tmp_path / "b.json"
    baseline.write_text('{"schema": "mtcheck/baseline-v1", "findings": []}', encoding="utf-8")
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--out", str(out), "--baseline", str(baseline))
    assert code == 0, stderr
    assert list(outside.iterdir()) == [] and (out / "results.json.articles").is_symlink()


def test_an_empty_out_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``--out "$REPORTS"`` with the variable unset was the working folder: its index.html was replaced."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "index.html").write_text("the user's page", encoding="utf-8")
    monkeypatch.chdir(work)
    folder = article(tmp_path / "in" / "a")
    for args in (["check", str(folder), "--encoder", "none", "-q", "--out", ""], ["report", "r.json", "--out", " "]):
        code, _, stderr = cli(*args)
        assert code == 2 and one_line(stderr) and "--out is empty" in stderr, stderr
    assert sorted(p.name for p in work.iterdir()) == ["index.html"]
    assert (work / "index.html").read_text(encoding="utf-8") == "the user's page"


def test_a_pipe_named_like_a_report_is_replaced_not_opened(tmp_path: Path) -> None:
    """A FIFO named results.json (or an article's page) in --out was opened for writing: the run blocked."""
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "results.json")
    os.mkfifo(out / "a.html")
    done = child("check", str(article(tmp_path / "in" / "a")), "--out", str(out), "--encoder", "none", "-q",
                 "--no-cache", timeout=30)
    assert done.returncode == 0, done.stderr
    assert (out / "results.json").is_file() and (out / "a.html").is_file()


def test_two_ids_never_share_a_page(tmp_path: Path) -> None:
    """``a/b`` becomes ``a_b-<hash>``: an id written as that hashed name took the other's page; ``News`` and
    ``news`` share one file on the case-insensitive file systems reports are read on (macOS, Windows)."""
    from mtcheck.store.output import safe_filename

    lookalike = safe_filename("a/b", "")
    ids = ["a/b", lookalike, "News", "news", "index", "INDEX-2"]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "texts": {"id": "Harga naik 5 persen.", "en": "Prices rose 5 percent."}})
                             + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = check(str(batch), "--out", str(out))
    assert code == 0, stderr
    pages = [p.name.lower() for p in out.iterdir() if p.suffix == ".html"]
    assert len(pages) == len(set(pages)) == len(ids) + 1  # and the dashboard
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p}"' in index.lower() for p in pages if p != "index.html")


def test_a_page_collision_in_one_run_gets_its_own_name(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two ids whose names collide (here: every id gets the same name) still get a page each."""
    monkeypatch.setattr("mtcheck.reporters.html.article_filename", lambda article_id: "same.html")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "texts": {"id": "Harga naik 5 persen.", "en": "Prices rose 5 percent."}})
                             + "\n" for i in ("one", "two")), encoding="utf-8")
    out = tmp_path / "out"
    check(str(batch), "--out", str(out))
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".html") == ["index.html", "same-2.html", "same.html"]
    assert "two" in (out / "same-2.html").read_text(encoding="utf-8")


def test_a_folder_named_like_a_stale_dashboard_page_stays(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "index-7.html").mkdir(parents=True)
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--out", str(out))
    assert code == 0 and stderr == "", stderr
    assert (out / "index-7.html").is_dir()


def test_cache_clear_deletes_only_files_of_mtchecks_own_names(tmp_path: Path) -> None:
    """``embeddings.sqlite3*`` also named a user's ``embeddings.sqlite3.bak``; a link of an own name was
    followed to measure it."""
    folder = tmp_path / "cache"
    folder.mkdir()
    own = ["embeddings.sqlite3", "embeddings.sqlite3-wal", "results.sqlite3", "langid-0a1b2c.npz"]
    theirs = ["embeddings.sqlite3.bak", "results.sqlite3 (copy)", "langid-notes.npz", "notes.txt"]
    for name in own + theirs:
        (folder / name).write_bytes(b"x" * 10)
    keep = tmp_path / "keep.db"
    keep.write_bytes(b"precious")
    (folder / "results.sqlite3-shm").symlink_to(keep)
    code, _, stderr = cli("cache", "--cache-dir", str(folder), "--clear")
    assert code == 0, stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([*theirs, "results.sqlite3-shm"])
    assert keep.read_bytes() == b"precious"


def test_the_language_model_is_never_unpacked_through_a_planted_link(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Its temporary has a predictable name (the process id): a link of that name was written through."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from mtcheck.facts import langid_model
    from mtcheck.facts.langid import _latin_labels
    from mtcheck.store import diskcache

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(diskcache, "_chosen", folder)
    labels = sorted(_latin_labels())
    name = diskcache.LANGUAGE_MODEL.format(langid_model._fingerprint(MODEL_DIR / MODEL_FILE, labels))
    keep = tmp_path / "keep.txt"
    keep.write_bytes(b"precious")
    (folder / f".{name}.{os.getpid()}.tmp").symlink_to(keep)
    langid_model.load_identifier(labels)
    assert keep.read_bytes() == b"precious"
    assert (folder / name).is_file() and not (folder / name).is_symlink()


@pytest.mark.parametrize("flags", [
    ("--format", "sarif", "--output", "{out}/results.json"),
    ("--format", "junit", "--output", "{out}/index.html"),
    ("--format", "json", "--output", "{out}/a.html"),
    ("--format", "sarif", "--output", "{tmp}/same.json", "--write-baseline", "{tmp}/same.json"),
])
def test_one_run_never_writes_two_of_its_outputs_at_one_path(tmp_path: Path, flags: tuple[str, ...]) -> None:
    """--output reports/results.json left SARIF where results.json belongs (report then refused the
    folder); --output and --write-baseline at one path kept only one of them."""
    out = tmp_path / "out"
    named = [f.format(out=out, tmp=tmp_path) for f in flags]
    code, _, stderr = check(str(article(tmp_path / "a")), "--out", str(out), *named)
    assert code == 2 and one_line(stderr), stderr
    assert not (out / "results.json").exists() and not (tmp_path / "same.json").exists()


def test_an_output_of_its_own_name_inside_out_is_still_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, stderr = check(str(article(tmp_path / "a")), "--out", str(out), "--format", "sarif",
                            "--output", str(out / "findings.sarif"))
    assert code == 0, stderr
    assert results(out)["schema"] == "mtcheck/results-v1"
    assert '"$schema"' in (out / "findings.sarif").read_text(encoding="utf-8")


def test_diff_writes_nothing_in_out(tmp_path: Path) -> None:
    """--diff "writes nothing", yet each run left three hidden temporaries (the staging folder, the dashboard's
    rows, results.json's temporary) in --out, which it created: reports/ filled up with them."""
    en = "Jakarta - The government  distributed aid to 80,000 families.\n\nThe aid is worth Rp2.1 trillion."
    folder = article(tmp_path / "in" / "a", id="Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga."
                     "\n\nBantuan itu bernilai Rp2,1 triliun.", en=en)
    code, stdout, _ = check(str(folder), "--out", str(tmp_path / "out"), "--diff")
    assert code == 1 and "+Jakarta - The government distributed" in stdout
    assert not (tmp_path / "out").exists()


def test_an_out_url_of_the_local_file_system_is_written_as_a_local_out(tmp_path: Path) -> None:
    """--out file:///... was copied through fsspec, which opened each report's name: a link named results.json
    there was followed (the results replaced the file it named, outside the folder), a pipe named index.html
    ended the upload half done."""
    out, keep = tmp_path / "out", tmp_path / "keep.txt"
    out.mkdir()
    keep.write_text("precious", encoding="utf-8")
    (out / "results.json").symlink_to(keep)
    os.mkfifo(out / "index.html")
    done = child("check", str(article(tmp_path / "in" / "a")), "--out", out.as_uri(), "--encoder", "none", "-q",
                 "--no-cache", timeout=60)
    assert done.returncode == 0, done.stderr
    assert keep.read_text(encoding="utf-8") == "precious"
    assert results(out)["articles"][0]["id"] == "a" and (out / "index.html").is_file()


@pytest.mark.parametrize("name", ["results.sqlite3", "results.sqlite3-wal"])
def test_a_cache_database_is_never_opened_through_a_link(tmp_path: Path, name: str) -> None:
    """A link named results.sqlite3 in the cache folder was opened by SQLite: mtcheck wrote its tables into the
    database it named, outside the folder."""
    import sqlite3

    theirs = tmp_path / "theirs.db"
    with sqlite3.connect(theirs) as db:
        db.execute("CREATE TABLE mine (x)")
    db.close()
    before = theirs.read_bytes()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / name).symlink_to(theirs)
    code, _, stderr = cli("check", str(article(tmp_path / "in" / "a")), "--encoder", "none", "-q", "--no-reports",
                          "--cache-dir", str(cache))
    assert code == 0 and "Traceback" not in stderr, stderr  # a warning, once per process: "not used (... is a link"
    assert theirs.read_bytes() == before and (cache / name).is_symlink()


def test_a_cache_database_of_a_folder_with_uri_characters_is_still_used(tmp_path: Path) -> None:
    cache = tmp_path / "c?a#c%he"
    code, _, stderr = cli("check", str(article(tmp_path / "in" / "a")), "--encoder", "none", "-q", "--no-reports",
                          "--cache-dir", str(cache))
    assert code == 0 and stderr == "", stderr
    assert (cache / "results.sqlite3").is_file()


def test_a_blank_cache_variable_is_unset_as_a_blank_flag_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``--cache-dir " "`` is refused; MTCHECK_CACHE_DIR=" " made a folder named " " in the working folder and
    put 40 MB of caches in it."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("MTCHECK_CACHE_DIR", " ")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--no-reports")
    assert code == 0, stderr
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(("name", "flags"), [("results-00009.jsonl", ("--out-format", "jsonl-shards")),
                                             ("results.json", ("--baseline",))])
def test_an_input_named_like_a_report_in_out_is_refused(tmp_path: Path, name: str, flags: tuple[str, ...]) -> None:
    """A batch named reports/results-00009.jsonl was read, then deleted as a shard of an earlier, longer run; a
    baseline named reports/results.json was replaced by the results."""
    out = tmp_path / "out"
    out.mkdir()
    read = out / name
    if name.endswith(".jsonl"):
        read.write_text(json.dumps({"id": "a", "texts": {"id": "Harga naik 5 persen.", "en": "Prices rose 5 percent."}})
                        + "\n", encoding="utf-8")
        args = [str(read), *flags]
    else:
        read.write_text('{"schema": "mtcheck/baseline-v1", "findings": []}', encoding="utf-8")
        args = [str(article(tmp_path / "in" / "a")), *flags, str(read)]
    before = read.read_bytes()
    code, _, stderr = check(*args, "--out", str(out))
    assert code == 2 and one_line(stderr) and "an input named like a report mtcheck writes in --out" in stderr, stderr
    assert read.read_bytes() == before and sorted(p.name for p in out.iterdir()) == [name]


def test_an_input_of_a_shard_s_name_is_read_when_shards_are_not_written(tmp_path: Path) -> None:
    batch = tmp_path / "out" / "results-00009.jsonl"
    batch.parent.mkdir()
    batch.write_text(json.dumps({"id": "a", "texts": {"id": "Harga naik 5 persen.", "en": "Prices rose 5 percent."}})
                     + "\n", encoding="utf-8")
    code, _, stderr = check(str(batch), "--out", str(batch.parent))
    assert code == 0 and batch.is_file(), stderr


def test_the_fixed_copy_of_a_batch_keeps_every_other_value_as_written(tmp_path: Path) -> None:
    """--fix --fix-output wrote each fixed line through json.dumps: a user's field 12345678901234567890.5e-3
    became 1.2345678901234568e+16, and a line holding an escaped lone surrogate in a field of its own made the
    whole fixed copy unwritable ("fixes not written")."""
    texts = {"id": "Jakarta - Pemerintah menyalurkan bantuan kepada 80.000 keluarga.",
             "en": "Jakarta - The government  distributed aid to 80,000 families."}
    lines = [json.dumps({"id": "a", "texts": texts, "price": 1}).replace('"price": 1', '"price": 12345678901234567890.5e-3'),
             json.dumps({"id": "b", "texts": texts, "note": "x"}).replace('"x"', '"\\ud800 \\u00e9"'),
             json.dumps({"id": "c", "texts": texts, "big": 123456789012345678901234567890, "n": [1.50, -0]})]
    batch, fixed = tmp_path / "batch.jsonl", tmp_path / "fixed.jsonl"
    batch.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    code, _, stderr = check(str(batch), "--fix", "--fix-output", str(fixed), "--no-reports")
    assert code == 0 and stderr == "", stderr
    out = fixed.read_text(encoding="utf-8").splitlines()
    expected = [line.replace("government  distributed", "government distributed") for line in lines]
    assert out == [line.replace("\\u00e9", "\u00e9") for line in expected]  # a character may be written as itself


@pytest.mark.parametrize("home", ["", " ", "relative/home"])
def test_a_blank_or_relative_home_is_never_the_cache_s_parent(monkeypatch, home: str) -> None:  # type: ignore[no-untyped-def]
    """``HOME=`` (a CI step or service without one) made Python's expansion the root folder: mtcheck wrote
    40 MB into ``/.cache/mtcheck``; a relative HOME put the cache under the working folder."""
    import pwd

    from mtcheck.store import diskcache

    monkeypatch.delenv("MTCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    folder = diskcache.default_dir()
    account = pwd.getpwuid(os.getuid()).pw_dir
    if home.strip():  # a relative HOME is no home folder: no cache rather than one in the working folder
        assert folder is None, folder
    else:  # a blank HOME is unset: the password entry's home folder
        assert folder == Path(account, ".cache", "mtcheck") and folder != Path("/.cache/mtcheck"), folder


def test_the_library_s_shards_never_follow_a_link_in_a_local_folder(tmp_path: Path) -> None:
    """``mtcheck.distributed.write_shards`` wrote a local folder through fsspec, which followed a link named
    summary.json (the summary replaced the file it named, outside the folder); an empty url (an unset
    variable) named the root folder; a config of the wrong type was an AttributeError inside a worker."""
    pytest.importorskip("dask.bag")
    import dask
    import dask.bag as db

    from mtcheck.config import Config
    from mtcheck.distributed import check_bag, write_shards

    out, keep = tmp_path / "shards", tmp_path / "keep.txt"
    out.mkdir()
    keep.write_text("precious", encoding="utf-8")
    (out / "summary.json").symlink_to(keep)
    bag = db.from_sequence([{"id": "a", "texts": {"id": "Harga naik 5 persen.", "en": "Prices rose 5 percent."}}],
                           npartitions=1)
    with dask.config.set(scheduler="synchronous"):
        document = write_shards(check_bag(bag, Config(encoder="none")), str(out))
        assert document["summary"]["articles"] == 1
        assert keep.read_text(encoding="utf-8") == "precious" and not (out / "summary.json").is_symlink()
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["shards"] == ["results-00000.jsonl"]
        with pytest.raises(ValueError, match="is empty"):
            write_shards(check_bag(bag, Config(encoder="none")), "")
    with pytest.raises(TypeError, match="config must be an mtcheck.config.Config"):
        check_bag(bag, "mtcheck.toml")  # type: ignore[arg-type]


@pytest.mark.parametrize("url", ["file://", "file:///", "memory://"])
def test_an_out_url_with_nothing_after_its_scheme_is_refused(tmp_path: Path, monkeypatch, url: str) -> None:  # type: ignore[no-untyped-def]
    """``--out "file://$REPORTS"`` with the variable unset: fsspec reads the empty path as the working folder, and
    the reports replaced its index.html (as ``--out ""`` once did); ``file:///$REPORTS`` named the root folder."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "index.html").write_text("the user's page", encoding="utf-8")
    monkeypatch.chdir(work)
    for args in (["check", str(article(tmp_path / "in" / "a")), "--encoder", "none", "-q", "--out", url],
                 ["report", "r.json", "--out", url]):
        code, _, stderr = cli(*args)
        assert code == 2 and one_line(stderr) and "--out is empty" in stderr, stderr
    assert sorted(p.name for p in work.iterdir()) == ["index.html"]
    assert (work / "index.html").read_text(encoding="utf-8") == "the user's page"
