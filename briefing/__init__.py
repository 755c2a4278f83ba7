"""briefing: a terminal browser for structured news briefings."""

__version__ = "0.1.0"
