"""``--format json``: the results-v1 document itself."""
from __future__ import annotations

import json
from typing import Any

from mtcheck.store.output import json_escaped


def render_json(document: dict[str, Any]) -> str:
    """C1 and the bidi controls as ``\\u`` escapes, as ``--format jsonl`` writes them (json.dumps escapes C0)."""
    return json_escaped(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
