"""Trial of language detectors on ntrex-dev paragraphs, restricted to the project's languages.

Each detector runs in its own subprocess so import time and peak RSS are measured in isolation.
Accuracy is per true language over every paragraph of every version (ms counts as id: one family).
The ``mtcheck`` row is the product pipeline (script heuristics first, py3langid for Latin script,
short paragraphs "und"): its accuracy counts "und" as wrong, its coverage says how many were decided.

Usage: python bench/langid_trial.py [DATA_DIR]   (default ../shared/data/ntrex-dev)
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LANGS = ("id", "en", "zh", "ja", "ar", "fr")
DETECTORS = ("baseline", "py3langid", "lingua", "lingua-low", "langdetect", "mtcheck")
Detect = Callable[[str], str]


def load_paragraphs(data: Path) -> dict[str, list[str]]:
    """Every non-empty paragraph of every version, by language."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        for lang in LANGS:
            text = (folder / f"{lang}.txt").read_text(encoding="utf-8-sig")
            out[lang].extend(p.strip() for p in text.split("\n\n") if p.strip())
    return out


def _family(code: str) -> str:
    code = code.lower()
    return {"ms": "id", "zh-cn": "zh", "zh-tw": "zh"}.get(code, code)


def make_detector(name: str) -> Detect:
    if name == "baseline":
        return lambda text: "id"
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        ident.set_languages([*LANGS, "ms"])
        return lambda text: _family(ident.classify(text)[0])
    if name in ("lingua", "lingua-low"):
        from lingua import Language, LanguageDetectorBuilder

        langs = [Language.INDONESIAN, Language.MALAY, Language.ENGLISH, Language.CHINESE,
                 Language.JAPANESE, Language.ARABIC, Language.FRENCH]
        builder = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models()
        if name == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()

        def lingua_detect(text: str) -> str:
            lang = detector.detect_language_of(text)
            return _family(lang.iso_code_639_1.name) if lang else "und"

        return lingua_detect
    if name == "langdetect":
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0
        allowed = {"id", "en", "zh-cn", "zh-tw", "ja", "ar", "fr"}

        def langdetect_detect(text: str) -> str:
            try:
                ranked = [c for c in detect_langs(text) if c.lang in allowed]
            except LangDetectException:
                return "und"
            return _family(ranked[0].lang) if ranked else "und"

        return langdetect_detect
    if name == "mtcheck":
        from mtcheck.facts.langid import detect

        return lambda text: detect(text)[0]
    raise ValueError(name)


def worker(name: str, data: Path) -> dict[str, object]:
    paragraphs = load_paragraphs(data)
    t0 = time.perf_counter()
    detect = make_detector(name)
    detect("Ini adalah kalimat pemanasan.")  # force lazy model loads into the load time
    load_s = time.perf_counter() - t0
    correct: dict[str, int] = {}
    total = 0
    t1 = time.perf_counter()
    for lang, paras in paragraphs.items():
        correct[lang] = sum(detect(p) == lang for p in paras)
        total += len(paras)
    elapsed = time.perf_counter() - t1
    return {
        "name": name,
        "load_s": load_s,
        "ms_per_para": 1000 * elapsed / total,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "correct": correct,
        "counts": {lang: len(p) for lang, p in paragraphs.items()},
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], Path(sys.argv[3]))))
        return
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ntrex-dev")
    header = f"{'detector':<11}" + "".join(f"{lang:>7}" for lang in LANGS)
    print(header + f"{'all':>7}{'ms/para':>9}{'load s':>8}{'RSS MB':>8}")
    for name in DETECTORS:
        out = subprocess.run([sys.executable, __file__, "--worker", name, str(data)],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        acc = {lang: r["correct"][lang] / r["counts"][lang] for lang in LANGS}
        overall = sum(r["correct"].values()) / sum(r["counts"].values())
        print(f"{name:<11}" + "".join(f"{acc[lang]:>7.3f}" for lang in LANGS)
              + f"{overall:>7.3f}{r['ms_per_para']:>9.3f}{r['load_s']:>8.2f}{r['rss_mb']:>8.0f}")
    print(f"(paragraphs per language: {r['counts']['id']}; ms and id are one family; "
          "RSS = peak of the worker process, 'baseline' = Python + data only)")


if __name__ == "__main__":
    main()
