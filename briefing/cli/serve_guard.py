"""What stands between ``briefing serve`` and every other page the user's browser opens.

Browsers apply no CORS to WebSockets, so without these checks any web page
could open the app's socket on 127.0.0.1, read the library off the screen and
type into it. Each request must

- name this server in its Host header (a page that rebinds its own domain to
  127.0.0.1 still sends its own name: DNS rebinding fails);
- come, if it says where from (browsers always send Origin on a WebSocket
  upgrade), from a page of this server (cross-site WebSocket hijacking fails);
- carry the per-run token, in the URL (``?token=``) or in the cookie the page
  sets after the first visit with it, since textual-serve's script builds the
  socket's address itself and would drop a query.

And no more than ``max_sessions`` app processes run at once.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import signal
import socket
from contextlib import suppress
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server, to_int

from briefing.cli import output

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (a name other than ``localhost`` is not taken on trust)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as it goes in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def _netloc_key(netloc: str, default_port: int) -> tuple[str, int] | None:
    """``host[:port]`` as (lower-case host, port), or None if it is not one."""
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return None
    return parts.hostname.lower(), port or default_port


class RefusalLog:
    """Refusals said on stderr: at most one line a second for each reason, however fast a page knocks.

    Any page the user's browser opens can send requests here, and a line for
    each would flood the terminal.  The first refusal for a reason is said at
    once; those of the next ``interval`` are counted and said in one line at
    its end, and so on while they keep coming.
    """

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self.held: dict[str, int] = {}
        """Reason -> refusals counted since its last line (a reason is here while its interval runs)."""

    def refused(self, what: str, reason: str) -> None:
        if reason in self.held:
            self.held[reason] += 1
            return
        output.error(f"refused {what}: {reason}")
        self._hold(reason)

    def _hold(self, reason: str) -> None:
        self.held[reason] = 0
        asyncio.get_running_loop().call_later(self.interval, self._said, reason)

    def _said(self, reason: str) -> None:
        count = self.held.pop(reason, 0)
        if count:
            output.error(f"… and {count} more refused: {reason}")
            self._hold(reason)

    def flush(self) -> None:
        """Say what is still counted (the server is stopping)."""
        for reason, count in list(self.held.items()):
            if count:
                output.error(f"… and {count} more refused: {reason}")
        self.held.clear()


class GuardedServer(Server):
    """textual-serve's Server with the Host, Origin and token checks and a cap on sessions."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        max_sessions: int,
        title: str | None = None,
        token: str | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=f"http://{url_host(host)}:{port}")
        self.token = token or secrets.token_urlsafe(32)
        self.max_sessions = max_sessions
        self.sessions: set[asyncio.Task[object]] = set()
        self.refusals = RefusalLog()
        self.cookie_name = f"briefing-serve-{port}"  # a cookie is per host, not per port
        names = (LOOPBACK_NAMES | {host.lower()}) if is_loopback(host) else {host.lower()}
        self.allowed: frozenset[tuple[str, int]] | None = (
            None if host in WILDCARDS else frozenset((name, port) for name in names)
        )
        """(host, port) pairs a request may name; None when listening on every interface, where the token
        alone decides (the machine's names and addresses are not known here)."""

    def addresses(self) -> list[str]:
        """The addresses to open, token included, as printed at start."""
        hosts = [self.host] if self.host not in WILDCARDS else [socket.gethostname(), "127.0.0.1"]
        return [f"http://{url_host(name)}:{self.port}/?token={self.token}" for name in hosts]

    def initialize_logging(self) -> None:
        """textual-serve's logging, less aiohttp's access log, which would print every URL with its token."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, or None when it may go on."""
        own = _netloc_key(request.host, 80)
        if own is None or (self.allowed is not None and own not in self.allowed):
            return "the Host header does not name this server (another site's page, or DNS rebinding)"
        origin = request.headers.get("Origin")
        if origin is not None:
            parts = urlsplit(origin)
            key = _netloc_key(parts.netloc, 443 if parts.scheme == "https" else 80)
            allowed = {own} if self.allowed is None else self.allowed
            if parts.scheme not in ("http", "https") or key not in allowed:
                return "the request comes from another site's page (Origin header)"
        given = (request.query.get("token"), request.cookies.get(self.cookie_name))
        if not any(self.token_matches(token) for token in given):
            return "no valid token: open the address with ?token= that `briefing serve` printed"
        return None

    def token_matches(self, given: str | None) -> bool:
        # surrogateescape: aiohttp decodes header bytes that are not UTF-8 so
        return given is not None and hmac.compare_digest(given.encode(errors="surrogateescape"), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if (reason := self.refusal(request)) is not None:
            self.refusals.refused(f"{request.method} {request.path}", reason)
            return web.Response(status=403, text=f"briefing serve: {reason}\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        """textual-serve's application with the guard in front and no listing of /static/.

        textual-serve 1.1.3 has no public way to add a middleware or change its
        routes, and its own ``_make_app`` lists the /static/ folder
        (``show_index=True``); ``serve()`` calls this method, so the routes are
        rebuilt here, the same ones with the same handlers. The test
        ``test_the_guarded_app_has_textual_serves_routes`` fails if a new
        textual-serve changes them.
        """
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, its socket and files addressed by the name the browser used, and the token's cookie.

        textual-serve addresses them by the listening address; a page opened as
        ``localhost`` would then open its socket on ``127.0.0.1``, where the
        cookie (set per host name) is not sent. The context is the one
        textual-serve's template reads.
        """
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", path="/")
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if len(self.sessions) >= self.max_sessions:
            reason = f"{len(self.sessions)} sessions are open already (--max-sessions {self.max_sessions}); close one"
            output.error(f"refused a session: {reason}")
            raise web.HTTPServiceUnavailable(text=f"briefing serve: {reason}\n")
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c ends the open sessions (textual-serve then quits their apps) rather than waiting on them."""
        for task in list(self.sessions):
            task.cancel()
        self.refusals.flush()

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve's banner shows the address without the token, and before the port is bound."""

    def serve(self, debug: bool = False) -> None:
        """textual-serve's ``serve``, but printing the address once the port listens (a bind may still fail)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError):  # Windows
                loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=self.announce
        )

    def announce(self, _aiohttp_message: str) -> None:
        for address in self.addresses():
            output.error(f"serving on {address}")
        output.error(
            f"only that address opens it (the token is new each run); at most {self.max_sessions} sessions at once;"
            " ctrl+c stops"
        )
