"""Which addresses the browser hands to the system's web browser."""

from __future__ import annotations

import pytest

from briefing.errors import BriefingError
from briefing.urls import openable


@pytest.mark.parametrize(
    "url", ["https://www.jpost.com/middle-east/a-1", "http://example.org", "  HTTPS://Example.org/x?y=1#z  "]
)
def test_web_addresses_are_opened(url: str) -> None:
    assert openable(url) == url.strip()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)", "only web addresses"),
        ("file:///etc/passwd", "only web addresses"),
        ("data:text/html,<script>x</script>", "only web addresses"),
        ("ftp://example.org/x", "only web addresses"),
        ("www.example.org", "only web addresses"),
        ("https://", "no host"),
        ("https:///path", "no host"),
        ("https://exa mple.org", "spaces or control"),
        ("https://example.org/\x1b]52;c;x\x07", "spaces or control"),
        ("https://example.org:99999/", "malformed"),
        ("http://[::1", "malformed"),
        ("", "no address"),
    ],
)
def test_anything_else_is_refused_saying_why(url: str, why: str) -> None:
    with pytest.raises(BriefingError, match=why):
        openable(url)
