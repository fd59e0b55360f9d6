"""NAME001, LINK001, LINK002 on articles written for the tests."""
from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Finding, Text


def findings(source: str, code: str, **targets: str) -> dict[str, list[Finding]]:
    article = Article("t", Text("id", source), {lang: Text(lang, text) for lang, text in targets.items()})
    result = check(article, Config(select=(code,), encoder="none"))
    return {v.lang: v.findings for v in result.versions}


SOURCE = (
    "Menteri Keuangan Sri Mulyani bertemu Prabowo Subianto di Surabaya pada hari Senin.\n\n"
    "Kementerian Luar Negeri, PBB dan KPK ikut hadir dalam pertemuan di Gedung Putih."
)
GOOD_EN = (
    "Finance Minister Sri Mulyani met Prabowo Subianto in Surabaya on Monday.\n\n"
    "The Foreign Ministry, the UN and the Corruption Eradication Commission attended the meeting at the White House."
)
GOOD_FR = (
    "La ministre des Finances Sri Mulyani a rencontré Prabowo Subianto à Surabaya lundi.\n\n"
    "Le ministère des Affaires étrangères, l’ONU et la KPK ont assisté à la réunion à la Maison-Blanche."
)

NAME_CASES = [
    # (en version, expected (category, flagged source text, flagged target text, severity) in en):
    # a misspelt name is major; a missing one minor (no other evidence: most often rendered another way)
    (GOOD_EN, []),
    (GOOD_EN.replace("Subianto", "Subiyanto"),
     [("accuracy/mistranslation", "Prabowo Subianto", "Subiyanto", "major")]),
    (GOOD_EN.replace("Sri Mulyani ", ""), [("accuracy/omission", "Sri Mulyani", None, "minor")]),
    (GOOD_EN.replace("the UN and ", ""), [("accuracy/omission", "PBB", None, "minor")]),
    (GOOD_EN.replace("Surabaya", "the city"), [("accuracy/omission", "Surabaya", None, "minor")]),
]


@pytest.mark.parametrize(("en", "expected"), NAME_CASES)
def test_name_missing(en: str, expected: list[tuple[str, str, str | None, str]]) -> None:
    got = findings(SOURCE, "NAME001", en=en, fr=GOOD_FR)
    assert got["fr"] == []
    assert [(f.category, f.source.text if f.source else None, f.target.text if f.target else None,
             f.severity.value) for f in got["en"]] == expected


