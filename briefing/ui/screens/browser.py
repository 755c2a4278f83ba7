"""The main screen: navigation, the list (or chart) of the current view, the open entry, history.

Everything that moves the reader goes through :meth:`BrowserScreen.go`,
which records the place in the history and shows it; back and forward show
a recorded place again.  Moving the cursor in a list changes the current
place rather than adding one, so back returns to the entry you had open,
not to every row you passed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Input

from briefing.errors import NotFoundError
from briefing.library import Library
from briefing.model.ids import kind_of
from briefing.model.saved_searches import SavedSearch
from briefing.model.vocabulary import EntityKind
from briefing.notebook import Notebook
from briefing.outline import outline
from briefing.ui.commands import habit_commands, view_commands
from briefing.ui.history import History
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.places import (
    BRIEFING_VIEWS,
    LIST_VIEWS,
    Place,
    View,
    briefing_in_reach,
    place_of,
    start_place,
    still_there,
    trail,
    view_title,
)
from briefing.ui.screens.browser_editor import ExternalNotes
from briefing.ui.screens.browser_export import Exporter, Exporting
from briefing.ui.screens.browser_habits import EntryHabits
from briefing.ui.screens.browser_hits import HitStepping
from briefing.ui.screens.browser_keys import BROWSER_KEYS
from briefing.ui.screens.browser_news import Reading
from briefing.ui.screens.browser_pins import Pinning
from briefing.ui.screens.browser_searches import Counter, SavedSearches
from briefing.ui.view_widgets import HINTS, TALL_VIEWS, VIEW_WIDGETS, HasCursor, Selects, widget_id
from briefing.ui.widgets.breadcrumb import Breadcrumb
from briefing.ui.widgets.detail_view import DetailView
from briefing.ui.widgets.entry_list import EntryList
from briefing.ui.widgets.entry_table import EntryTable
from briefing.ui.widgets.navigation import Navigation
from briefing.ui.widgets.news_list import NewsList
from briefing.ui.widgets.notes_list import NotesList
from briefing.ui.widgets.search_view import Searcher, SearchView

if TYPE_CHECKING:
    from briefing.ui.widgets.timeline_view import TimelineView

NARROW_BELOW = 100
"""Below this width the navigation starts hidden (ctrl+b, or a click on ≡, shows it)."""

SHORT_BELOW = 32
"""Below this height the timeline and network take most of it, leaving the entry a few lines."""

EMPTY_HINT = "Nothing to show here."

NOTHING_MATCHES = "No row of this list holds every word of the filter: escape clears it."


class BrowserScreen(EntryHabits, ExternalNotes, HitStepping, Exporting, SavedSearches, Pinning, Reading):
    CSS_PATH = "browser.tcss"

    BINDINGS: ClassVar[list[BindingType]] = BROWSER_KEYS

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall-screen")]

    def __init__(
        self,
        library: Library,
        notebook: Notebook,
        *,
        recent_queries: Sequence[str] = (),
        search: str | None = None,
        history: History[Place] | None = None,
        exporter: Exporter | None = None,
        saved: Sequence[SavedSearch] = (),
        pins_file: Path | None = None,
        unread_file: Path | None = None,
    ) -> None:
        """``recent_queries``: the search history, oldest first; ``search``: open with search showing this
        query (typed while the library loaded); ``history``: go on from there (the library was reloaded);
        ``exporter``: writes what the reader exports; ``saved``: the reader's saved searches; ``pins_file``,
        ``unread_file``: where the pins and unread marks are kept."""
        super().__init__(library, notebook)
        self.exporter = exporter
        self.saved = tuple(saved)
        self.pins_file = pins_file
        self.unread_file = unread_file
        self.recent_queries = recent_queries
        self._searcher: Searcher | None = None
        self._opening_search = search
        self.history: History[Place] = History()
        if history is not None:
            self.history = history.rewritten(lambda place: still_there(library, place))
        self._history_keys = (False, False)

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="breadcrumb")
        with Horizontal(id="body"):
            yield Navigation(id="navigation")
            with Vertical(id="content"):
                with ContentSwitcher(id="views", initial="entries"):
                    yield EntryList(id="entries")
                yield DetailView(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self._parts_gone:
            return
        library = self.library
        navigation = self.navigation
        navigation.border_title = Text("Library")
        navigation.show_library(library, current=next(iter(library.briefings), None))
        self.notes_node = navigation.add_entry(Text("Notes"), Place(View.NOTES))
        self.update_notes_count()
        self.show_news_node()
        if self.unread_file is not None:
            self.read_marks(self.unread_file)
        self.show_saved(self.saved)
        if self.pins_file is not None:
            self.read_pins(self.pins_file)
        if self.history.present is None:
            self.go(start_place(library))
        else:
            self._show(self.history.present)
        self.table.focus()
        if self._opening_search is not None:
            self.open_search(self._opening_search)

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns the footer's room goes to the view's keys; ctrl+p still opens the palette (help says)."""
        footer, wide = self.query_one(Footer), event.size.width >= NARROW_BELOW
        if footer.show_command_palette != wide:
            footer.show_command_palette = wide
            footer.refresh(recompose=True)

    # -- parts ---------------------------------------------------------------

    @property
    def _parts_gone(self) -> bool:
        """The app quit while a reloaded library's browser was being put in, or a change was on its way to it:
        the screen may still be attached, its panes are not."""
        return not self.is_attached or not self.query(DetailView)

    @property
    def entry_list(self) -> EntryList:
        return self.query_one("#entries", EntryList)

    @property
    def table(self) -> EntryTable:
        return self.entry_list.table

    @property
    def detail(self) -> DetailView:
        return self.query_one("#detail", DetailView)

    @property
    def navigation(self) -> Navigation:
        return self.query_one("#navigation", Navigation)

    @property
    def views(self) -> ContentSwitcher:
        return self.query_one("#views", ContentSwitcher)

    @property
    def place(self) -> Place | None:
        """Where the reader is."""
        return self.history.present

    @property
    def open_entry(self) -> str | None:
        """The id of the open entry, if any (what ``a`` annotates)."""
        return self.place.entry_id if self.place else None

    @property
    def shown_view(self) -> Widget:
        """The widget in the list area: the entry table, the timeline, the network, ..."""
        current = self.views.current
        return self.views.get_child_by_id(current) if current else self.table

    # -- moving --------------------------------------------------------------

    def go(self, place: Place, *, record: bool = True) -> None:
        """Show ``place``; with ``record``, as a new step in the history."""
        if record:
            self.history.visit(place)
            self.entry_opened(place.entry_id)
        self._show(place)

    def open(self, entity_id: str) -> bool:
        """Open any entry by id, in the current view when it can show it; False if unknown."""
        place = place_of(self.library, entity_id, self.place)
        if place is None:
            self.notify(f"{entity_id} is not in the library", severity="warning", markup=False)
            return False
        self.go(place)
        return True

    def _show(self, place: Place) -> None:
        kind = LIST_VIEWS.get(place.view)
        content = self.query_one("#content")
        content.set_class(place.view in TALL_VIEWS, "-tall")
        was_in_views = self.focused is not None and self.views in self.focused.ancestors
        before = self.views.current
        if kind is not None:
            self.views.current = "entries"
            self.entry_list.show(self.library, kind, place.briefing_id, select=place.entry_id)
            # A list still being sorted says which row the cursor is on when it arrives (Highlighted).
            if not self.table.sorting and (place.entry_id is None or self.table.cursor_id != place.entry_id):
                place = place.with_entry(self.table.cursor_id)
                self.history.replace(place)
        else:
            widget = self._view_widget(place.view, place.briefing_id)
            if isinstance(widget, NotesList):
                widget.show(self.all_notes(), self.library)
            elif isinstance(widget, NewsList):
                widget.show(self.library, self.unread)
            elif isinstance(widget, Selects) and place.entry_id is not None:
                widget.select(place.entry_id)  # back, forward or a link: the cursor on the place's entry
            self.views.current = widget.id
        if was_in_views and self.views.current != before:
            self.call_after_refresh(self.shown_view.focus)
        self.views.border_title = Text(view_title(self.library, place))
        self._show_entry(place)
        self.navigation.mark(place)
        self._update_breadcrumb()
        self._refresh_history_keys()

    def _refresh_history_keys(self) -> None:
        """Back and forward show as unavailable at either end (redrawing the footer is not free)."""
        state = (self.history.can_go_back, self.history.can_go_forward)
        if state != self._history_keys:
            self._history_keys = state
            self.refresh_bindings()

    def show_widget(self, widget: Widget, title: Text | None = None) -> None:
        """Put ``widget`` in the list area (mounting it the first time), e.g. search results.

        Not a place in the history: opening an entry from it, or going back,
        shows the places as usual; showing it again is one call.
        """
        if widget.parent is not self.views:
            self.views.mount(widget)
        self.views.current = widget.id
        self.views.border_title = title
        self.query_one("#content").set_class(False, "-tall")

    def _view_widget(self, view: View, briefing_id: str | None) -> Widget:
        wid = widget_id(view, briefing_id)
        try:
            return self.views.get_child_by_id(wid)
        except NoMatches:
            widget = VIEW_WIDGETS[view](self.library, briefing_id, wid)
            self.views.mount(widget)
            return widget

    def entry_notes_changed(self, target: str | None) -> None:
        if self._parts_gone:
            return
        if self.place is not None and (target is None or self.place.entry_id == target):
            self._show_entry(self.place)
        elif (shown := self.detail.outline) is not None and shown.id == target:
            self._show_in_detail(target)  # an entry a list's cursor shows (the Notes list's), not the open one

    def _show_entry(self, place: Place) -> None:
        entity_id = place.entry_id
        if entity_id is None:
            self.detail.show(None, HINTS.get(place.view, EMPTY_HINT))
            return
        self._show_in_detail(entity_id)

    def _show_in_detail(self, entity_id: str, reveal: str | None = None) -> None:
        try:
            marks = self.marks_on(entity_id)
            self.detail.show(outline(self.library, entity_id, self.notes_on(entity_id)), reveal=reveal, marks=marks)
        except NotFoundError as exc:
            self.detail.show(None, str(exc))

    def marks_on(self, entity_id: str) -> tuple[str, ...]:
        """The reader's marks on an entry, as the pane's foot says them."""
        return (("unread",) if entity_id in self.unread else ()) + (("pinned",) if entity_id in self.pins else ())

    def marks_changed(self) -> None:
        """Pins or unread marks changed: the lists' marks and the entry's foot say so."""
        pinned = frozenset(self.pins)
        for table in self.query(EntryTable):
            table.mark_rows(self.unread, pinned)
        self.entry_notes_changed(None)

    def _update_breadcrumb(self) -> None:
        if self.place is not None:
            self.query_one(Breadcrumb).show(trail(self.library, self.place))

    # -- what the widgets tell us ------------------------------------------

    @on(Navigation.Selected)
    def _navigation_selected(self, message: Navigation.Selected) -> None:
        message.stop()
        self.go(message.place)
        if self.has_class("-narrow") and self.has_class("-navigation"):
            self.action_toggle_navigation()
        elif message.place.view is not View.BRIEFINGS:
            # A view picked, its keys: down moves in its list.  A briefing picked, the tree keeps them, to go on.
            self._focus_shown_view()

    @on(EntryTable.Highlighted)
    def _table_highlighted(self, message: EntryTable.Highlighted) -> None:
        message.stop()
        place = self.place
        if place is None or place.view not in LIST_VIEWS or place.entry_id == message.entity_id:
            return
        place = place.with_entry(message.entity_id)
        self.history.replace(place)
        self._show_entry(place)
        self._update_breadcrumb()

    @on(EntryTable.Narrowed)
    def _table_narrowed(self, message: EntryTable.Narrowed) -> None:
        """A filter that leaves no row: the entry below would belong to no row, so the pane says why it is empty."""
        message.stop()
        if message.shown == 0 and message.total > 0:
            self.detail.show(None, NOTHING_MATCHES)

    @on(EntryTable.Opened)
    def _opened(self, message: EntryTable.Opened) -> None:
        message.stop()
        place = self.place
        if kind_of(message.entity_id) is EntityKind.BRIEFING:
            # A briefing's overview has nothing to follow: enter goes into it, as the navigation's first view.
            self.show_view(BRIEFING_VIEWS[0], message.entity_id)
            return
        if place is not None and place.entry_id != message.entity_id:
            self.go(place.with_entry(message.entity_id))
        else:
            self.entry_opened(message.entity_id)
        self.call_after_refresh(self._focus_detail)

    @on(OpenEntry)
    def _open_entry(self, message: OpenEntry) -> None:
        message.stop()
        if message.entity_id.startswith("note:"):
            note = self.note(message.entity_id)
            if note is not None:
                self.edit_note(note.target, note)
            return
        # From a link or a search result the reader goes on reading: to the new entry's first link, as enter on a row.
        from_detail = self.focused is not None and self.detail in self.focused.ancestors_with_self
        to_links = from_detail or self._in_search()
        if self.open(message.entity_id) and to_links:
            self.call_after_refresh(self._focus_detail)

    @on(DetailView.Left)
    def _left_detail(self, message: DetailView.Left) -> None:
        message.stop()
        self.shown_view.focus()

    def _focus_detail(self) -> None:
        self.detail.focus_first_link()

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back", "forward", "step_hit") and self._keys_are_text():
            return False  # `[` and `]` are letters there; escape is the way out, and the footer says so
        if action == "back":
            return True if self.history.can_go_back else None
        if action == "forward":
            return self.history.can_go_forward
        if action == "detail_page":
            return bool(self.detail.paged)
        if action == "open_search":
            # A slash is a letter of the query, and of a filter that holds words (in an empty one it starts search).
            focused = self.focused
            return not self._in_search() and not (isinstance(focused, Input) and focused.value)
        return super().check_action(action, parameters)

    def briefing_here(self) -> str | None:
        return briefing_in_reach(self.library, self.place)

    def _keys_are_text(self) -> bool:
        return isinstance(self.focused, Input) or self._in_search()

    def _in_search(self) -> bool:
        return self.focused is not None and any(isinstance(n, SearchView) for n in self.focused.ancestors_with_self)

    def action_detail_page(self, step: int) -> None:
        self.detail.action_page(step)

    def action_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self._show(place)

    def action_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self._show(place)

    def action_timeline(self) -> None:
        """The timeline of the briefing the reader is in (of the whole library if none)."""
        self.show_view(View.TIMELINE, briefing_in_reach(self.library, self.place))

    def show_view(self, view: View, briefing_id: str | None) -> None:
        """Go to a view, as a step in the history, and put the keys in it."""
        self.go(Place(view, briefing_id))
        self._focus_shown_view()

    def _focus_shown_view(self) -> None:
        """Focus the view in the list area once it is composed: a view just mounted has no list yet."""
        view = self.shown_view
        view.call_later(view.focus)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The command palette's ways around: each view of the briefing the reader is in, and the rest."""
        yield from view_commands(self, briefing_in_reach(self.library, self.place))
        yield from habit_commands(self)

    def action_toggle_navigation(self) -> None:
        self.toggle_class("-navigation")
        navigation = self.navigation
        shown = self.has_class("-navigation") == self.has_class("-narrow")
        if shown:
            navigation.focus()
            if self.place is not None:
                self.call_after_refresh(navigation.mark, self.place)
        elif navigation.has_focus:
            self._focus_shown_view()

    def action_open_search(self) -> None:
        """Search over the list area; the query and results stay there for the next ``/``."""
        self.open_search()

    def open_search(self, query: str | None = None) -> None:
        """Show search, with ``query`` in the input if given (else what was there)."""
        try:
            view = self.query_one("#search", SearchView)
        except NoMatches:
            view = SearchView(self._searcher, self.recent_queries, id="search")
        self.show_widget(view, Text("Search"))
        self.call_after_refresh(view.focus_input, query)

    def search_ready(self, search: Searcher, counter: Counter | None = None) -> None:
        self._searcher = search
        for view in self.query(SearchView):
            view.ready(search)
        if counter is not None:
            self.count_with(counter)

    def open_saved(self, search: SavedSearch) -> None:
        self.open_search(search.query)

    @on(SearchView.Left)
    def _search_left(self, message: SearchView.Left) -> None:
        message.stop()
        if self.place is not None:
            self._show(self.place)
        self.shown_view.focus()

    @on(EntryHighlighted)
    def _entry_highlighted(self, message: EntryHighlighted) -> None:
        message.stop()
        entity_id = self.entry_of(message.entity_id)
        if entity_id is not None:
            self._show_in_detail(entity_id, reveal=message.entity_id if entity_id != message.entity_id else None)

    def on_timeline_view_nothing_highlighted(self, message: TimelineView.NothingHighlighted) -> None:
        message.stop()
        self.detail.show(None, HINTS[View.TIMELINE])

    def entry_in_reach(self) -> str | None:
        """The id under the cursor of a view that has one apart from the open entry (the timeline, the
        network, search results), else the open entry's."""
        view = self.shown_view
        under_cursor = view.cursor_id if view is not self.table and isinstance(view, HasCursor) else None
        return under_cursor if under_cursor is not None else self.open_entry
