from defaults import PREPARE, SECTIONING

from analysis.sections import is_title_line, split_sections

ARTICLE = (
    "Leaders met on Thursday. They talked for an hour.\n"
    "Energy Cooperation Between Japan and the U.S.\n"
    "Japan buys gas. It wants more.\n"
    "\n"
    "A second paragraph follows a blank line.\n"
    "U.S. Defense Commitments and Japan’s Security\n"
    "Troops remain.\n"
)


def test_title_lines():
    assert is_title_line("Energy Cooperation Between Japan and the U.S.")
    assert is_title_line("U.S. Defense Commitments and Japan’s Security")
    assert is_title_line("Trade and Economic Discussions")
    assert not is_title_line("Japan buys gas. It wants more.")
    assert not is_title_line("Leaders met on Thursday.")
    assert not is_title_line("Thanks.")
    assert not is_title_line("Our Readers Said:")
    assert not is_title_line("(Editing by Vicki Allen)")  # a wire credit, in title case
    assert not is_title_line("© 2011 Reuters")


def test_lead_then_headed_sections_with_offsets():
    sections = split_sections(ARTICLE, **SECTIONING)
    assert [s.title for s in sections] == [
        "",
        "Energy Cooperation Between Japan and the U.S.",
        "U.S. Defense Commitments and Japan’s Security",
    ]
    lead, energy, defense = sections
    assert ARTICLE[lead.start : lead.end] == "Leaders met on Thursday. They talked for an hour."
    assert ARTICLE[energy.heading_start : energy.heading_end] == energy.title
    assert [ARTICLE[p.start : p.end] for p in energy.paragraphs] == [
        "Japan buys gas. It wants more.",
        "A second paragraph follows a blank line.",
    ]
    assert ARTICLE[defense.start : defense.end].endswith("Troops remain.")


def test_markdown_headings_and_no_lead_when_text_starts_with_a_heading():
    text = "# Main story\nBody text here.\n## Background\nMore text."
    sections = split_sections(text, **SECTIONING)
    assert [s.title for s in sections] == ["Main story", "Background"]
    assert sections[0].start == 0


def test_detection_off_gives_one_untitled_section():
    sections = split_sections(ARTICLE, detect_headings=False, line_breaks=PREPARE["line_breaks"])
    assert len(sections) == 1
    assert sections[0].title == ""
    assert len(sections[0].paragraphs) == 6


def test_a_closing_title_like_line_is_a_paragraph():
    sections = split_sections("Body one.\nThe End", **SECTIONING)
    assert [s.title for s in sections] == [""]
    assert len(sections[0].paragraphs) == 2


def test_a_heading_after_a_full_wrapped_line_stays_a_heading():
    text = (
        "Negotiators from Brazil met on Tuesday to discuss chips and market\n"
        "access, and officials from the two countries said they were close to a\n"
        "deal on semiconductors, market access and new investment in the region.\n"
        "Investment in New Technology\n"
        "Shares of a software start-up rose 12 percent after the announcement,\n"
        "traders said.\n"
    )
    sections = split_sections(text, line_breaks="wrap", detect_headings=PREPARE["detect_headings"])
    assert [s.title for s in sections] == ["", "Investment in New Technology"]
    assert [text[p.start : p.end].count("\n") for s in sections for p in s.paragraphs] == [2, 1]
    assert (
        len(
            split_sections(
                text, line_breaks="paragraph", detect_headings=PREPARE["detect_headings"]
            )[1].paragraphs
        )
        == 2
    )
    # Without heading detection the title line is joined to the full line before it.
    assert [s.title for s in split_sections(text, detect_headings=False, line_breaks="wrap")] == [
        ""
    ]
