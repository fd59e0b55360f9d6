"""``--format json``: the results-v1 document itself."""
from __future__ import annotations

import json
from typing import Any


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
