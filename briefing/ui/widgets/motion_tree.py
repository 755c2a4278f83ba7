"""A tree with vim's moving keys, for the navigation and the actor network."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.binding import BindingType
from textual.widgets import Tree

from briefing.ui.motions import motions, rows_of

T = TypeVar("T")


class MotionTree(Tree[T], Generic[T]):
    BINDINGS: ClassVar[list[BindingType]] = motions(
        {
            "down": "cursor_down",
            "up": "cursor_up",
            "first": "scroll_home",
            "last": "scroll_end",
            "half_down": "half_page(0.5)",
            "half_up": "half_page(-0.5)",
        }
    )

    def action_half_page(self, pages: float) -> None:
        """Half a page down or up, as ctrl+d and ctrl+u do in vim (Textual's tree has only whole pages)."""
        line = max(self.cursor_line, 0) + rows_of(pages, max(self.scrollable_content_region.height - 1, 1))
        self.cursor_line = max(0, min(line, self.last_line))
        self.scroll_to_line(self.cursor_line)