# Legitimate renderings of a name or acronym (accepted), and the same text with it dropped (flagged):
# (source, language, accepted translation, flagged translation, the source name flagged in it)
RENDERINGS = [
    # an acronym spelt out as the source itself spells it
    ("Wali kota Los Angeles (LA) berbicara. Warga LA antusias.", "en",
     "The mayor of Los Angeles spoke. Residents of Los Angeles were enthusiastic.",
     "The mayor spoke. Residents were enthusiastic.", ["Los Angeles", "LA"]),
    ("Menurut International Crisis Group (ICG), konflik memburuk. ICG menyerukan dialog.", "fr",
     "Selon l’International Crisis Group, le conflit s’aggrave. Le groupe appelle au dialogue.",
     "Selon les experts, le conflit s’aggrave. L’organisation appelle au dialogue.",
     ["International Crisis Group", "ICG"]),
    # translated acronyms, from the shipped list
    ("Kasus AIDS meningkat, kata WHO.", "fr", "Les cas de SIDA augmentent, selon l’OMS.",
     "Les cas augmentent, selon l’agence.", ["AIDS", "WHO"]),
    ("IMF memangkas proyeksi PDB Uni Eropa, kata EU.", "fr",
     "Le FMI réduit sa prévision de PIB pour l’Union européenne, selon l’UE.",
     "Le Fonds réduit sa prévision de PIB pour l’Union européenne, selon l’UE.", ["IMF"]),
    # localised time zones
    ("Rapat dimulai pukul 09.00 WIB.", "fr", "La réunion a commencé à 9 h, heure de Jakarta.",
     "La réunion a commencé à 9 h.", ["WIB"]),
    ("Remaja itu ditemukan sekitar pukul 04:00 BST, kata polisi.", "fr",
     "L’adolescent a été retrouvé vers 4 h du matin, heure locale, selon la police.",
     "L’adolescent a été retrouvé vers 4 h du matin, selon la police.", ["BST"]),
    # an acronym written with dots
    ("Trump bertengkar dengan NFL lagi.", "en", "Trump picked a fight with the N.F.L. again.",
     "Trump picked a fight again.", ["NFL"]),
    # exonyms, transliterations and demonyms (CLDR names of countries, languages and cities)
    ("Delegasi itu terbang dari Beograd ke Moskow bersama Mikhail Ivanov.", "fr",
     "La délégation a volé de Belgrade à Moscou avec Mikhaïl Ivanov.",
     "La délégation a volé vers Moscou avec un diplomate.", ["Beograd", "Mikhail Ivanov"]),
    ("Delegasi itu terbang dari Beograd ke Moskow bersama Mikhail Ivanov.", "en",
     "The delegation flew from Belgrade to Moscow with Mikhail Ivanov.",
     "The delegation flew to Moscow with Mikhail Ivanov.", ["Beograd"]),
    ("Pendaki itu menyeberangi Pegunungan Alps bersama Hans Zimmer.", "fr",
     "L’alpiniste a traversé les Alpes avec Hans Zimmer.",
     "L’alpiniste a traversé la montagne avec Hans Zimmer.", ["Alps"]),
    ("Ia fasih berbahasa Swahili dan Tagalog, kata Budi Santoso.", "en",
     "He speaks fluent Swahili and Tagalog, Budi Santoso said.",
     "He speaks fluent Swahili, Budi Santoso said.", ["Tagalog"]),
    ("Ia fasih berbahasa Swahili dan Tagalog, kata Budi Santoso.", "fr",
     "Il parle couramment le swahili et le tagalog, a déclaré Budi Santoso.",
     "Il parle couramment le swahili, a déclaré Budi Santoso.", ["Tagalog"]),
    # honorifics are not names; St. and Mt. belong to the word after them
    ("Yang Terhormat Sri Paduka Baginda menerima Pastor Joseph Tan di St. Louis.", "en",
     "His Majesty received Father Joseph Tan in Saint Louis.",
     "His Majesty received a priest in Saint Louis.", ["Joseph Tan"]),
    ("Para pendaki mencapai puncak Mt. Everest bersama Tenzing Norgay.", "fr",
     "Les alpinistes ont atteint le sommet de l’Everest avec Tenzing Norgay.",
     "Les alpinistes ont atteint le sommet avec Tenzing Norgay.", ["Mt. Everest"]),
]


@pytest.mark.parametrize(("source", "lang", "good", "bad", "names"), RENDERINGS)
def test_legitimate_renderings_accepted_and_drops_flagged(source: str, lang: str, good: str, bad: str,
                                                         names: list[str]) -> None:
    other = "en" if lang == "fr" else "fr"
    # the other version carries every name, as evidence that a single-word name is owed
    witness = findings(source, "NAME001", **{lang: good, other: source})
    assert witness[lang] == []
    flagged = [f.source.text for f in findings(source, "NAME001", **{lang: bad, other: source})[lang] if f.source]
    assert flagged == names


def test_glossary_rendering_of_a_name_is_accepted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    glossary = tmp_path / "g.csv"
    glossary.write_text("id,en,fr\nBhinneka Tunggal Ika,Unity in Diversity,Unité dans la diversité\n")
    source = "Semboyan Bhinneka Tunggal Ika dibacakan di Surabaya."
    article = Article("t", Text("id", source), {"en": Text("en", "The motto Unity in Diversity was read in Surabaya.")})
    config = Config(select=("NAME001",), encoder="none", glossary=str(glossary))
    (version,) = check(article, config).versions
    assert version.findings == []
    article = Article("t", Text("id", source), {"en": Text("en", "The motto was read in Surabaya.")})
    (version,) = check(article, config).versions
    assert [f.source.text for f in version.findings if f.source] == ["Semboyan Bhinneka Tunggal Ika"]


