"""``briefing search`` as a reader (or a script) runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main, output


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setattr(output, "_stdout", None)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["search", "--no-shipped", "--library", str(small_dir), "--data-dir", str(tmp_path / "d"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_json_is_a_list_of_hits(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("Qaani", "--json")
    assert code == 0 and err == ""
    hits = json.loads(out)
    assert isinstance(hits, list) and hits
    for hit in hits:
        assert {"id", "kind", "title", "snippet", "score"} <= set(hit)
        assert isinstance(hit["score"], float)
    assert hits[0]["id"] == "actor:ghaani" and hits[0]["kind"] == "actor"
    assert hits[0]["title"] == "Esmail Qaani"


def test_scores_are_the_rank_best_first(cli) -> None:  # type: ignore[no-untyped-def]
    hits = json.loads(cli("quds", "--json")[1])
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    # The actor named "Quds Force" outranks the claim that names it among others.
    by_id = {hit["id"]: hit["score"] for hit in hits}
    assert by_id["actor:quds-force"] > by_id["claim:qaani-warns"] > 0


def test_a_word_in_most_entries_still_scores_each_hit(cli) -> None:  # type: ignore[no-untyped-def]
    """bm25 gives such a word next to no weight; the scores are small, but not all 0.0, and keep their order."""
    hits = json.loads(cli("qaani", "--json")[1])
    scores = [hit["score"] for hit in hits]
    assert len(hits) > 2 and all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_on_the_shipped_briefing_the_actor_named_outranks_what_mentions_him(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["search", "khazali", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["id"] == "actor:qais-khazali"
    assert hits[0]["score"] > hits[1]["score"] > hits[-1]["score"] > 0
    assert main(["search", "iraq", "--json"]) == 0  # a word in most of the briefing's entries
    scores = [hit["score"] for hit in json.loads(capsys.readouterr().out)]
    assert all(score > 0 for score in scores) and len(set(scores[1:])) > 1
    assert scores == sorted(scores, reverse=True)


def test_a_listing_by_filters_alone_has_no_score_rather_than_zero(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("kind:event", "--json")
    assert code == 0
    assert [hit["score"] for hit in json.loads(out)] == [None, None, None]


def test_several_words_are_one_query(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("convoy", "Babil", "--json")
    assert code == 0
    assert [h["id"] for h in json.loads(out)] == ["event:convoy-ied"]


def test_limit(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("kind:event", "--limit", "1", "--json")
    assert code == 0 and len(json.loads(out)) == 1


@pytest.mark.parametrize("word", ["all", "ALL"])
def test_limit_all_gives_every_match(cli, word: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("kind:event", "--limit", word, "--json")
    assert (code, err) == (0, "")
    assert sorted(hit["id"] for hit in json.loads(out)) == ["event:beta-visit", "event:convoy-ied", "event:talks"]


@pytest.mark.parametrize(("value", "said"), [("0", "must be 1 or more, or 'all'"), ("some", "a number or 'all'")])
def test_a_limit_that_is_not_a_number_or_all_is_refused(cli, value: str, said: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("kind:event", "--limit", value)
    assert (code, out) == (2, "")
    assert said in err and "Traceback" not in err


def test_with_more_than_shown_the_way_to_all_is_said(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("kind:event", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 2
    assert "use --limit N or --limit all" in err


def test_text_output_is_a_table_of_matches(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("Karbala")
    assert code == 0
    assert "event:beta-visit" in out and "Visit to Karbala" in out and "event" in out


def test_a_malformed_query_is_one_line_and_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    for query in ("kind:bogus", "NEAR(", "OR OR", "from:notadate", "*"):
        code, out, err = cli(query)
        assert code == 2, query
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("briefing: query: column ")
        assert "Traceback" not in err


def test_an_empty_query_says_so_and_exits_2(cli) -> None:  # type: ignore[no-untyped-def]
    for query in ("", "   "):
        code, out, err = cli(query)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "the query is empty" in err


def test_a_query_of_one_argument_may_exclude_words(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("qaani -convoys", "--json")
    assert code == 0 and "claim:qaani-warns" not in [h["id"] for h in json.loads(out)]
    code, out, _ = cli("--json", "--", "-convoys", "qaani")
    assert code == 0 and "claim:qaani-warns" not in [h["id"] for h in json.loads(out)]


def test_kind_bogus_lists_the_kinds(cli) -> None:  # type: ignore[no-untyped-def]
    _, _, err = cli("kind:bogus")
    assert "briefing, source, actor, claim, event, note" in err


def test_no_match_says_so_and_exits_1(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("zanzibar")
    assert (code, out, err) == (1, "", ""), "piped, no match is the exit status alone, as with grep"
    code, out, _ = cli("zanzibar", "--json")
    assert code == 1 and json.loads(out) == []


def test_no_match_offers_what_you_may_have_meant(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("Qods")
    assert code == 1 and "Did you mean: 'Quds'?" in err
    code, _, err = cli("Qods", "--json")
    assert code == 1 and "Did you mean: 'Quds'?" in err


def test_an_unclosed_quote_is_forgiven_with_a_note(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli('"supply convoy', "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "event:convoy-ied"
    assert "closed the quote opened at column 1" in err


def test_on_a_terminal_no_match_says_so(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(output, "_stdout", None)
    code, out, _ = cli("zanzibar")
    assert code == 1 and "No entries match 'zanzibar'." in out


def test_markup_and_escapes_in_a_query_print_literally(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(output, "_stdout", None)
    code, out, err = cli("[bold]\x1b[2Jzanzibar")
    assert code == 1
    assert "\x1b" not in out + err
    assert "[bold]" in out


def test_help_documents_the_language_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--help"]) == 0
    text = capsys.readouterr().out
    assert "actor:khazali" in text and "from:2020-09" in text
    assert "1 nothing matched" in text and "2 the query is malformed" in text
