"""Every use of Textual's private API, in one place, each with why no public API serves.

Textual keeps no promise about these names from one release to the next, so
they are gathered here, and ``tests/ui/test_textual_compat.py`` checks each
one (that it still exists, with the signature and the behaviour relied on)
so that raising the textual pin fails there, loudly, rather than as a key
lost in a burst or a frame counted twice.  ``tests/test_project.py`` keeps
every other module of ``briefing/`` and ``tests/`` off Textual's private
names.  The pin in pyproject.toml is the release these were checked on.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from textual.app import App
from textual.geometry import Size
from textual.notifications import Notification
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip


async def check_bindings(app: App[object], key: str) -> bool:
    """Run ``key``'s bindings as the app does for a key no widget took: the focused widget's, then each parent's.

    Returns whether a binding ran.  Each action may decline (``SkipAction``)
    and pass the key on to the next.  Why private: the text fields resolve an
    editing key where it arrives (``briefing.ui.widgets.text_entry``) rather
    than after it has bubbled up to the app, and Textual has no public call
    that runs the binding chain for a key: ``App.simulate_key`` and
    ``post_message`` queue the key behind the burst it belongs to, and
    ``Screen.active_bindings`` lists one binding per key, without running it
    or letting it decline.  ``App._check_bindings`` is what the app itself
    runs (non-priority bindings, from the focused widget up to the last
    modal screen).
    """
    return await app._check_bindings(key)


def virtual_size_without_layout() -> Reactive[Size]:
    """``Widget.virtual_size`` as a reactive whose change repaints the widget alone, without a screen layout.

    For a one-line input without a scroll bar (``QueryInput``), whose text
    width nothing else depends on.  Why here: no public option turns off the
    layout Textual asks for on every change of a widget's virtual size
    (``Widget.virtual_size`` is declared ``layout=True``); a subclass
    redeclaring it relies on Textual keeping the value under the attribute's
    name, so that what ``Input`` writes to ``self.virtual_size`` and what
    ``Widget`` sets through ``set_reactive(Widget.virtual_size, …)`` are one
    value, and on the scroll bars and scrolling reading it from there.
    """
    return Reactive(Size(0, 0), layout=False)


def on_frame(app: App[object], drawn: Callable[[], None]) -> None:
    """Call ``drawn()`` after each frame ``app`` paints from now on (headless or not), as the terminal gets it.

    For the bench and the one-frame tests.  Why private: Textual has no
    public hook or signal for a painted frame; every update goes through
    ``App._display`` (which draws nothing while a ``batch_update`` is held,
    ``App._batch_count`` above zero), so a wrapper of it sees each frame.
    """
    display = app._display

    def record(screen: Screen[object], renderable: RenderableType | None) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            drawn()

    app._display = record  # type: ignore[method-assign]


def screen_strips(app: App[object]) -> list[Strip]:
    """The lines the terminal shows, with their styles, top to bottom.

    For tests that read the screen.  Why private: the public
    ``App.export_screenshot`` gives the same render only as SVG, positioned
    glyph runs that do not read back into lines reliably (wide characters);
    it renders from ``Screen._compositor``, as this does.
    """
    return app.screen._compositor.render_strips()


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    return "\n".join(strip.text for strip in screen_strips(app))


def notifications(app: App[object]) -> list[Notification]:
    """The notices ``app.notify`` has shown and not yet timed out or cleared, oldest first.

    For tests of what the browser says.  Why private: Textual keeps them in
    ``App._notifications`` and has no public reader; the toasts on screen
    are cut to their width and go after a timeout.
    """
    return list(app._notifications)


def dismiss(app: App[object], notification: Notification) -> None:
    """Take ``notification`` off the screen before its time (nothing if it has gone already).

    For a notice a later step makes untrue: "Note deleted" once undo has
    brought the note back.  Why private: Textual has no public call that
    removes one notice (a click on its toast does it through
    ``App._unnotify``), and ``App.clear_notifications`` takes every other
    notice with it.
    """
    if notification in app._notifications:
        app._unnotify(notification)
