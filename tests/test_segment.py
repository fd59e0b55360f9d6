from __future__ import annotations

from mtcheck.segment import line_col, split_paragraphs
from mtcheck.text import count_words


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


def test_word_counts_per_script() -> None:
    assert count_words("Harga beras naik 80.000 rupiah.", "id") == 5
    assert count_words("L'économie a crû de 3,5 %.", "fr") == 5
    assert count_words("经济增长了百分之五", "zh") == 6  # 9 ideographs / 1.5
