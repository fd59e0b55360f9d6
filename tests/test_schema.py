from __future__ import annotations

import copy

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Text
from mtcheck.results import article_dict, build_document
from mtcheck.schema import validate

ARTICLE = Article(
    "a1",
    Text("id", "Harga naik menjadi 80.000 rupiah.\n\nInflasi 2,86 persen.", "a1/id.txt"),
    {"en": Text("en", "The price rose to 80.000 rupiah.\n\nInflation was 2.86 percent.", "a1/en.txt")},
)


def document() -> dict:  # type: ignore[type-arg]
    result = check(ARTICLE, Config())
    return build_document([article_dict(result, {"id": ARTICLE.source.content, "en": ARTICLE.targets["en"].content})])


def test_engine_output_is_valid_results_v1() -> None:
    doc = document()
    validate(doc)
    assert doc["schema"] == "mtcheck/results-v1"
    assert doc["articles"][0]["versions"][0]["lang"] == "en"


BAD_FINDING = {"rule": "NUM001", "name": "number-format", "category": "locale-conventions/number-format",
               "severity": "major", "message": "m", "source": None, "target": {"start": 0, "end": 2, "text": "80"},
               "suggestion": None}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("schema",), "mtcheck/results-v2"),
        (("severity",), "fatal"),
        (("category",), "Accuracy/Omission"),
        (("rule",), "num1"),
        (("target",), {"start": -1, "end": 2, "text": "80"}),
    ],
)
def test_schema_rejects_malformed_documents(path: tuple[str, ...], value: object) -> None:
    doc = document()
    if path == ("schema",):
        doc["schema"] = value
    else:
        finding = copy.deepcopy(BAD_FINDING)
        finding[path[0]] = value
        doc["articles"][0]["versions"][0]["findings"] = [finding]
    with pytest.raises(ValueError, match="results-v1"):
        validate(doc)


def test_schema_accepts_a_well_formed_finding() -> None:
    doc = document()
    doc["articles"][0]["versions"][0]["findings"] = [BAD_FINDING]
    validate(doc)
