"""The registry of text-derived caches, which the benchmark clears between articles."""
from __future__ import annotations

from mtcheck.align.aligner import anchors
from mtcheck.facts.boilerplate import is_disclaimer
from mtcheck.text.caching import clear_text_caches


def test_clearing_forgets_text_results_and_keeps_answers() -> None:
    text = "Banjir di Medan merendam 1.250 rumah."
    first = anchors(text, "id"), is_disclaimer(text)
    assert anchors.cache_info().currsize > 0 and is_disclaimer.cache_info().currsize > 0
    clear_text_caches()
    assert anchors.cache_info().currsize == 0 and is_disclaimer.cache_info().currsize == 0
    assert (anchors(text, "id"), is_disclaimer(text)) == first
