"""The Textual browser."""
