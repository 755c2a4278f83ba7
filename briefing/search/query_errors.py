"""The error a query that cannot mean anything raises, with the column where it goes wrong."""

from __future__ import annotations

from briefing.errors import BriefingError


class QueryError(BriefingError):
    """A query that cannot mean anything; ``column`` (1-based) says where."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.reason = message
        self.column = column
        where = f"column {column}: " if column is not None else ""
        super().__init__(f"query: {where}{message}")
