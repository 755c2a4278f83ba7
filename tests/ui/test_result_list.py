"""The list of search hits: two lines a hit, cut to fit, keys and clicks, content shown literally."""

from __future__ import annotations

from textual.app import App, ComposeResult

from briefing.model.vocabulary import EntityKind
from briefing.search.results import SearchHit
from briefing.ui.textual_compat import screen_strips
from briefing.ui.widgets.result_list import ResultList


def _hit(n: int, title: str = "", snippet: str = "", date: str = "") -> SearchHit:
    return SearchHit(
        id=f"actor:a{n}",
        kind=EntityKind.ACTOR,
        title=title or f"Actor number {n}",
        snippet=snippet or f"mentioned in passage {n}",
        score=1.0,
        title_spans=((0, 5),),
        date=date,
    )


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []
        self.above_top = 0

    BINDINGS = [("up", "above_top")]

    def compose(self) -> ComposeResult:
        yield ResultList(id="hits")

    def on_result_list_chosen(self, message: ResultList.Chosen) -> None:
        self.chosen.append(message.entity_id)

    def action_above_top(self) -> None:
        """Up from the first hit is left to the list's parents (here, the app)."""
        self.above_top += 1


def _rows(app: App[None]) -> list[str]:
    return [strip.text.strip() for strip in screen_strips(app)]


async def test_hits_show_two_lines_each_and_keys_move_and_open() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        hits = app.query_one(ResultList)
        hits.show([_hit(n) for n in range(30)])
        hits.focus()
        await pilot.pause()
        rows = _rows(app)
        assert rows[0].startswith("actor    Actor number 0")
        assert rows[1].startswith("mentioned in passage 0")
        assert rows[2].startswith("actor    Actor number 1")
        await pilot.press("down", "down", "enter")
        assert app.chosen == ["actor:a2"]
        await pilot.press("end")
        await pilot.pause()
        assert hits.cursor_id == "actor:a29"
        assert any(row.startswith("actor    Actor number 29") for row in _rows(app)), "the cursor scrolls into view"
        await pilot.press("home", "up")
        assert app.above_top == 1


async def test_a_click_opens_the_hit_under_the_pointer() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        app.query_one(ResultList).show([_hit(n) for n in range(3)])
        await pilot.pause()
        await pilot.click(ResultList, offset=(3, 3))
        assert app.chosen == ["actor:a1"]


async def test_long_and_hostile_text_is_cut_to_the_width_and_shown_literally() -> None:
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        hostile = "[@click=app.quit]Click[/] \x1b[31m" + "x" * 200
        app.query_one(ResultList).show([_hit(1, title=hostile, snippet="[b]not bold[/b]")])
        await pilot.pause()
        rows = _rows(app)
        assert "[@click=app.quit]Click[/]" in rows[0]
        assert "\x1b" not in rows[0]
        assert rows[0].endswith("…")
        assert "[b]not bold[/b]" in rows[1]
        assert app.is_running


async def test_a_long_title_is_cut_before_the_date_which_stays_at_the_right() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        long_title = "Rocket embassy patrol council missile militia negotiations report border"
        app.query_one(ResultList).show([_hit(1, title=long_title, date="27 Sep 2020"), _hit(2, date="Sep 2020")])
        await pilot.pause()
        rows = _rows(app)
        assert rows[0].endswith("…  27 Sep 2020")
        assert rows[0].startswith("actor    Rocket embassy")
        assert rows[2].endswith("Sep 2020")
        assert len(rows[0]) == len(rows[2]), "the dates line up at the right"


async def test_on_a_narrow_list_the_title_goes_before_the_date() -> None:
    app = Host()
    async with app.run_test(size=(24, 8)) as pilot:
        app.query_one(ResultList).show([_hit(1, title="Qais Khazali", date="27 Sep 2020")])
        await pilot.pause()
        assert _rows(app)[0].startswith("actor    Qais Khazali")


async def test_a_new_list_starts_at_the_top() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        hits = app.query_one(ResultList)
        hits.show([_hit(n) for n in range(30)])
        hits.focus()
        await pilot.press("end")
        hits.show([_hit(n) for n in range(100, 130)])
        await pilot.pause()
        assert hits.cursor_id == "actor:a100"
        assert _rows(app)[0].startswith("actor    Actor number 100")


async def test_a_new_theme_repaints_the_hits_in_its_colours() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        hits = app.query_one(ResultList)
        hits.show([_hit(n) for n in range(3)])
        await pilot.pause()

        def background() -> object:
            segments = list(screen_strips(app)[3])
            return segments[-1].style.bgcolor if segments[-1].style else None

        before = background()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        assert background() != before
