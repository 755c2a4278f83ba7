"""Claims: who says what, read from reporting verbs; the author's own analysis as assessments."""

from __future__ import annotations

from datetime import date

from briefing.ingest.actors import find_actors
from briefing.ingest.claims import DraftClaim, find_claims, tidy
from briefing.ingest.dates import find_dates
from briefing.ingest.text import split_article
from briefing.model.vocabulary import ClaimKind

ARTICLE = date(2020, 9, 28)


def claims_of(*paragraphs: str) -> list[DraftClaim]:
    article = split_article("Headline\n" + "\n".join(paragraphs))
    dates, _ = find_dates([p.text for p in article.paragraphs], ARTICLE, first_paragraph=1)
    return find_claims(article.paragraphs, find_actors(article.paragraphs), dates)


def test_said_attributes_the_reported_content_to_the_subject() -> None:
    (claim,) = claims_of("Qais Khazali said on September 27 that Iraq should not investigate the attacks.")
    assert claim.attributed_to == ("actor:qais-khazali",)
    assert claim.kind is ClaimKind.STATEMENT
    assert claim.text == "Iraq should not investigate the attacks."
    assert claim.about == ("actor:iraq",)
    assert claim.when is not None and claim.when.label == "27 Sep 2020"
    assert claim.paragraph == 1


def test_the_verb_gives_the_kind() -> None:
    claims = claims_of(
        "Kataib Hezbollah warned the US to leave.",
        "Asaib Ahl al-Haq denied any role in the attack.",
        "Elliot Abrams, the US special envoy, said the US would announce new sanctions on Iran.",
        "Iran threatened to respond.",
    )
    assert [(c.attributed_to, c.kind) for c in claims] == [
        (("actor:kataib-hezbollah",), ClaimKind.THREAT),
        (("actor:asaib-ahl-al-haq",), ClaimKind.DENIAL),
        (("actor:elliot-abrams",), ClaimKind.INTENT),
        (("actor:iran",), ClaimKind.THREAT),
    ]
    assert claims[0].text == "Kataib Hezbollah warned the US to leave."


def test_according_to_makes_a_report_by_whoever_is_named() -> None:
    (claim,) = claims_of("Ismael Ghaani traveled to Karbala, according to video published at Iran’s Mehr News Agency.")
    assert claim.kind is ClaimKind.REPORT
    assert claim.attributed_to == ("actor:mehr-news-agency",)
    assert claim.text == "Ismael Ghaani traveled to Karbala."


def test_a_body_named_with_its_leader_speaks_for_itself() -> None:
    (claim,) = claims_of("Qais Khazali left. Khazali’s Asaib Ahl al-Haq said Iraq should not investigate the attacks.")
    assert claim.attributed_to == ("actor:asaib-ahl-al-haq",)


def test_a_person_in_the_subject_is_the_speaker_not_the_body_in_the_role() -> None:
    (claim,) = claims_of("The head of Iran’s IRGC Aerospace Force, Amir Hajizadeh, said Iran had many missiles.")
    assert claim.attributed_to == ("actor:amir-hajizadeh",)
    assert claim.about == ("actor:iran",)


def test_a_leading_subordinate_clause_is_not_the_subject() -> None:
    claims = claims_of(
        "While Qais Khazali was giving this explanation, Akram al-Kaabi also said its missile arsenal was ready, "
        "a hint that it could strike US assets."
    )
    assert [(c.attributed_to, c.kind) for c in claims] == [
        (("actor:akram-al-kaabi",), ClaimKind.STATEMENT),
        ((), ClaimKind.ASSESSMENT),
    ]
    assert claims[0].text == "Akram al-Kaabi said its missile arsenal was ready."
    assert claims[1].text == "It could strike US assets."


def test_clauses_joined_by_and_each_have_their_speaker() -> None:
    claims = claims_of("Muqtada al-Sadr condemned the attacks, and Dallah al-Fayyadh agreed.")
    assert [(c.attributed_to, c.text) for c in claims] == [
        (("actor:muqtada-al-sadr",), "Muqtada al-Sadr condemned the attacks."),
        (("actor:dallah-al-fayyadh",), "Dallah al-Fayyadh agreed."),
    ]


def test_analysis_without_a_speaker_is_the_sources_assessment() -> None:
    claims = claims_of(
        "Clearly, the militias have advance knowledge of the convoys’ locations.",
        "But the drivers are rarely harmed, indicating the attackers do not want casualties.",
    )
    assert [(c.attributed_to, c.kind) for c in claims] == [((), ClaimKind.ASSESSMENT), ((), ClaimKind.ASSESSMENT)]
    assert claims[0].text == "The militias have advance knowledge of the convoys’ locations."


def test_a_verb_without_an_actor_subject_is_no_claim() -> None:
    assert claims_of("The drivers said nothing happened.", "Officials warned of more attacks.") == []


def test_a_claims_date_comes_from_its_sentence_or_earlier_in_its_paragraph() -> None:
    claims = claims_of(
        "In June, Iran said the talks had failed. Then Iraq said it disagreed.",
        "Jordan said it would help. It happened in March.",
    )
    assert [c.when.label if c.when else None for c in claims] == ["Jun 2020", "Jun 2020", None]


def test_tidy_makes_one_sentence() -> None:
    assert tidy("  that the   US would leave ") == "That the US would leave."
    assert tidy("") == ""
