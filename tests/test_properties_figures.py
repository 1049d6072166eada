"""Figure text in any script: drawn when the font can, marked when it cannot, no warnings."""

from __future__ import annotations

import warnings

from hypothesis import given
from hypothesis import strategies as st

from analysis.figures.style import (
    UNDRAWABLE_RUN,
    UNDRAWABLE_TEXT,
    _is_drawable,
    drawable_text,
    new_figure,
    save_png,
)


def test_latin_text_is_unchanged_and_other_scripts_are_marked():
    assert drawable_text("Shigeru Ishiba, café, Ελλάδα, Москва") == (
        "Shigeru Ishiba, café, Ελλάδα, Москва"
    )
    assert drawable_text("石破茂首相") == UNDRAWABLE_TEXT
    assert drawable_text("مرحبا بالعالم") == UNDRAWABLE_TEXT
    assert drawable_text("Tokyo (東京 都) talks") == f"Tokyo ({UNDRAWABLE_RUN}) talks"
    assert drawable_text("Energy\nCooperation") == "Energy\nCooperation"


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_marked_text_holds_only_drawable_characters(text):
    marked = drawable_text(text)
    assert all(_is_drawable(char) for char in marked)
    if all(_is_drawable(char) for char in text):
        assert marked == text


def test_a_japanese_figure_draws_without_glyph_warnings(tmp_path):
    figure = new_figure(3, 2)
    axes = figure.add_subplot()
    axes.set_title(drawable_text("石破茂首相の訪米"))
    axes.set_xlabel("日米")  # not passed through drawable_text: no warning either
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_png(figure, tmp_path / "figure.png")
    assert axes.get_title() == UNDRAWABLE_TEXT
    assert (tmp_path / "figure.png").stat().st_size > 0
    assert not [w for w in caught if "Glyph" in str(w.message)]
