"""Probed patterns: the matches of ``finditer``, found from the body's candidate positions."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.text.scan import Probed, leading_lookbehinds, lower_same_length

PATTERNS = [
    (r"(?<![^\W_])indo", re.IGNORECASE),  # the start of a word only
    (r"(?<![\d.,/:$€£¥])(?P<d>3[01]|[12]\d|0?[1-9])\.?\s*(?:de\s+)?mars", 0),
    (r"(?<![^\W_])(?<![$€£¥.,/:\-])(?P<y>(?:1[89]|20)\d\d)(?!\d)", 0),  # two look-behinds
    (r"(?<![^\W_])US(?![^\W\d_])", 0),  # and a look-ahead
    (r"(?<![\])])x", 0),  # a ] inside the look-behind's class
]


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<![^\W\d_])(?:a|b)?maret", r"(?<![^\W\d_])"),
    (r"(?<![^\W_])(?<![$€£¥.,/:\-])(?P<y>\d\d)", r"(?<![^\W_])(?<![$€£¥.,/:\-])"),
    (r"(?<![\])])x", r"(?<![\])])"),
    (r"(?<=\()y", r"(?<=\()"),
    (r"abc(?<!c)", ""),
])
def test_leading_lookbehinds(pattern: str, expected: str) -> None:
    assert pattern[:leading_lookbehinds(pattern)] == expected


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_probed_finds_what_finditer_finds(pattern: str, flags: int) -> None:
    probed = Probed.compile(pattern, flags)
    assert probed.probe is not probed.pattern
    text = "Indonesia xindo indo_ _indo Indo; 16 mars 2023, a16 mars, 1.5 mars; US USA $2023 x2023 2023 (x )x ]x US"
    assert [m.span() for m in probed.finditer(text)] == [m.span() for m in probed.pattern.finditer(text)]
    assert [m.span() for m in probed.finditer(text, 5, 60)] == [m.span() for m in probed.pattern.finditer(text, 5, 60)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="inIN do_ 12093x$.,US)]m rsae", max_size=60), st.sampled_from(PATTERNS))
def test_probed_equals_finditer_on_random_text(text: str, case: tuple[str, int]) -> None:
    probed = Probed.compile(*case)
    assert [(m.span(), m.groupdict()) for m in probed.finditer(text)] == [
        (m.span(), m.groupdict()) for m in probed.pattern.finditer(text)
    ]


def test_without_probe_it_is_the_pattern() -> None:
    plain = Probed.compile(r"(?<![^\W_])mars", 0, probe=False)
    assert plain.probe is plain.pattern
    assert [m.span() for m in plain.finditer("mars 1 mars xmars")] == [(0, 4), (7, 11)]


def test_lower_same_length_keeps_offsets() -> None:
    assert lower_same_length("Kamis, 16 MARET") == "kamis, 16 maret"
    text = "İSTANBUL, 16 Maret"  # "İ".lower() is two characters: it stays, the rest is lowered
    assert len(lower_same_length(text)) == len(text) and lower_same_length(text).endswith("stanbul, 16 maret")
