"""LANG001-LANG004 on text written for these tests: every finding kind and every accepted case."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Text, VersionResult

SOURCE = (
    "Pemerintah kota akan membangun jembatan baru di atas sungai itu tahun depan.\n\n"
    "Wali kota mengatakan bahwa proyek tersebut akan menelan biaya sekitar 40 miliar rupiah.\n\n"
    "Warga berharap jembatan itu akan mengurangi kemacetan di pusat kota setiap pagi.\n"
)

CLEAN = {
    "en": "The city will build a new bridge over the river next year.\n\n"
          "The mayor said that the project would cost about 40 billion rupiah.\n\n"
          "Residents hope the bridge will reduce congestion in the city centre every morning.\n",
    "fr": "La ville construira un nouveau pont sur la rivière l'année prochaine.\n\n"
          "Le maire a déclaré que le projet coûterait environ 40 milliards de roupies.\n\n"
          "Les habitants espèrent que le pont réduira les embouteillages chaque matin.\n",
    "zh": "该市明年将在这条河上修建一座新桥。\n\n"
          "市长表示，该项目将耗资约400亿印尼盾。\n\n"
          "居民们希望这座桥能缓解每天早上市中心的交通拥堵。\n",
    "ja": "市は来年、その川に新しい橋を建設する。\n\n"
          "市長によると、事業費は約400億ルピアになる見込みだという。\n\n"
          "住民たちは、橋が毎朝の都心の渋滞を緩和することを期待している。\n",
    "ar": "ستبني المدينة جسرا جديدا فوق النهر في العام المقبل.\n\n"
          "وقال رئيس البلدية إن المشروع سيكلف نحو 40 مليار روبية.\n\n"
          "ويأمل السكان أن يخفف الجسر من الازدحام في وسط المدينة كل صباح.\n",
}

SRC_PARAS = SOURCE.strip().split("\n\n")
ID_SENTENCE = "Warga berharap jembatan itu akan mengurangi kemacetan di pusat kota setiap pagi."
EN_SENTENCE = "The residents hope that the new bridge will reduce the traffic every morning."


def run(lang: str, content: str, source: str = SOURCE) -> VersionResult:
    article = Article("t", Text("id", source), {lang: Text(lang, content)})
    return check(article, Config(select=("LANG",), encoder="none")).versions[0]


def codes(version: VersionResult) -> list[str]:
    return [f.rule for f in version.findings]


def replace_para(lang: str, index: int, new: str) -> str:
    paras = CLEAN[lang].strip().split("\n\n")
    paras[index] = new
    return "\n\n".join(paras) + "\n"


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_clean_versions_have_no_finding(lang: str) -> None:
    version = run(lang, CLEAN[lang])
    assert codes(version) == []
    assert version.extra["dominant_language"] == lang
    assert version.extra["languages"] == [lang, lang, lang]


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_disclaimer_is_never_flagged(lang: str) -> None:
    data = json.loads(resources.files("mtcheck").joinpath("data/boilerplate.json").read_text("utf-8"))
    for disclaimer in data["disclaimer"].values():  # its own language, or English in any version
        if disclaimer == data["disclaimer"]["en"] or disclaimer == data["disclaimer"][lang]:
            assert codes(run(lang, CLEAN[lang] + "\n" + disclaimer + "\n")) == []


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_paragraph_left_in_indonesian_is_untranslated(lang: str) -> None:
    content = replace_para(lang, 2, ID_SENTENCE)
    version = run(lang, content)
    assert codes(version) == ["LANG001"]
    finding = version.findings[0]
    assert finding.target is not None and finding.target.text == ID_SENTENCE
    assert finding.source is not None and finding.source.text == SRC_PARAS[2]
    assert version.extra["languages"][2] == "id"


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Dia juga mengatakan bahwa pembangunan akan dimulai pada bulan depan."),
        ("fr", "Dia juga mengatakan bahwa pembangunan akan dimulai pada bulan depan."),
    ],
)
def test_sentence_left_in_indonesian_is_untranslated(lang: str, sentence: str) -> None:
    paras = CLEAN[lang].strip().split("\n\n")
    content = replace_para(lang, 1, paras[1] + " " + sentence)
    version = run(lang, content)
    assert codes(version) == ["LANG001"]
    assert version.findings[0].target is not None and version.findings[0].target.text == sentence


def test_indonesian_sentence_inside_chinese_is_untranslated() -> None:
    sentence = "Dia juga mengatakan bahwa pembangunan akan dimulai pada bulan depan."
    content = replace_para("zh", 1, "市长表示，该项目将耗资约400亿印尼盾。" + sentence)
    version = run("zh", content)
    assert codes(version) == ["LANG001"]
    assert version.findings[0].target is not None and version.findings[0].target.text == sentence


@pytest.mark.parametrize("lang", ["ar", "zh", "ja", "fr"])
def test_english_paragraph_is_wrong_language(lang: str) -> None:
    version = run(lang, replace_para(lang, 2, EN_SENTENCE))
    assert codes(version) == ["LANG002"]
    assert version.findings[0].severity.value == "major"
    assert version.extra["languages"][2] == "en"


@pytest.mark.parametrize(
    ("lang", "prefix"),
    [
        ("ar", "وقال رئيس البلدية إن المشروع سيكلف نحو 40 مليار روبية. "),
        ("zh", "市长表示，该项目将耗资约400亿印尼盾。"),
        ("ja", "市長によると、事業費は約400億ルピアになる見込みだという。"),
        ("fr", "Le maire a déclaré que le projet coûterait environ 40 milliards de roupies. "),
    ],
)
def test_english_sentence_inside_a_paragraph_is_wrong_language(lang: str, prefix: str) -> None:
    version = run(lang, replace_para(lang, 1, prefix + EN_SENTENCE))
    assert codes(version) == ["LANG002"]
    finding = version.findings[0]
    assert finding.target is not None and finding.target.text == EN_SENTENCE


def test_whole_english_quotation_in_chinese_is_wrong_language() -> None:
    version = run("zh", replace_para("zh", 1, '"We will finish the bridge before the rainy season," he said.'))
    assert codes(version) == ["LANG002"]


@pytest.mark.parametrize(
    ("lang", "paragraph"),
    [
        # a quoted English phrase inside a French sentence
        ("fr", "Le maire a promis un pont « built to last » pour les habitants de la ville."),
        ("en", "The mayor called it a « projet de prestige » during the council meeting."),
        # names only, datelines, acronyms, addresses, numbers
        ("en", "Joko Widodo, Prabowo Subianto, Anies Baswedan, Ganjar Pranowo, Sri Mulyani"),
        ("fr", "JAKARTA, 12 Maret 2024 (Antara)"),
        ("en", "Sumber: https://www.example.com/berita/ekonomi/jembatan-baru-di-atas-sungai"),
        ("zh", "北约(NATO)秘书长与佐科·维多多(Joko Widodo)周二在雅加达会面，讨论了COVID-19疫情。"),
        ("zh", "苹果公司的iPhone销量增长了12%，新桥全长1.2 km。"),
        ("ja", "NATOのストルテンベルグ事務総長はジョコ・ウィドド(Joko Widodo)大統領とCOVID-19について協議した。"),
        ("ar", "التقى الأمين العام لحلف الناتو (NATO) بالرئيس جوكو ويدودو (Joko Widodo) لمناقشة COVID-19."),
        # a bracketed English gloss and a title of a work
        ("zh", "这种现象被称为数字鸿沟(digital divide)，在农村地区尤为明显。"),
        ("zh", "他的新书《Why the bridge matters to every city resident》已经出版。"),
        ("ja", "会議は市内のNewport on the Leveeで開かれた。"),
        # kanji-only Japanese headline
        ("ja", "東京都知事選挙結果速報"),
    ],
)
def test_accepted_passages_are_not_flagged(lang: str, paragraph: str) -> None:
    assert codes(run(lang, replace_para(lang, 1, paragraph))) == []


@pytest.mark.parametrize(
    ("lang", "paragraph", "flagged"),
    [
        ("zh", "市长表示，报告说the economy grew很快。", "the economy grew"),
        ("zh", "市长表示，政府の決定将在明年公布。", "の"),
        ("ja", "市長は새로운 다리について話した。", "새로운 다리"),
        ("en", "The mayor said the новый мост would open next year.", "новый мост"),
        ("ar", "وقال رئيس البلدية إن the new project سيكلف نحو 40 مليار روبية.", "the new project"),
        ("fr", "Le maire a dit que le projet 新しい橋 coûterait cher.", "新しい橋"),
    ],
)
def test_wrong_script_is_minor(lang: str, paragraph: str, flagged: str) -> None:
    version = run(lang, replace_para(lang, 1, paragraph))
    assert codes(version) == ["LANG003"]
    finding = version.findings[0]
    assert finding.severity.value == "minor"
    assert finding.target is not None and finding.target.text.strip() == flagged


@pytest.mark.parametrize(("lang", "content"), [("en", CLEAN["fr"]), ("en", SOURCE), ("fr", CLEAN["en"]),
                                               ("zh", CLEAN["ja"]), ("ar", CLEAN["en"])])
def test_whole_version_in_wrong_language_is_critical_and_reported_once(lang: str, content: str) -> None:
    version = run(lang, content)
    assert codes(version) == ["LANG004"]
    finding = version.findings[0]
    assert finding.severity.value == "critical"
    assert finding.target is not None and finding.target.start == 0 and finding.target.end == len(content)


def test_japanese_version_written_in_chinese_is_wrong() -> None:
    assert codes(run("ja", CLEAN["zh"])) == ["LANG004"]


def test_untranslated_paragraph_is_not_also_wrong_script() -> None:
    version = run("zh", replace_para("zh", 0, SRC_PARAS[0]))
    assert codes(version) == ["LANG001"]


def test_near_identical_copy_of_the_source_is_untranslated_even_if_undetected() -> None:
    copy = "Wali kota Budi Santoso, Gubernur Ridwan, dan Menteri Basuki membahas proyek kota"
    source = SOURCE + "\n" + copy + "\n"
    version = run("en", CLEAN["en"] + "\n" + copy + "\n", source=source)
    assert codes(version) == ["LANG001"]


def test_a_copied_paragraph_is_found_by_its_rarest_words_exactly_as_by_all() -> None:
    """Reading every word's postings was quadratic when words recur in every paragraph (an XLIFF of 20,000
    units: LANG001 38 s, now 1.9 s). Prefix filtering must pick the very paragraph the full count picks."""
    import random
    from collections import Counter

    from mtcheck.facts.langcheck import NEAR_IDENTICAL, _SourceIndex
    from mtcheck.model import Text

    def by_all_words(index: _SourceIndex, text: str) -> object:
        from mtcheck.facts.langcheck import MIN_PASSAGE_ORDINARY, blank_addresses, ordinary_words

        bag = Counter(ordinary_words(blank_addresses(text)))
        if len(bag) < MIN_PASSAGE_ORDINARY:
            return None
        for i, other in enumerate(index.bags):
            if 2 * sum(w in other for w in bag) >= len(bag):
                common = sum((bag & other).values())
                if 2 * common / (sum(bag.values()) + index.sizes[i]) >= NEAR_IDENTICAL:
                    return index.paragraphs[i]
        return None

    rng = random.Random(11)
    found = 0
    words = ["pemerintah", "bantuan", "warga", "banjir", "kota", "harga", "beras", "naik", "pasar", "menteri",
             "mengatakan", "bahwa", "rupiah", "the", "government", "said", "rice", "prices", "rose"]
    for _ in range(150):
        source = "\n\n".join(" ".join(rng.choices(words, k=rng.randint(2, 9))) for _ in range(rng.randint(1, 12)))
        index = _SourceIndex(Text("id", source))
        for _ in range(10):
            para = rng.choice(source.split("\n\n")).split() if rng.random() < 0.5 else []
            text = " ".join(para + rng.choices(words, k=rng.randint(0, 4)))
            copied = index.copied_from(text)
            assert copied == by_all_words(index, text)
            found += copied is not None
    assert found > 100  # copies are found, not only misses


# Source text that is not Indonesian (an English slogan, a Latin motto, an English post quoted whole),
# copied verbatim as the source has it: not untranslated, not a wrong language. The same passages in a
# version whose source does not write them are still flagged.
SLOGAN_SOURCE = (
    SOURCE
    + "\nSpanduk kampanye itu bertuliskan slogan Build the bridge and save our city di setiap sudut jalan.\n\n"
    "Semboyan kota, Fluctuat nec mergitur, terukir di gerbang jembatan lama.\n\n"
    "We will finish this bridge together before the rainy season comes, and nobody will stop us.\n"
)
SLOGAN_VERSIONS = {
    "en": ("The campaign banner carried the slogan Build the bridge and save our city on every street corner.",
           "The city's motto, Fluctuat nec mergitur, is carved on the gate of the old bridge."),
    "fr": ("La banderole de campagne portait le slogan Build the bridge and save our city à chaque coin de rue.",
           "La devise de la ville, Fluctuat nec mergitur, est gravée sur la porte du vieux pont."),
    "zh": ("竞选横幅在每个街角都写着Build the bridge and save our city的口号。",
           "该市的座右铭Fluctuat nec mergitur刻在旧桥的大门上。"),
    "ja": ("選挙の横断幕には、街角ごとにBuild the bridge and save our cityというスローガンが書かれていた。",
           "市の標語Fluctuat nec mergiturが古い橋の門に刻まれている。"),
    "ar": ("حملت لافتة الحملة شعار Build the bridge and save our city في كل زاوية شارع.",
           "شعار المدينة Fluctuat nec mergitur محفور على بوابة الجسر القديم."),
}
ENGLISH_POST = "We will finish this bridge together before the rainy season comes, and nobody will stop us."


def with_slogans(lang: str) -> str:
    slogan, motto = SLOGAN_VERSIONS[lang]
    return f"{CLEAN[lang]}\n{slogan}\n\n{motto}\n\n{ENGLISH_POST}\n"


@pytest.mark.parametrize("lang", sorted(SLOGAN_VERSIONS))
def test_foreign_text_of_the_source_copied_verbatim_is_accepted(lang: str) -> None:
    assert codes(run(lang, with_slogans(lang), SLOGAN_SOURCE)) == []


@pytest.mark.parametrize("lang", ["fr", "zh", "ja", "ar"])
def test_the_same_foreign_text_not_in_the_source_is_flagged(lang: str) -> None:
    found = run(lang, with_slogans(lang))  # the source without slogan, motto and post
    assert "LANG002" in codes(found)
    assert any(f.target is not None and f.target.text == ENGLISH_POST for f in found.findings)


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_indonesian_copied_verbatim_is_still_untranslated(lang: str) -> None:
    version = run(lang, replace_para(lang, 2, SRC_PARAS[2]), SLOGAN_SOURCE)
    assert codes(version) == ["LANG001"]
