"""The encoder cascade's decision rule: what cheap evidence settles and what the encoder must look at.

A clean article embeds nothing; a dropped paragraph embeds its whole version (the encoder re-aligns it); an
untranslated sentence left in a Chinese paragraph embeds that pair's sentences only.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from mtcheck.align import cascade
from mtcheck.align.structure import PAIRS_ALIGNER, SETTLED_ALIGNER
from mtcheck.config import Config, ConfigError, apply_settings
from mtcheck.engine import check
from mtcheck.model import Article, Text
from mtcheck.run.workers import available_cores, threads_per_worker

ID = [
    "Banjir Rendam 1.200 Rumah di Kabupaten Bandung",
    ("Banjir merendam sekitar 1.200 rumah di tiga kecamatan di Kabupaten Bandung, Jawa Barat, pada Senin "
    "(14/11/2022) setelah hujan deras mengguyur wilayah itu selama enam jam."),
    ("Kepala Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bandung, Akhmad Djohara, mengatakan "
    "ketinggian air mencapai 1,5 meter di beberapa titik."),
    ('"Kami sudah mengevakuasi 340 warga ke tempat pengungsian sementara di masjid dan sekolah terdekat," '
    "kata Akhmad kepada wartawan."),
    "Menurut dia, Sungai Citarum meluap karena sampah menyumbat aliran air di dekat jembatan Dayeuhkolot.",
    "Pemerintah daerah menyiapkan dapur umum dan bantuan logistik senilai Rp250 juta untuk para korban.",
    "BPBD memperkirakan air baru akan surut dalam dua hari jika hujan tidak kembali turun.",
]
EN = [
    "Floods Submerge 1,200 Homes in Bandung Regency",
    ("Floods submerged about 1,200 homes in three districts of Bandung Regency, West Java, on Monday "
    "(14/11/2022) after heavy rain pounded the area for six hours."),
    ("The head of the Bandung Regency Disaster Management Agency (BPBD), Akhmad Djohara, said the water "
    "reached 1.5 meters at several points."),
    '"We have evacuated 340 residents to temporary shelters in nearby mosques and schools," Akhmad told reporters.',
    "According to him, the Citarum River overflowed because rubbish blocked the flow near the Dayeuhkolot bridge.",
    "The local government prepared public kitchens and logistical aid worth Rp250 million for the victims.",
    "BPBD expects the water to recede only in two days if the rain does not return.",
]
ZH = [
    "万隆县洪水淹没1200所房屋",
    "2022年11月14日星期一，西爪哇万隆县连降六小时暴雨后，洪水淹没了三个区约1200所房屋。",
    "万隆县地方灾害管理局（BPBD）局长阿赫马德·佐哈拉表示，部分地点水深达1.5米。",
    "阿赫马德对记者说：“我们已将340名居民疏散到附近清真寺和学校的临时避难所。”",
    "他说，芝塔龙河因垃圾堵塞达尤科洛特桥附近的水流而泛滥。",
    "地方政府为灾民准备了公共厨房和价值2.5亿印尼盾的物资援助。",
    "地方灾害管理局预计，如果不再下雨，洪水将在两天后才会退去。",
]
# The MT system left the source's reason for the flood in Indonesian.
ZH_UNTRANSLATED = [*ZH[:4], ("他说，芝塔龙河泛滥。Sungai Citarum meluap karena sampah menyumbat aliran air di dekat "
                   "jembatan Dayeuhkolot."), *ZH[5:]]
EN_DROPPED = [*EN[:3], *EN[4:]]  # the quote is gone


def _text(lang: str, paragraphs: list[str]) -> Text:
    return Text(lang, "\n\n".join(paragraphs) + "\n")


def _article(**targets: list[str]) -> Article:
    return Article("banjir-bandung", _text("id", ID), {lang: _text(lang, p) for lang, p in targets.items()})


CASCADE = Config()


@pytest.mark.parametrize("lang, paragraphs", [("en", EN), ("zh", ZH)])
def test_a_clean_version_is_settled(lang: str, paragraphs: list[str]) -> None:
    decision = cascade.decide(_text("id", ID), _text(lang, paragraphs), CASCADE)
    assert decision.settled and decision.reasons == ()


def test_a_clean_article_embeds_nothing_not_even_its_source() -> None:
    assert cascade.prefetch([_article(en=EN, zh=ZH)], CASCADE) == 0


def test_a_dropped_paragraph_embeds_the_whole_version_and_its_source() -> None:
    decision = cascade.decide(_text("id", ID), _text("en", EN_DROPPED), CASCADE)
    assert decision.whole and decision.reasons == (("paragraphs", -1),)
    # the source's 7 paragraphs and the version's 6; the clean Chinese version adds nothing
    assert cascade.prefetch([_article(en=EN_DROPPED, zh=ZH)], CASCADE) == 13


def test_an_untranslated_sentence_embeds_the_sentences_of_its_pair_only() -> None:
    decision = cascade.decide(_text("id", ID), _text("zh", ZH_UNTRANSLATED), CASCADE)
    assert not decision.whole and decision.pairs == (4,) and decision.reasons == (("length", 4),)
    # one source sentence, and the Chinese one with the Indonesian one left beside it
    assert cascade.prefetch([_article(en=EN, zh=ZH_UNTRANSLATED)], CASCADE) == 3


def test_a_pair_far_too_long_in_one_sentence_is_a_reason_but_embeds_nothing() -> None:
    # The translator explained the river in one long sentence: the pair is far off its length norm, but its
    # long side has one sentence, so the sentence check has nothing to look for and nothing is embedded.
    padded = [*EN[:4], ("According to him, the Citarum River, the longest river in West Java, which flows for almost "
              "three hundred kilometres through Bandung and many other towns of the province before reaching the "
              "Java Sea near Bekasi, overflowed because rubbish blocked the flow near the Dayeuhkolot bridge."), *EN[5:]]
    decision = cascade.decide(_text("id", ID), _text("en", padded), CASCADE)
    assert decision.reasons == (("length", 4),) and decision.pairs == () and decision.settled
    assert cascade.prefetch([_article(en=padded)], CASCADE) == 0
    # the same explanation as a sentence of its own is a sentence the source lacks: its pair is embedded
    split = [*EN[:4], EN[4] + " The Citarum, the longest river in West Java, flows for almost three hundred "
             "kilometres through Bandung and many other towns of the province before it reaches the Java Sea.",
             *EN[5:]]
    assert cascade.decide(_text("id", ID), _text("en", split), CASCADE).pairs == (4,)


def test_a_dropped_and_an_added_paragraph_shift_the_alignment_and_embed_the_whole_version() -> None:
    added = "The mayor of Bandung, Dadang Supriatna, visited the shelters on Tuesday and promised new pumps."
    decision = cascade.decide(_text("id", ID), _text("en", [*EN[:2], *EN[3:], added]), CASCADE)
    assert decision.whole and decision.reasons == (("shifted", 2),)


def test_a_paragraph_replaced_by_another_with_other_numbers_is_settled_and_still_reported() -> None:
    replaced = [*EN[:2], EN[5], *EN[3:]]  # the water level's paragraph (1,5 meter) replaced by the aid's
    assert cascade.decide(_text("id", ID), _text("en", replaced), CASCADE).settled
    findings = check(_article(en=replaced), CASCADE).versions[0].findings
    assert any(f.rule.startswith("NUM") and f.target and f.target.text == "Rp250 million" for f in findings)


@pytest.mark.parametrize("config", [Config(encoder_scope="all"), Config(encoder="none")])
def test_scope_all_and_no_encoder_embed_whole_versions(config: Config) -> None:
    assert cascade.decide(_text("id", ID), _text("en", EN), config).whole


def test_settled_versions_keep_the_cheap_alignment_and_say_so() -> None:
    result = check(_article(en=EN, zh=ZH_UNTRANSLATED), CASCADE)
    en, zh = (next(v for v in result.versions if v.lang == lang) for lang in ("en", "zh"))
    assert en.extra["aligner"] == SETTLED_ALIGNER
    assert "settled" in str(en.extra["adequacy"])
    assert zh.extra["aligner"] == PAIRS_ALIGNER
    assert [b["source"] for b in en.extra["alignment"]] == [[i] for i in range(7)]  # type: ignore[attr-defined]
    assert any(f.rule.startswith("LANG") for f in zh.findings)  # the untranslated sentence is still reported


def test_a_dropped_paragraph_is_found_alike_with_the_cascade_and_with_everything_embedded() -> None:
    found = {}
    for scope in ("cascade", "all"):
        result = check(_article(en=EN_DROPPED, zh=ZH), Config(encoder_scope=scope))
        en = next(v for v in result.versions if v.lang == "en")
        found[scope] = [(f.rule, f.source.text if f.source else None) for f in en.findings if f.rule == "STR001"]
    assert found["cascade"] == found["all"] == [("STR001", ID[3])]


def test_the_scope_is_a_setting_with_two_values() -> None:
    assert apply_settings(Config(), {"encoder-scope": "all"}, "mtcheck.toml").encoder_scope == "all"
    with pytest.raises(ConfigError, match="encoder-scope.*cascade, all"):
        apply_settings(Config(), {"encoder-scope": "some"}, "mtcheck.toml")


def test_workers_share_the_available_cores() -> None:
    cores = available_cores()
    assert threads_per_worker(1) == cores
    assert threads_per_worker(cores) == 1
    assert threads_per_worker(4 * cores) == 1


def test_a_hallucination_that_keeps_its_numbers_and_length_is_settled_and_not_judged_by_sem001() -> None:
    """The cascade's known cost: SEM001 judges only the versions it embeds whole (--encoder-scope all judges
    every one; tests/rules/test_adequacy.py). The report says the version was not judged."""
    hallucinated = [*EN[:3], '"We welcomed 340 fans to the stadium for the final on Sunday," Akhmad told reporters.',
                    *EN[4:]]
    assert cascade.decide(_text("id", ID), _text("en", hallucinated), CASCADE).settled
    en = check(_article(en=hallucinated), CASCADE).versions[0]
    assert not any(f.rule == "SEM001" for f in en.findings)
    assert "settled" in str(en.extra["adequacy"])


SWAPPED = [*EN[:3], EN[4], EN[3], *EN[5:]]  # two paragraphs in the wrong order: the encoder cannot pair 1-1
WINDOW = cascade.Decision((("shifted", 3),), window=(2, 5))  # what decide gives a shift in paragraphs 3-4


@pytest.mark.parametrize(("paragraphs", "diagonal"), [(EN, True), (SWAPPED, False)])
def test_the_encoder_settles_a_shift_on_the_diagonal_from_its_window_alone(paragraphs: list[str],
                                                                            diagonal: bool) -> None:
    assert cascade.window_on_diagonal(_text("id", ID), _text("en", paragraphs), CASCADE, WINDOW) is diagonal


def test_a_shift_the_window_settles_embeds_the_window_only_and_keeps_the_diagonal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cascade, "decide", lambda source, target, config: WINDOW)
    # paragraphs 2-4 of the source and of the version; nothing else of either
    assert cascade.prefetch([_article(en=EN)], CASCADE) == 6
    en = check(_article(en=EN), CASCADE).versions[0]
    assert [b["source"] for b in en.extra["alignment"]] == [[i] for i in range(7)]  # type: ignore[attr-defined]
    assert "diagonal" in en.extra["aligner"]["shift"]  # type: ignore[index]
    assert not [f for f in en.findings if f.rule.startswith("STR")]


def test_a_shift_the_window_does_not_settle_embeds_the_whole_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cascade, "decide", lambda source, target, config: WINDOW)
    assert cascade.prefetch([_article(en=SWAPPED)], CASCADE) == 6 + 14  # the window, then both sides whole
    en = check(_article(en=SWAPPED), CASCADE).versions[0]
    assert en.extra["aligner"]["method"] == "encoder+anchors"  # type: ignore[index]


@pytest.fixture
def merges_in_3_4(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cheap alignment read paragraphs 3-4 as a merge beside a split (length noise; no skip)."""
    cascade._decide.cache_clear()
    monkeypatch.setattr(cascade, "_shift_window", lambda scorer: ((2, 5), 3, True))
    yield
    cascade._decide.cache_clear()


