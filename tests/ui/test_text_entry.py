"""Text fields take a burst of keys (a fast typist, tmux, ssh) in the order it was typed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, TextArea

from briefing.ui.widgets.text_entry import LineInput, TextEditor
from tests.ui.helpers import burst


class Form(Vertical):
    """A parent with a key of its own, as the search view has its arrows."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "note_value", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextEditor(id="text", tab_behavior="focus")
        yield LineInput(id="line")

    def action_note_value(self) -> None:
        self.seen.append(self.query_one(LineInput).value)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Form()


async def test_a_backspace_in_a_burst_deletes_what_was_typed_before_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        line = app.query_one(LineInput)
        line.focus()
        await pilot.pause()
        burst(app, *"rockex", "backspace", "t")
        await pilot.pause(0.1)
        assert line.value == "rocket"


async def test_clearing_the_line_and_typing_anew_in_one_burst_keeps_the_new_text() -> None:
    app = Host()
    async with app.run_test() as pilot:
        line = app.query_one(LineInput)
        line.focus()
        await pilot.press(*"rocket")
        burst(app, "ctrl+u", *"khazali")
        await pilot.pause(0.1)
        assert line.value == "khazali"


async def test_the_text_box_takes_a_correction_in_order_too() -> None:
    app = Host()
    async with app.run_test() as pilot:
        text = app.query_one(TextEditor)
        text.focus()
        await pilot.pause()
        burst(app, *"rockex", "backspace", *"t at", "enter", *"dawn", "left", "left", "backspace", "r")
        await pilot.pause(0.1)
        assert text.text == "rocket at\ndrwn"


async def test_keys_after_a_tab_go_to_the_field_it_moved_to() -> None:
    app = Host()
    async with app.run_test() as pilot:
        app.query_one(TextEditor).focus()
        await pilot.pause()
        burst(app, *"ab", "tab", *"cd", "backspace", "e", "shift+tab", "f")
        await pilot.pause(0.1)
        assert app.query_one(TextEditor).text == "abf"
        assert app.query_one(LineInput).value == "ce"


async def test_a_parents_key_in_the_burst_acts_in_its_turn() -> None:
    app = Host()
    async with app.run_test() as pilot:
        app.query_one(LineInput).focus()
        await pilot.pause()
        burst(app, "a", "down", *"bc", "down")
        await pilot.pause(0.1)
        assert app.query_one(Form).seen == ["a", "abc"]


async def test_they_are_still_an_input_and_a_text_area_to_queries_and_styles() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.query_one(Input) is app.query_one(LineInput)
        assert app.query_one(TextArea) is app.query_one(TextEditor)
        assert app.query_one(LineInput).outer_size.height == 3, "Input's own style: a line inside a tall border"
