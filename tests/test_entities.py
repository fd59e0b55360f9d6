"""Finding names, acronyms and links in Indonesian text, and matching names in a translation."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.facts.entities import Name, TargetIndex, Token, find_links, find_names, match_name, skeleton

LINKS = [
    ("Lihat https://kompas.com/read/2024/berita. Lalu", [("url", "https://kompas.com/read/2024/berita")]),
    ("Surel redaksi@Detik.com, atau @jokowi dan #PemiluDamai!", [
        ("email", "redaksi@Detik.com"), ("handle", "@jokowi"), ("hashtag", "#PemiluDamai")]),
    ("访问detik.com了解更多", [("url", "detik.com")]),
    ("situs resmi (www.bps.go.id).", [("url", "www.bps.go.id")]),
    ("lihat https://id.wikipedia.org/wiki/Bandung_(kota))", [("url", "https://id.wikipedia.org/wiki/Bandung_(kota)")]),
    ("JAKARTA, KOMPAS.com - Presiden", [("url", "KOMPAS.com")]),
    ("Harga naik 1.5 persen, nomor 3.id tidak", []),
    ("skor #1 dunia", []),
]


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_find_links(text: str, expected: list[tuple[str, str]]) -> None:
    links = find_links(text)
    assert [(link.kind, link.text) for link in links] == expected
    assert all(text[link.start:link.end] == link.text for link in links)


def test_link_keys_ignore_host_case_and_trailing_slash() -> None:
    a, b = find_links("https://WWW.Kemlu.go.id/Berita/ dan kemlu.go.id/Berita")
    assert a.key == b.key
    (c,) = find_links("kemlu.go.id/berita")
    assert c.key != a.key  # the path is case-sensitive


NAMES = [
    # titles, institutions, months and days are not names; the people are
    ("Menteri Keuangan Sri Mulyani bertemu Presiden Joko Widodo pada Senin, 3 Maret.",
     ["Sri Mulyani", "Joko Widodo"]),
    ("Kementerian Luar Negeri dan Badan Pusat Statistik merilis data.", []),
    # an Indonesian spelling of a foreign place is translated, not carried over
    ("Delegasi dari Jepang dan Amerika Serikat tiba di Surabaya.", ["Surabaya"]),
    # a lone capitalised word at a sentence start is not a name unless the article capitalises it elsewhere
    ("Pertemuan itu berlangsung lama. Sementara itu Warren pulang. Warren lelah.", ["Warren", "Warren"]),
    ("Pertemuan itu berlangsung lama.", []),
    # a word the article also writes in lower case is a common word
    ("Kota Tua ramai. Banyak orang datang ke kota tua itu.", []),
    # particles join a name
    ("Ia bertemu Mohammed bin Salman di Riyadh.", ["Mohammed bin Salman"]),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_find_names(text: str, expected: list[str]) -> None:
    names = [n for n in find_names(text, "id") if n.kind == "name"]
    assert [n.text for n in names] == expected
    assert all(text[n.start:n.end] == n.text for n in names)


def test_title_case_headline_needs_body_evidence() -> None:
    text = "Penemu Web Berencana Memulai Internet Baru\n\nProyek itu dipimpin Tim Berners-Lee di Boston."
    names = [n.text for n in find_names(text, "id") if n.kind == "name"]
    assert "Berencana" not in names and "Memulai" not in names
    assert "Berners-Lee" in names and "Boston" in names  # "Tim" is also Indonesian for "team"


def test_acronyms_and_optional_ones() -> None:
    found = [n.text for n in find_names("PT Pertamina dan KPK bekerja sama dengan PBB.", "id") if n.kind == "acronym"]
    assert found == ["KPK", "PBB"]  # PT is optional (translations drop it)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Bakhmut", "Bakhmout", True),
    ("Muhammad", "Mohammed", True),
    ("Zelensky", "Zelenskyy", True),
    ("Subianto", "Subiyanto", False),
    ("Warren", "Walker", False),
])
def test_skeleton_tolerates_transliteration(a: str, b: str, same: bool) -> None:
    assert (skeleton(a) == skeleton(b)) is same


def _name(text: str) -> Name:
    return Name("name", text, 0, len(text), tuple(text.split()))


MATCHES = [
    ("Prabowo Subianto", "en", "Defence Minister Prabowo Subianto spoke.", "found"),
    ("Prabowo Subianto", "en", "Prabowo Subiyanto spoke.", "near-miss"),
    ("Yevgeny Prigozhin", "fr", "Evgueni Prigojine est mort.", "variant"),
    ("Prigozhin", "fr", "Le chef de Wagner, Prigojine, est mort.", "found"),
    ("Carnegie Mellon University", "fr", "à l’université Carnegie Mellon", "variant"),
    ("Sri Mulyani", "en", "The finance minister spoke.", "missing"),
    ("Al-Qaeda", "en", "the Al-Qaeda-linked Nusra Front", "found"),
    ("Hollywood", "fr", "la vedette hollywoodienne", "found"),
]


@pytest.mark.parametrize(("name", "lang", "target", "status"), MATCHES)
def test_match_name(name: str, lang: str, target: str, status: str) -> None:
    assert match_name(_name(name), TargetIndex.build(target, lang), lang).status == status


def test_a_part_many_names_share_is_searched_beside_its_nearest_occurrences() -> None:
    """A list of 16,000 "Muhammad X" looked every occurrence of Muhammad up for every name (20 s): of a part
    written more than NEAREST_ANCHORS times, the near-miss search looks beside the nearest ones to where the
    name stands in the source; each misspelt surname is still found beside its own Muhammad."""
    import random

    from mtcheck.facts.entities import NEAREST_ANCHORS

    rng = random.Random(5)
    letters = "bcdfghjklmnpqrstvwxz"
    surnames = ["".join(rng.sample(letters, 12)).title() for _ in range(3 * NEAREST_ANCHORS)]
    target = " ".join(f"Muhammad {s[:-1]}y hadir." for s in surnames)  # every surname misspelt
    index = TargetIndex.build(target, "en")
    for k, surname in enumerate(surnames):
        result = match_name(_name(f"Muhammad {surname}"), index, "en", k / len(surnames))
        assert result.status == "near-miss" and result.target is not None
        assert result.target.text == f"{surname[:-1]}y"


@pytest.mark.parametrize(("name", "lang", "target", "found"), [
    ("Sri Mulyani", "ar", "قالت وزيرة المالية سري مولياني (Sri Mulyani) إن", True),
    ("Sri Mulyani", "ar", "قالت وزيرة المالية سري مولياني إن", False),  # transliterated: vouches for nothing
    ("Joko Widodo", "zh", "印尼总统佐科·维多多(Joko Widodo)表示", True),
    ("Prabowo", "ja", "プラボウォ国防相(Prabowo)は", True),
])
def test_versions_that_only_vouch_index_their_cased_words(name: str, lang: str, target: str, found: bool) -> None:
    from mtcheck.facts.entities import name_found

    index = TargetIndex.build(target, lang, cased_only=True)
    assert all(t.text.lower() != t.text.upper() for t in index.tokens)  # no Arabic, Han or kana words
    assert name_found(_name(name), index, lang) is found
    assert name_found(_name(name), TargetIndex.build(target, lang), lang) is found  # the full index agrees


def _loud_by_scanning(text: str, tokens: list[Token], k: int) -> bool:
    """The definition, word by word: the run of all-capital words around word ``k``."""
    run = [tokens[k].text]
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(tokens) and tokens[j].text.isupper() and tokens[j].text.isalpha():
            left, right = (tokens[j], tokens[j + 1]) if step < 0 else (tokens[j - 1], tokens[j])
            if text[left.end:right.start].strip(" ,!"):
                break
            run.append(tokens[j].text)
            j += step
    return len(run) >= 2 and max(len(w) for w in run) >= 5


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["KPU", "TIDAK", "BBCA", "AB", "A", "Rakyat", "hari", "TERIMAKASIH", "X1"]),
                          st.sampled_from([" ", ", ", " ! ", ". ", " - ", "!", ",,"])), max_size=12))
def test_loud_runs_are_found_in_one_pass_as_word_by_word(parts: list[tuple[str, str]]) -> None:
    """Each all-capital word scanned its own run: 16,000 tickers "BBCA BBRI ..." took 84 s in NAME001."""
    from mtcheck.facts.entities import _loud_runs, words

    text = "".join(word + gap for word, gap in parts)
    tokens = words(text)
    loud = _loud_runs(text, tokens)
    assert [loud[k] for k, t in enumerate(tokens) if t.text.isupper() and t.text.isalpha()] == \
        [_loud_by_scanning(text, tokens, k) for k, t in enumerate(tokens) if t.text.isupper() and t.text.isalpha()]