@pytest.mark.usefixtures("merges_in_3_4")
def test_a_shift_of_merges_and_splits_whose_pairs_read_as_translations_keeps_the_diagonal_unembedded() -> None:
    decision = cascade.decide(_text("id", ID), _text("en", EN), CASCADE)
    assert decision.diagonal and decision.settled and decision.window is None
    assert cascade.prefetch([_article(en=EN)], CASCADE) == 0
    en = check(_article(en=EN), CASCADE).versions[0]
    assert [b["source"] for b in en.extra["alignment"]] == [[i] for i in range(7)]  # type: ignore[attr-defined]
    assert en.extra["aligner"]["shift"] == cascade.SHIFT_BY_ANCHORS  # type: ignore[index]


@pytest.mark.usefixtures("merges_in_3_4")
def test_a_shift_whose_diagonal_pairs_do_not_read_as_translations_embeds_its_window() -> None:
    decision = cascade.decide(_text("id", ID), _text("en", SWAPPED), CASCADE)  # the quote beside the river
    assert not decision.diagonal and decision.window == (2, 5)
    assert cascade.prefetch([_article(en=SWAPPED)], CASCADE) == 6 + 14


def test_a_shift_that_leaves_a_paragraph_unpaired_embeds_its_window(monkeypatch: pytest.MonkeyPatch) -> None:
    cascade._decide.cache_clear()
    monkeypatch.setattr(cascade, "_shift_window", lambda scorer: ((2, 5), 3, False))
    try:
        decision = cascade.decide(_text("id", ID), _text("en", EN), CASCADE)
        assert not decision.diagonal and decision.window == (2, 5)
    finally:
        cascade._decide.cache_clear()
