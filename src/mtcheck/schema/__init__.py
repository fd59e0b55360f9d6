"""The shipped JSON Schema of results-v1 and a validator that raises a one-line ValueError."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def results_schema() -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("results-v1.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def validate(document: Any) -> None:
    import jsonschema

    try:
        jsonschema.validate(document, results_schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise ValueError(f"not a valid mtcheck results-v1 document at {where}: {exc.message}") from None
