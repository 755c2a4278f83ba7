"""The Markdown export: what a reader sees, and content that cannot break the structure."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from briefing.export.markdown import MarkdownExporter, block, inline
from briefing.library import Library
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from tests.factories import alpha_tables, beta_tables, make_library_dir

md = MarkdownExporter()
SHIPPED = Path(__file__).resolve().parents[2] / "content"


_serial = itertools.count()


def note(target: str, text: str = "Check this.", **kw: object) -> Note:
    """A note; notes made later in a test sort later, as ULIDs would."""
    fields: dict = {"created": "2024-01-02T10:00:00Z", "updated": "2024-01-02T10:00:00Z", **kw}
    return Note(f"note:{next(_serial):08d}", target, text, **fields)


def test_a_briefing_has_its_sections_in_order(small_library: Library) -> None:
    out = md.render(small_library, [], "briefing:alpha")
    headings = re.findall(r"^#+ .*$", out, flags=re.M)
    assert headings == [
        "# Alpha crisis",
        "## Actors (2)",
        "## Claims (1)",
        "## Timeline (2)",
        "### March 2021",
        "## Sources (1)",
    ]
    assert "A small test briefing." in out


def test_actors_show_kind_role_aliases_and_relations_both_ways(small_library: Library) -> None:
    out = md.render(small_library, [], "briefing:alpha")
    assert "- **Esmail Qaani** (person) — commander of the Quds Force\n" in out
    assert "  - also known as: Ismael Ghaani, Esmaïl Qâani" in out
    assert "  - leads Quds Force" in out
    assert "  - led by Esmail Qaani" in out


def test_a_briefing_shows_its_own_view_of_a_shared_actor(small_library: Library) -> None:
    out = md.render(small_library, [], "briefing:beta")
    assert "- **Esmail Qaani** (person)\n" in out
    assert "also known as: Ghaani" in out
    assert "Ismael Ghaani" not in out


def test_claims_say_when_and_who_makes_them_and_cite_the_source(small_library: Library, tmp_path: Path) -> None:
    out = md.render(small_library, [], "briefing:alpha")
    assert "- **8 Mar 2021** — Esmail Qaani: Qaani says the convoys will be targeted. (threat, reported)\n" in out
    assert "  - about: Quds Force" in out
    assert "  - source: paragraph 2\n" in out  # the briefing's one source, listed under Sources
    t = alpha_tables()
    t["sources"]["source:second"] = {**t["sources"]["source:wire-2021"], "title": "Second report"}
    out = md.render(Library.load([make_library_dir(tmp_path / "lib", t)]), [], "briefing:alpha")
    assert "  - source: *Wire report*, paragraph 2\n" in out  # of two, by title


def test_claims_are_in_date_order_then_id_with_undated_ones_last(tmp_path: Path) -> None:
    t = alpha_tables()
    warns = t["claims"]["claim:qaani-warns"]
    t["claims"]["claim:a-later-claim"] = {**warns, "text": "Said in April.", "date": "2021-04-02"}
    t["claims"]["claim:an-undated-claim"] = {k: v for k, v in warns.items() if k != "date"} | {"text": "Undated."}
    t["claims"]["claim:b-same-day"] = {**warns, "text": "Said the same day."}
    out = md.render(Library.load([make_library_dir(tmp_path / "lib", t)]), [], "briefing:alpha")
    claims = out.split("## Claims (4)")[1].split("## Timeline")[0]
    said = [claims.index(text) for text in ("the same day", "convoys will be targeted", "in April", "Undated.")]
    assert said == sorted(said)


def test_a_brief_names_entries_and_never_shows_an_id() -> None:
    library = Library.load([SHIPPED])
    out = md.render(library, [note("actor:qais-khazali", "A note.")])
    assert re.findall(r"\b(?:actor|briefing|claim|event|source|note):[a-z0-9]", out) == []
    assert "- **Qais Khazali** (person) — leader of Asaib Ahl al-Haq\n" in out
    assert "### Qais Khazali\n" in out
    # Its one source is named once, under Sources; claims and events cite it as "the source", by paragraph.
    assert out.count("US faces crossroads in Iraq with threat of embassy closure") == 1
    assert "— The source: Convoy drivers are seldom hurt" in out


def test_a_paragraph_several_events_share_is_given_once_as_a_footnote() -> None:
    out = md.render(Library.load([SHIPPED]), [])
    lines = out.splitlines()
    repeated = [line for line, count in Counter(lines).items() if count > 1 and len(line) > 60]
    assert repeated == []
    (rockets,) = [line for line in lines if line.startswith("[^") and "rockets were fired" in line]
    label = rockets.split(":", 1)[0]
    assert sum(line.endswith(f" {label}") and "Rocket attack on US targets" in line for line in lines) == 21
    assert out.index(f"24 Jul 2020** — Rocket attack on US targets (Shelling/artillery/missile attack; Iraq) {label}")
    assert out.index(rockets) < out.index("## Sources")


def test_the_timeline_is_grouped_by_month_in_date_order(tmp_path: Path) -> None:
    beta = beta_tables()
    beta["events"]["event:later"] = {**beta["events"]["event:beta-visit"], "date": "2021-05-02", "end": None}
    beta["events"]["event:later"]["title"] = "A later visit"
    library = Library.load([make_library_dir(tmp_path / "lib", beta)])
    out = md.render(library, [], "briefing:beta")
    assert out.index("### March 2021") < out.index("Visit to Karbala") < out.index("### May 2021")
    assert out.index("### May 2021") < out.index("A later visit")
    assert "- **28–29 Mar 2021** — Visit to Karbala (Visit; Karbala)\n" in out


def test_the_whole_library_has_every_briefing(small_library: Library) -> None:
    out = md.render(small_library, [])
    assert out.index("# Alpha crisis") < out.index("# Beta follow-up")


def test_notes_are_grouped_by_briefing_and_entry(small_library: Library) -> None:
    notes = [
        note("actor:quds-force", "First thought."),
        note("event:beta-visit", "Was he there?", flag=NoteFlag.VERIFY, tags=("travel",)),
        note("actor:quds-force", "Second thought."),
        note("actor:gone", "An entry that no longer exists."),
    ]
    out = md.render(small_library, notes)
    alpha, beta = out.split("# Beta follow-up")
    assert "## Notes (2)" in alpha
    assert "### Quds Force\n" in alpha
    assert alpha.index("First thought.") < alpha.index("Second thought.")
    assert "- 2024-01-02 · ⚑ verify · Was he there? #travel" in beta
    assert "## Notes on entries not in the library" in beta
    assert "An entry that no longer exists." in beta
    only_beta = md.render(small_library, notes, "briefing:beta")
    assert "First thought." not in only_beta
    assert "no longer exists" not in only_beta


HOSTILE = "# Heading | cell [link](http://x) ![img](y) <b>html</b> *em* _u_ `code` &amp; ~~s~~"


@pytest.mark.parametrize(
    "value",
    [HOSTILE, "1. ordered", "- bullet", "+ plus", "=====", "> quote", "    indented code", "a\nb", "---"],
)
def test_inline_content_is_literal(value: str) -> None:
    escaped = inline(value)
    assert "\n" not in escaped
    assert not re.match(r"\s*([#>+=*-]|\d+[.)])", escaped)
    for char in "#|[]<>*_`&~":
        assert re.search(rf"(?<!\\){re.escape(char)}", escaped) is None, (char, escaped)


def test_escaping_keeps_the_text_readable() -> None:
    assert inline("Asa'ib Ahl al-Haq (AAH), 5,000 troops.") == "Asa'ib Ahl al-Haq (AAH), 5,000 troops."
    assert inline("# x") == "\\# x"
    assert inline("3. x") == "3\\. x"
    assert block("one\n\n\ntwo\nlines") == "one\n\ntwo lines"


def test_hostile_names_cannot_break_the_document(tmp_path: Path) -> None:
    t = alpha_tables()
    t["actors"]["actor:quds-force"]["name"] = HOSTILE
    t["actors"]["actor:quds-force"]["description"] = "## Not a heading\n\n1. not a list\n- nor this"
    t["briefing"]["briefing:alpha"]["title"] = "Title\n# Injected heading"
    t["events"]["event:talks"]["title"] = "\x1b[31mred\x1b[0m | x"
    library = Library.load([make_library_dir(tmp_path / "lib", t)])
    out = md.render(library, [note("actor:quds-force", "## fake\n\n| a | b |\n|---|---|")])
    headings = re.findall(r"^#+ .*$", out, flags=re.M)
    assert [h.split(" ")[0] for h in headings] == ["#", "##", "##", "##", "###", "##", "##", "###"]
    assert headings[0] == "# Title \\# Injected heading"
    assert "\x1b" not in out
    assert not re.search(r"^\s*\|", out, flags=re.M)
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", out)


def test_a_notes_markdown_is_kept_as_written_and_nothing_in_it_acts(small_library: Library) -> None:
    text = "**AAH leader.** compare _his_ statements\n\n# not a heading\n- one\n- [click](javascript:alert(1)) <b>x</b>"
    out = md.render(small_library, [note("actor:quds-force", text, tags=("aah", "to_check"))])
    assert "**AAH leader.** compare _his_ statements" in out, "the reader's emphasis reads as emphasis"
    assert "#aah #to_check" in out and "\\#aah" not in out, "tags read as the reader typed them"
    assert "\\# not a heading" in out, "a note cannot add a heading to the brief"
    assert "\\[click\\](javascript:alert(1)) \\<b\\>x\\</b\\>" in out, "links and HTML read as written"
    assert "  - one" in out, "the note's list stays under its note"
