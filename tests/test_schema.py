from __future__ import annotations

import copy

import pytest

from mtcheck.config import Config
from mtcheck.engine import check
from mtcheck.model import Article, Text
from mtcheck.results.document import article_dict, build_document
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


def _places(node: object, path: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    """Every path to a value inside a JSON document."""
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _places(value, (*path, i))
    return out


def test_the_fast_validator_gives_jsonschemas_verdict_on_damaged_documents() -> None:
    """fastjsonschema decides (15 times faster on big files); jsonschema, the reference for draft 2020-12,
    must agree on every document: 1,500 copies with one value removed, retyped, emptied or given a neighbour."""
    import random

    import jsonschema

    from mtcheck.schema import _compiled, results_schema

    rng = random.Random(5)
    base = document()
    base["articles"][0]["versions"][0]["findings"].append(copy.deepcopy(BAD_FINDING))
    places = [p for p in _places(base) if p]
    replacements = [None, 0, -1, 1.5, "", "x", "NUM001", [], {}, True, {"start": 0, "end": 1, "text": "x"}]
    verdicts = []
    for _ in range(1500):
        doc = copy.deepcopy(base)
        *parent_path, last = rng.choice(places)
        parent = doc
        for step in parent_path:
            parent = parent[step]
        if rng.random() < 0.2 and isinstance(parent, dict):
            del parent[last]
        elif rng.random() < 0.1 and isinstance(parent, dict):
            parent["extra"] = 1
        else:
            parent[last] = copy.deepcopy(rng.choice(replacements))
        reference = jsonschema.Draft202012Validator(results_schema()).is_valid(doc)
        try:
            _compiled()(doc)
            fast = True
        except Exception:  # noqa: BLE001 -- fastjsonschema's JsonSchemaException
            fast = False
        assert fast == reference, doc
        verdicts.append(reference)
    assert 0.05 < sum(verdicts) / len(verdicts) < 0.95  # both verdicts are exercised
