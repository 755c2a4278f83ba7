"""Paragraphs and sentences: what a reader of the article would count."""

from __future__ import annotations

from briefing.ingest.text import split_article, split_sentences


def test_one_paragraph_per_line_after_the_headline() -> None:
    article = split_article("Headline here\nFirst paragraph.\nSecond paragraph.\n")
    assert article.title == "Headline here"
    assert [(p.number, p.text) for p in article.paragraphs] == [(1, "First paragraph."), (2, "Second paragraph.")]


def test_blank_lines_separate_paragraphs_and_hard_wrapped_lines_join() -> None:
    text = (
        "Headline\n\n"
        "The first paragraph is long enough that it was wrapped by the\n"
        "mail client at a fixed width, so its lines belong together as\n"
        "one paragraph.\n\n"
        "A second one.\n"
    )
    article = split_article(text)
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.startswith("The first paragraph is long enough that it was wrapped by the mail")
    assert article.paragraphs[1].text == "A second one."


def test_photo_captions_and_the_standfirst_above_them_are_not_numbered() -> None:
    text = (
        "Big story headline\n\n"
        "A standfirst that sums the story up.\n\n"
        "Soldiers stand guard at a checkpoint near the border in the early light of a cold day (photo credit: AGENCY)\n"
        "Soldiers stand guard at a checkpoint near the border in the early light of a cold day\n"
        "(photo credit: AGENCY)\n"
        "The body starts here.\n"
        "It goes on.\n"
    )
    article = split_article(text)
    assert [p.text for p in article.paragraphs] == ["The body starts here.", "It goes on."]
    assert article.front_matter == ("A standfirst that sums the story up.",)
    assert len(article.skipped) == 2


def test_a_byline_gives_the_author_and_is_no_paragraph() -> None:
    article = split_article("Headline\nBy Jane Q. Writer\nThe body.\n")
    assert article.author == "Jane Q. Writer"
    assert [p.text for p in article.paragraphs] == ["The body."]


def test_control_characters_never_survive() -> None:
    article = split_article("Head\x1b[31mline\nBody \x9b text\u202e here.\n")
    assert "\x1b" not in article.title
    assert article.paragraphs[0].text == "Body text here."


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = "Gen. Smith met Mr. Jones in the U.S. capital on Sept. 5. They talked. Then the U.S. The end."
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Smith met Mr. Jones in the U.S. capital on Sept. 5.",
        "They talked.",
        "Then the U.S.",
        "The end.",
    ]


def test_sentence_spans_point_into_the_paragraph() -> None:
    text = "One here. Two “there.” Three?"
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.text for s in split_sentences(text)] == ["One here.", "Two “there.”", "Three?"]


def test_empty_text_has_no_article() -> None:
    assert split_article("  \n\n ").paragraphs == ()
    assert split_article("").title == ""


def test_a_one_paragraph_article_is_all_body_titled_by_its_first_sentence() -> None:
    text = "Qais Khazali said on September 20 that US forces must leave Iraq. Convoys were attacked again.\n"
    article = split_article(text)
    assert [(p.number, p.text) for p in article.paragraphs] == [(1, text.strip())]
    assert article.title == "Qais Khazali said on September 20 that US forces must leave Iraq"


def test_a_first_line_that_is_a_sentence_of_the_body_is_no_headline() -> None:
    long_line = "Qais Khazali, the leader of Asaib Ahl al-Haq, said on September 20 that US forces must leave Iraq"
    for text, first in [
        ("Rockets hit the Green Zone on Monday.\nNo one was hurt.\n", "Rockets hit the Green Zone on Monday."),
        (f"{long_line} and that the attacks on convoys would go on\nNo one was hurt.\n", long_line),
        ("Militias said on Monday that convoys\nwould be hit again, and they were.\n", "Militias said on Monday"),
    ]:
        article = split_article(text)
        assert article.paragraphs[0].number == 1 and article.paragraphs[0].text.startswith(first), text
        assert len(article.title) <= 80 and article.title.rstrip("…") in article.paragraphs[0].text


def test_a_short_first_line_with_text_under_it_is_the_headline() -> None:
    for headline in ("Militias press the US to leave Iraq", "Why the convoys?", "Militias tell the U.S."):
        article = split_article(f"{headline}\n\nThe body starts here.\n")
        assert article.title == headline
        assert [p.text for p in article.paragraphs] == ["The body starts here."]