def test_single_word_needs_another_version_carrying_it() -> None:
    # "Demokrat" is translated by both versions: not a name a translator carries over
    source = "Senator Demokrat itu berbicara di Surabaya."
    got = findings(source, "NAME001", en="The Democratic senator spoke in Surabaya.",
                   fr="Le sénateur démocrate a parlé à Surabaya.")
    assert got == {"en": [], "fr": []}


def test_alone_only_multi_word_names_are_required() -> None:
    source = "Kepala Desa Budi Santoso berbicara kepada warga Sleman."
    got = findings(source, "NAME001", en="Village head spoke to residents of Sleman.")
    assert [f.source.text for f in got["en"] if f.source] == ["Budi Santoso"]


def test_non_latin_targets_are_left_to_the_glossary() -> None:
    got = findings("Prabowo Subianto tiba.", "NAME001", zh="普拉博沃抵达。")
    assert got["zh"] == []


LINK_SOURCE = "Info di www.bps.go.id/publikasi, surel humas@kemlu.go.id, akun @Kemlu_RI dan #IndonesiaMaju."

LINK_CASES = [
    ("Info at https://www.bps.go.id/publikasi/, e-mail humas@KEMLU.go.id, @kemlu_ri and #IndonesiaMaju.",
     [], []),
    ("Info at www.bps.go.id/publication, e-mail humas@kemlu.go.id, @Kemlu_RI and #IndonesiaMaju.",
     [("www.bps.go.id/publikasi", "www.bps.go.id/publication")], []),
    # a translated hashtag is close enough to count as changed (minor); a dropped address is missing
    ("Info from the statistics agency, e-mail humas@kemlu.go.id, @Kemlu_RI and #AdvancedIndonesia.",
     [("#IndonesiaMaju", "#AdvancedIndonesia")], [("www.bps.go.id/publikasi", "major")]),
    ("Info from the statistics agency, e-mail humas@kemlu.go.id, @Kemlu_RI.",
     [], [("www.bps.go.id/publikasi", "major"), ("#IndonesiaMaju", "minor")]),
]


@pytest.mark.parametrize(("en", "changed", "missing"), LINK_CASES)
def test_links(en: str, changed: list[tuple[str, str]], missing: list[tuple[str, str]]) -> None:
    got_changed = findings(LINK_SOURCE, "LINK001", en=en)["en"]
    got_missing = findings(LINK_SOURCE, "LINK002", en=en)["en"]
    assert [(f.source.text, f.target.text) for f in got_changed if f.source and f.target] == changed
    assert [(f.source.text, f.severity.value) for f in got_missing if f.source] == missing


def test_links_checked_in_every_script() -> None:
    got = findings(LINK_SOURCE, "LINK002", zh="信息见www.bps.go.id/publikasi，邮件humas@kemlu.go.id，@Kemlu_RI，#IndonesiaMaju。")
    assert got["zh"] == []


def test_translated_time_zones_and_currency_symbols_are_not_missing_names() -> None:
    source = "Rapat dimulai pukul 09.00 WIB dan menelan biaya Rp1,2 triliun atau US$80 juta, kata Budi Santoso."
    got = findings(
        source,
        "NAME001",
        fr="La réunion a commencé à 9 h, heure de l’Ouest indonésien, et a coûté 1 200 milliards de roupies, "
        "soit 80 millions de dollars, a déclaré Budi Santoso.",
        en="The meeting began at 9am Western Indonesia Time and cost Rp1.2 trillion, or $80 million, Budi Santoso said.",
    )
    assert got == {"fr": [], "en": []}
    dropped = findings(source, "NAME001", en="The meeting began at 9am and cost Rp1.2 trillion, or $80 million.")
    assert [f.source.text for f in dropped["en"] if f.source] == ["WIB", "Budi Santoso"]


def test_arabic_and_cjk_punctuation_after_a_url_is_not_part_of_it() -> None:
    source = "Teks lengkap ada di https://kemlu.go.id/berita/deklarasi-2026, kata juru bicara."
    ar = "النص الكامل متاح على https://kemlu.go.id/berita/deklarasi-2026، بحسب المتحدث."
    zh = "全文见https://kemlu.go.id/berita/deklarasi-2026，发言人说。"
    assert findings(source, "LINK001", ar=ar, zh=zh) == {"ar": [], "zh": []}
    assert findings(source, "LINK002", ar=ar, zh=zh) == {"ar": [], "zh": []}


