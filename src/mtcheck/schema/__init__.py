"""The shipped JSON Schema of results-v1 and a validator that raises a one-line ValueError.

Lives here: ``results-v1.json`` (the contract of results.json) and ``validate``.
The bottom layer, beside locales: imports nothing of mtcheck.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def results_schema() -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("results-v1.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _compiled() -> Any:
    """The schema compiled to Python by fastjsonschema: 15 times faster than jsonschema on a results.json of
    3,000 articles (0.27 s against 4.0 s), which ``compare`` and ``report`` read whole. The schema uses only
    keywords whose meaning draft-07 and 2020-12 share; a test holds both validators to the same verdicts."""
    import fastjsonschema

    return fastjsonschema.compile(results_schema())


def validate(document: Any) -> None:
    """Nothing if ``document`` is a valid results-v1 document, else a one-line ValueError. The verdict is
    fastjsonschema's; jsonschema, the reference implementation, words the error (its best match)."""
    import fastjsonschema

    try:
        _compiled()(document)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        _check_numbers(document, results_schema(), "")
        return
    import jsonschema

    try:
        jsonschema.validate(document, results_schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise ValueError(f"not a valid mtcheck results-v1 document at {where}: {exc.message}") from None
    raise ValueError("not a valid mtcheck results-v1 document (the validators disagree on it)")


MAX_NUMBER = 2**53  # every integer up to here is exact as a float (and in a browser's JavaScript)


def _check_numbers(value: Any, schema: dict[str, Any], where: str) -> None:
    """What a JSON schema validator lets through: an "integer" written as a float (``1e308`` is integral, so
    valid), and numbers of any size (``10**30`` articles, a count that became a float on the way to a
    template or a sum). Every number of the document is at most 2**53 in size, and an integer of the
    schema is written as one."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        schema = results_schema()["$defs"][ref.removeprefix("#/$defs/")]
    if isinstance(value, dict):
        properties, rest = schema.get("properties", {}), schema.get("additionalProperties")
        for key, item in value.items():
            _check_numbers(item, properties.get(key, rest if isinstance(rest, dict) else {}), f"{where}/{key}")
    elif isinstance(value, list):
        items = schema.get("items")
        for k, item in enumerate(value):
            _check_numbers(item, items if isinstance(items, dict) else {}, f"{where}/{k}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        problem = None
        if abs(value) > MAX_NUMBER:
            problem = f"{value:.3g} is out of range (at most 2**53 in size)"
        elif schema.get("type") == "integer" and not isinstance(value, int):
            problem = f"{value!r} is not written as an integer"
        if problem:
            raise ValueError(f"not a valid mtcheck results-v1 document at {where.lstrip('/') or '(root)'}: {problem}")
