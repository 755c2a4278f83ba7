"""The browser's screens."""
