"""The private Textual names ``briefing.ui.textual_compat`` relies on are still there and still do what it needs.

Each test names the internal it guards; one failing after a textual upgrade
says which part of the compat module to rewrite (or drop, if Textual now
offers a public way).
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.notifications import Notification
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from briefing.ui import textual_compat
from briefing.ui.widgets.query_input import QueryInput
from briefing.ui.widgets.text_entry import LineInput


def _parameters(function: Any) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values()]


class Leaf(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "mine", show=False),
        Binding("y", "decline", show=False),
        Binding("p", "mine", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__("leaf text")
        self.ran: list[str] = []

    def action_mine(self) -> None:
        self.ran.append("leaf")

    def action_decline(self) -> None:
        raise SkipAction()


class Parent(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "parents", show=False), Binding("z", "parents", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Leaf()
        yield LineInput(id="line")
        yield QueryInput(id="query")

    def action_parents(self) -> None:
        self.ran.append("parent")


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Parent()


def test_app_check_bindings_is_the_coroutine_the_compat_module_calls() -> None:
    assert inspect.iscoroutinefunction(App._check_bindings)
    assert _parameters(App._check_bindings) == [
        ("self", inspect.Parameter.empty),
        ("key", inspect.Parameter.empty),
        ("priority", False),
    ]


async def test_check_bindings_runs_the_focused_widgets_binding_then_its_parents() -> None:
    app = Host()
    async with app.run_test() as pilot:
        leaf, parent = app.query_one(Leaf), app.query_one(Parent)
        leaf.focus()
        await pilot.pause()
        assert await textual_compat.check_bindings(app, "x") is True
        assert await textual_compat.check_bindings(app, "z") is True, "a parent's binding is found from the focused"
        assert await textual_compat.check_bindings(app, "y") is True, "the leaf's action declined; the parent's ran"
        assert await textual_compat.check_bindings(app, "q") is False
        assert await textual_compat.check_bindings(app, "p") is False, "priority bindings are the app's to run first"
        assert (leaf.ran, parent.ran) == (["leaf"], ["parent", "parent"])


def test_widget_virtual_size_is_a_reactive_that_asks_for_a_layout() -> None:
    declared = Widget.__dict__["virtual_size"]
    assert isinstance(declared, Reactive)
    assert declared._layout is True, "if Textual stops laying out on it, virtual_size_without_layout can go"
    ours = QueryInput.__dict__["virtual_size"]
    assert isinstance(ours, Reactive) and ours._layout is False


async def test_a_query_inputs_keystroke_lays_out_nothing_and_its_width_still_follows_its_text() -> None:
    app = Host()
    async with app.run_test() as pilot:
        layouts: dict[str, int] = {"line": 0, "query": 0}
        for field in app.query(Input):
            original = field.refresh

            def counted(*regions: Any, _name: str = str(field.id), _original: Any = original, **flags: Any) -> Any:
                layouts[_name] += bool(flags.get("layout"))
                return _original(*regions, **flags)

            field.refresh = counted  # type: ignore[method-assign]
        for name in layouts:
            app.query_one(f"#{name}", Input).focus()
            await pilot.press(*"rocket")
        assert layouts["line"] > 0, "a plain Input asks for a layout as its text grows"
        assert layouts["query"] == 0
        query = app.query_one("#query", QueryInput)
        assert query.virtual_size == Size(query.content_width, 1), "Input's writes reach the redeclared reactive"
        query.set_reactive(Widget.virtual_size, Size(7, 1))
        assert query.virtual_size == Size(7, 1), "Widget's writes and ours are one value"


def test_app_display_and_batch_count_are_what_on_frame_wraps() -> None:
    assert _parameters(App._display) == [
        ("self", inspect.Parameter.empty),
        ("screen", inspect.Parameter.empty),
        ("renderable", inspect.Parameter.empty),
    ]
    assert App()._batch_count == 0


async def test_on_frame_sees_a_painted_frame_and_none_while_a_batch_update_holds_them() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        frames: list[int] = []
        textual_compat.on_frame(app, lambda: frames.append(len(frames)))
        leaf = app.query_one(Leaf)
        leaf.update("changed")
        await pilot.pause()
        assert frames, "a change paints a frame"
        with app.batch_update():
            seen = len(frames)
            leaf.update("changed again")
            await pilot.pause()
            assert len(frames) == seen, "nothing paints inside a batch"
        await pilot.pause()
        assert len(frames) > seen


async def test_screen_strips_are_the_screens_rows_as_the_terminal_shows_them() -> None:
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Screen)
        strips = textual_compat.screen_strips(app)
        assert len(strips) == 10 and all(isinstance(strip, Strip) for strip in strips)
        assert strips[0].text.startswith("leaf text")
        assert textual_compat.screen_text(app).splitlines()[0] == strips[0].text


async def test_notifications_are_the_notices_shown_oldest_first() -> None:
    app = Host()
    async with app.run_test() as pilot:
        app.notify("first")
        app.notify("second", severity="warning")
        await pilot.pause()
        shown = textual_compat.notifications(app)
        assert all(isinstance(notice, Notification) for notice in shown)
        assert [(n.message, n.severity) for n in shown] == [("first", "information"), ("second", "warning")]
        app.clear_notifications()
        assert textual_compat.notifications(app) == []


def test_app_unnotify_takes_one_notification() -> None:
    assert [name for name, _ in _parameters(App._unnotify)] == ["self", "notification", "refresh"]


async def test_dismiss_takes_one_notice_off_the_screen_and_leaves_the_others() -> None:
    from textual.notifications import Notify

    app = Host()
    async with app.run_test(notifications=True) as pilot:
        gone = Notification("to go", "", "information", 30)
        app.post_message(Notify(gone))
        app.notify("to stay")
        await pilot.pause()
        assert [n.message for n in textual_compat.notifications(app)] == ["to go", "to stay"]
        textual_compat.dismiss(app, gone)
        await pilot.pause()
        assert [n.message for n in textual_compat.notifications(app)] == ["to stay"]
        assert "to go" not in textual_compat.screen_text(app) and "to stay" in textual_compat.screen_text(app)
        textual_compat.dismiss(app, gone)  # gone already: nothing happens
