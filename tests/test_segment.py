from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtcheck.text.segment import line_col, split_paragraphs
from mtcheck.text.words import count_words


def test_paragraph_offsets_point_into_the_text() -> None:
    text = "  Satu dua.\n\n\nTiga empat lima.\n \nEnam.\n"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["Satu dua.", "Tiga empat lima.", "Enam."]
    for p in paragraphs:
        assert text[p.start : p.end] == p.text
    assert [p.index for p in paragraphs] == [0, 1, 2]


def test_single_newlines_stay_inside_a_paragraph() -> None:
    assert [p.text for p in split_paragraphs("a\nb\n\nc")] == ["a\nb", "c"]


def test_line_col_is_one_based() -> None:
    text = "ab\ncd\n\nef"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 4) == (2, 2)
    assert line_col(text, 7) == (4, 1)


@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_line_col_counts_the_newlines_before_the_offset(text: str, data: st.DataObject) -> None:
    """Line starts are found once per text (placing 80,000 findings counted a 200 KB text's newlines each time)."""
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert line_col(text, offset) == (text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def test_word_counts_per_script() -> None:
    assert count_words("Harga beras naik 80.000 rupiah.", "id") == 5
    assert count_words("L'économie a crû de 3,5 %.", "fr") == 5
    assert count_words("经济增长了百分之五", "zh") == 6  # 9 ideographs / 1.5


def test_next_and_previous_visible_are_the_slicing_definitions() -> None:
    """They replace ``text[i:].lstrip()[:1]`` and ``text[:i].rstrip()[-1:]``, which copied the rest of a
    paragraph at every mark (quadratic: a 1 MB paragraph of 20,000 sentences spent 4 s there)."""
    import random

    from mtcheck.text.words import next_visible, previous_visible

    rng = random.Random(3)
    alphabet = ["a", ".", " ", "\n", "\u00a0", "\u202f", "\u3000", "\u2028", "\t", "\u200b", "。", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        i = rng.randint(0, len(text) + 2)
        assert next_visible(text, i) == text[i:].lstrip()[:1], (text, i)
        assert previous_visible(text, i) == text[:i].rstrip()[-1:], (text, i)
