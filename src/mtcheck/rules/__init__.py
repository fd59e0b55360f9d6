"""Rule families: one module per family; a rule is one registered class (code, name, MQM category, severity, doc).

Lives here: ``base`` (the Rule classes and the registry) and one module per family, imported on demand.
May import align, facts, config, model, text, store and locales; never readers, results, engine or above.
"""
from __future__ import annotations

import importlib
import pkgutil

_loaded = False


def load_all() -> None:
    global _loaded
    if _loaded:
        return
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True
