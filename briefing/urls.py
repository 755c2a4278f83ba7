"""Which addresses may be handed to the system's web browser: http and https, well formed, nothing else.

A briefing file is data from anywhere; ``javascript:``, ``file:`` or
``data:`` addresses in it, or one with a control character that a terminal
or a shell would act on, are refused with a reason the reader can read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefing.errors import BriefingError

WEB_SCHEMES = frozenset({"http", "https"})

_NOT_IN_AN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class AddressError(BriefingError):
    """An address that is not opened, and why."""


def openable(url: str) -> str:
    """The address, trimmed, if it is a well-formed web address; else ``AddressError`` saying why not."""
    address = url.strip()
    if not address:
        raise AddressError("no address")
    if _NOT_IN_AN_ADDRESS.search(address):
        raise AddressError("the address has spaces or control characters in it")
    try:
        parts = urlsplit(address)
        _port = parts.port
    except ValueError as exc:
        raise AddressError(f"malformed address ({exc})") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise AddressError("only web addresses (http, https) are opened")
    if not parts.hostname:
        raise AddressError("the address has no host")
    return address