SHOUT_SOURCE = (
    "Massa membentangkan spanduk bertuliskan TERIMA KASIH TELAH MEMBELA RAKYAT di depan gedung KPU.\n\n"
    "\"TIDAK!\" teriak seorang demonstran, yang mengatakan ia tidak akan pulang sebelum bertemu Ketua KPU."
)
SHOUT_EN = (
    "The crowd unfurled a banner reading THANK YOU FOR DEFENDING THE PEOPLE in front of the KPU building.\n\n"
    "\"NO!\" shouted one protester, who said he would not go home before meeting the KPU chairman."
)


def test_shouted_words_are_not_acronyms_but_real_acronyms_still_are() -> None:
    assert findings(SHOUT_SOURCE, "NAME001", en=SHOUT_EN)["en"] == []
    dropped = SHOUT_EN.replace("the KPU building", "the building").replace("the KPU chairman", "the chairman")
    got = findings(SHOUT_SOURCE, "NAME001", en=dropped)["en"]
    assert [(f.source.text, f.source.start) for f in got if f.source] == [("KPU", SHOUT_SOURCE.index("KPU"))]


@pytest.mark.parametrize(("source", "good", "bad", "acronym"), [
    ("Obat itu menyasar protein HER2 pada sel kanker payudara.",
     "The drug targets the HER2 protein in breast cancer cells.",
     "The drug targets a protein in breast cancer cells.", "HER"),
    ("Ia mengenang tahun-tahunnya selama SMA di Bandung.",
     "He recalled his high school years in Bandung.",
     "He recalled his years in Bandung.", "SMA"),
    ("Para ibu memompa ASI di kantor.",
     "Mothers pump breast milk at the office.",
     "Mothers pump at the office.", "ASI"),
])
def test_translated_acronyms_are_accepted_and_dropped_ones_flagged(source: str, good: str, bad: str, acronym: str) -> None:
    assert findings(source, "NAME001", en=good)["en"] == []
    [missing] = findings(source, "NAME001", en=bad)["en"]
    assert missing.source is not None and missing.source.text == acronym


def test_a_long_list_of_links_compares_each_with_its_nearest() -> None:
    """A page of 600 references: one changed, one dropped. Each missing link is compared with the 64
    target links nearest in position (every pair of a list of 1,000 took 15 s)."""
    import random

    rng = random.Random(7)
    urls = [f"https://{''.join(rng.choices('bcdfghjklmnpqrstvwxz', k=10))}.id/{''.join(rng.choices('aeiou', k=6))}"
            for _ in range(600)]
    source = "\n\n".join(f"Sumber {i}: {u}" for i, u in enumerate(urls))
    english = list(urls)
    english[300] = urls[300].replace(".id/", ".id/en/")
    del english[450]
    target = "\n\n".join(f"Source {i}: {u}" for i, u in enumerate(english))
    assert [f.target.text if f.target else None for f in findings(source, "LINK001", en=target)["en"]] == [
        english[300]
    ]
    assert [f.source.text if f.source else None for f in findings(source, "LINK002", en=target)["en"]] == [urls[450]]


@pytest.mark.parametrize("seed", range(6))
def test_nearest_link_is_the_first_most_similar(seed: int) -> None:
    """The cheap difflib bounds only skip candidates that cannot win: the choice is the brute force's."""
    import random
    from difflib import SequenceMatcher

    from mtcheck.facts.entities import Link
    from mtcheck.rules.entities import LINK_NEAR, _nearest

    rng = random.Random(seed)
    def url() -> str:
        return "site.id/" + "".join(rng.choice("abcde/-") for _ in range(rng.randint(3, 12)))

    pool = [(Link("url", u, n * 10, n * 10 + len(u)), u) for n, u in enumerate(url() for _ in range(40))]
    for _ in range(30):
        key = url()
        ratios = [(SequenceMatcher(None, key, other, autojunk=False).ratio(), link) for link, other in pool]
        best = max(ratios, key=lambda pair: pair[0])
        expected = best[1] if best[0] >= LINK_NEAR else None
        assert _nearest(key, pool) == expected
