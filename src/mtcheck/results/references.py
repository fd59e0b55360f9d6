"""Reference translations (``--refs DIR``, same folder layout as the input) and the metrics over them.

``ReferenceScorer`` scores each version against its reference as it goes (document level) and keeps the
pairs so the corpus score per language is computed once at the end, over all articles of that language.
A reference that cannot be read (a folder, not UTF-8, over the size limit) or scored (MeCab gives up on
some long texts) is an input error naming its file; the version is then scored by nothing, the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.model import InputError
from mtcheck.readers.common import printable, read_text
from mtcheck.store.output import safe_filename

if TYPE_CHECKING:
    from mtcheck.results.metrics import TerCounts


def _read_reference(path: Path) -> str:
    """The text of a reference file; ValueError with the reason it cannot be used."""
    text = read_text(path, "reference")  # as an article's text
    if not text.strip():
        raise ValueError("reference is empty")  # every metric would be 0: a wrong score, not a missing one
    return text


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # cannot be searched: reading the file inside says so, naming it
        return True


@dataclass
class ReferenceScorer:
    refs_dir: Path
    pairs: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)  # references that could not be used, in order
    ter: dict[str, list[TerCounts | None]] = field(default_factory=dict)  # per language, in the order of pairs

    def path(self, article_id: str, lang: str) -> Path:
        folder = self.refs_dir / article_id
        if safe_filename(article_id, "") != article_id or not _is_folder(folder):
            folder = self.refs_dir / safe_filename(article_id, "")
        return folder / f"{lang}.txt"

    def reference(self, path: Path) -> str | None:
        """The reference text at ``path``; None if there is none, or if it cannot be used (then recorded)."""
        try:
            if not path.exists() and not path.is_symlink():  # a link to nothing is an error, not "no reference"
                return None
            return _read_reference(path)
        except OSError as exc:  # a reference folder that cannot be searched (EACCES): an input error naming it
            self.errors.append(InputError(printable(str(path.parent)), f"cannot read the reference folder "
                                          f"({exc.strerror or exc})"))
            return None
        except ValueError as exc:
            self.errors.append(InputError(printable(str(path)), str(exc)))
            return None

    def score_version(self, article_id: str, lang: str, hypothesis: str) -> dict[str, Any] | None:
        from mtcheck.results.metrics import score_corpus, ter_counts

        path = self.path(article_id, lang)
        ref = self.reference(path)
        if ref is None:
            return None
        try:
            ter = ter_counts(hypothesis, ref, lang)
            scores = score_corpus([hypothesis], [ref], lang, ter=[ter])
        except Exception as exc:  # noqa: BLE001 - sacrebleu's tokenizers fail in their own ways (MeCab: None)
            problem = f"cannot score against this reference ({type(exc).__name__}: {exc})"
            self.errors.append(InputError(printable(str(path)), problem))
            return None
        hyps, refs = self.pairs.setdefault(lang, ([], []))
        hyps.append(hypothesis)
        refs.append(ref)
        self.ter.setdefault(lang, []).append(ter)
        return scores

    def corpus(self) -> dict[str, Any]:
        """Each language's corpus scores; TER from the versions' counts (its shift search is not run twice)."""
        from mtcheck.results.metrics import score_corpus

        return {lang: score_corpus(h, r, lang, ter=self.ter[lang]) for lang, (h, r) in sorted(self.pairs.items())}


def score_article(scorer: ReferenceScorer, article: dict[str, Any]) -> dict[str, Any]:
    """Add ``details.metrics`` to every version of ``article`` that has a reference (in place)."""
    for version in article["versions"]:
        scores = scorer.score_version(article["id"], version["lang"], version.get("text", ""))
        if scores is not None:
            version.setdefault("details", {})["metrics"] = scores
    return article


class ReferenceStep:
    """Streaming step (``--refs``): metrics per version as articles pass; the corpus metrics per language
    at the end. Corpus BLEU/chrF/TER need every hypothesis and reference of a language, so the scorer
    holds those texts (one language's versions and references: the one part of a batch kept whole)."""

    def __init__(self, refs_dir: Path) -> None:
        self.scorer = ReferenceScorer(refs_dir)
        self.failure = f"{refs_dir}: cannot score references"
        self.errors = self.scorer.errors

    def apply(self, article: dict[str, Any]) -> dict[str, Any]:
        return score_article(self.scorer, article)

    def finish(self, document: dict[str, Any]) -> None:
        document["summary"]["metrics"] = self.scorer.corpus()
