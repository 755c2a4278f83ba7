"""Actors: names found, kinds from cues and the gazetteer, variants merged, relations drafted."""

from __future__ import annotations

from briefing.ingest.actors import DRAFT_NOTE, Findings, find_actors
from briefing.ingest.name_runs import tokens
from briefing.ingest.text import split_article
from briefing.model.vocabulary import ActorKind, RelationType


def actors_of(*paragraphs: str) -> Findings:
    return find_actors(split_article("Headline\n" + "\n".join(paragraphs)).paragraphs)


def test_variants_of_one_person_merge_with_aliases_and_a_count() -> None:
    found = actors_of(
        "Qais Khazali, once a US detainee, urged militia groups to let the US leave.",
        "Khazali’s group agreed. Later Qais al-Khazali spoke again, and Khazali left.",
    )
    khazali = found.actors["actor:qais-khazali"]
    assert khazali.kind is ActorKind.PERSON
    assert set(khazali.aliases) == {"Khazali", "Qais al-Khazali"}
    assert khazali.mentions == 4
    assert khazali.paragraphs == [1, 2]


def test_a_surname_shared_by_two_people_stays_unmerged() -> None:
    found = actors_of("Ali Hassan met Omar Hassan. Later Hassan said nothing.")
    assert {"actor:ali-hassan", "actor:omar-hassan"} <= set(found.actors)
    assert found.actors["actor:ali-hassan"].mentions == 1


def test_cue_words_give_the_kind() -> None:
    found = actors_of(
        "Kataib Hezbollah and Harakat Hezbollah al-Nujaba attacked. Asaib Ahl al-Haq denied it.",
        "The Ministry of Defense, Mehr News Agency and the Fatah Alliance commented, as did the Fifth Fleet.",
    )
    kinds = {a.id: a.kind for a in found.actors.values()}
    assert kinds["actor:kataib-hezbollah"] is ActorKind.ARMED_GROUP
    assert kinds["actor:harakat-hezbollah-al-nujaba"] is ActorKind.ARMED_GROUP
    assert kinds["actor:asaib-ahl-al-haq"] is ActorKind.ARMED_GROUP
    assert kinds["actor:ministry-of-defense"] is ActorKind.AGENCY
    assert kinds["actor:mehr-news-agency"] is ActorKind.MEDIA
    assert kinds["actor:fatah-alliance"] is ActorKind.COALITION
    assert kinds["actor:fifth-fleet"] is ActorKind.AGENCY


def test_states_are_found_by_name_demonym_and_capital() -> None:
    found = actors_of(
        "Washington warned Tehran. Iranian officials and the Americans met the British.",
        "Pro-Iran and Iranian-backed groups joined the US-Iraq talks.",
    )
    us, iran = found.actors["actor:united-states"], found.actors["actor:iran"]
    assert us.kind is ActorKind.STATE and us.name == "United States"
    assert {"Washington", "Americans", "US"} <= set(us.aliases)
    assert iran.mentions == 4
    assert {"actor:iraq", "actor:united-kingdom"} <= set(found.actors)


def test_a_capital_after_in_or_near_is_a_place_not_its_state() -> None:
    found = actors_of("A convoy was hit in southern Baghdad and near Hillah; Ghaani traveled to Karbala.")
    assert "actor:iraq" not in found.actors
    assert {p.text for p in found.places} >= {"Baghdad", "Hillah", "Karbala"}
    assert not {"actor:hillah", "actor:karbala"} & set(found.actors)


def test_titles_make_a_person_with_a_role_and_an_office() -> None:
    found = actors_of(
        "US Secretary of State Mike Pompeo called. Iraqi Foreign Minister Fuad Hussein went to Iran.",
        "Elliot Abrams, the US special envoy for Iran issues, spoke. A man named Ismael Ghaani arrived.",
    )
    pompeo = found.actors["actor:mike-pompeo"]
    assert (pompeo.kind, pompeo.role) == (ActorKind.PERSON, "US Secretary of State")
    assert [(r.type, r.target, r.note) for r in pompeo.relations] == [
        (RelationType.OFFICIAL_OF, "actor:united-states", DRAFT_NOTE)
    ]
    assert found.actors["actor:fuad-hussein"].role == "Iraqi Foreign Minister"
    assert found.actors["actor:elliot-abrams"].role == "US special envoy for Iran issues"
    assert found.actors["actor:ismael-ghaani"].kind is ActorKind.PERSON


def test_a_role_naming_a_body_means_leading_it() -> None:
    found = actors_of(
        "The head of Iran’s IRGC Aerospace Force, Amir Hajizadeh, spoke.",
        "The successor to IRGC Quds Force head Qasem Soleimani was there.",
        "Another militia head, Akram al-Kaabi of Harakat Hezbollah al-Nujaba, agreed.",
    )
    leads = {(a.id, r.target) for a in found.actors.values() for r in a.relations if r.type is RelationType.LEADS}
    assert leads >= {
        ("actor:amir-hajizadeh", "actor:irgc-aerospace-force"),
        ("actor:qasem-soleimani", "actor:irgc-quds-force"),
        ("actor:akram-al-kaabi", "actor:harakat-hezbollah-al-nujaba"),
    }
    assert found.actors["actor:qasem-soleimani"].role == "head of IRGC Quds Force"


def test_a_possessive_drafts_a_relation() -> None:
    found = actors_of(
        "Hadi al-Amiri’s Fatah Alliance objected. Qais Khazali spoke; Khazali’s Asaib Ahl al-Haq agreed.",
        "Iran’s Mehr News Agency published a video.",
    )
    amiri = found.actors["actor:hadi-al-amiri"]
    assert [(r.type, r.target, r.note) for r in amiri.relations] == [
        (RelationType.LEADS, "actor:fatah-alliance", DRAFT_NOTE)
    ]
    assert amiri.role == "leader of Fatah Alliance"
    assert (RelationType.LEADS, "actor:asaib-ahl-al-haq") in {
        (r.type, r.target) for r in found.actors["actor:qais-khazali"].relations
    }
    assert (RelationType.PART_OF, "actor:iran") in {
        (r.type, r.target) for r in found.actors["actor:mehr-news-agency"].relations
    }


def test_particles_stay_inside_names() -> None:
    found = actors_of("Osama bin Laden and Adil ‘Abd al-Mahdi were named, with Muqtada al-Sadr.")
    assert {"actor:osama-bin-laden", "actor:adil-abd-al-mahdi", "actor:muqtada-al-sadr"} <= set(found.actors)


def test_capitalised_words_that_name_no_actor_are_left_out() -> None:
    found = actors_of(
        "Convoys were attacked. The Ministry said nothing.",
        "The US sent six Bradley Fighting Vehicles and IEDs were found on Monday in September.",
    )
    assert set(found.actors) == {"actor:united-states"}


def test_tokens_split_off_possessives_and_keep_abbreviations() -> None:
    words = tokens("Khazali’s U.S. visit; Gen. Smith’s men and the convoys’ drivers.")
    assert [(t.text, t.possessive) for t in words] == [
        ("Khazali", True),
        ("U.S.", False),
        ("visit", False),
        ("Gen.", False),
        ("Smith", True),
        ("men", False),
        ("and", False),
        ("the", False),
        ("convoys", True),
        ("drivers", False),
    ]


def test_mentions_point_at_the_name_in_its_paragraph() -> None:
    article = split_article("Headline\nIn Iraq, Muqtada al-Sadr condemned the attack.")
    found = find_actors(article.paragraphs)
    text = article.paragraphs[0].text
    for mention in found.mentions:
        assert text[mention.start : mention.end] == mention.text
