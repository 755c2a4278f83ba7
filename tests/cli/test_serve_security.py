"""``briefing serve`` lets in only pages of its own, opened with the token it prints, and only so many at once.

The real server runs on a free loopback port (the command itself as a
subprocess, or the same server class in this process for the session cap),
and a real WebSocket client knocks as a hostile page would.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from textual_serve.server import Server

from briefing.cli import main
from briefing.cli.serve_guard import GuardedServer
from tests.factories import make_library_dir

ADDRESS = re.compile(r"serving on (http://127\.0\.0\.1:(\d+)/\?token=(\S+))")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def announced(process: subprocess.Popen[bytes], stderr: Path, timeout: float = 20) -> tuple[str, str]:
    """The token and address ``briefing serve`` prints, once it listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if match := ADDRESS.search(stderr.read_text()):
            return match.group(3), match.group(1)
        if process.poll() is not None:
            raise AssertionError(f"briefing serve ended with {process.returncode}: {stderr.read_text()}")
        time.sleep(0.05)
    raise AssertionError(f"briefing serve printed no address: {stderr.read_text()}")


@dataclass
class Served:
    port: int
    token: str
    address: str
    stderr: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``briefing serve`` itself, in its own process group so that it and its app processes always go."""
    root = tmp_path_factory.mktemp("serve")
    library = make_library_dir(root / "lib")
    port = free_port()
    stderr = root / "stderr.txt"
    env = {**os.environ, "BRIEFING_HOME": str(root / "home")}
    env.pop("BRIEFING_LIBRARY", None)
    argv = [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(library)]
    argv += ["--data-dir", str(root / "data"), "serve", "--port", str(port)]
    with stderr.open("wb") as err:
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
    try:
        yield Served(port, *announced(process, stderr), stderr)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        finally:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # whatever app process is left of this group
            if process.poll() is None:
                process.wait()


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe: keep cookies set by an IP address (127.0.0.1), as a browser does
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def refused_status(session: aiohttp.ClientSession, url: str, **options: object) -> int:
    """The HTTP status that refused the WebSocket upgrade (failing the test if it was accepted)."""
    try:
        async with session.ws_connect(url, **options):  # type: ignore[arg-type]
            pass
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status
    raise AssertionError(f"{url}: the WebSocket was accepted")


def test_serve_prints_the_address_to_open_with_its_token(served: Served) -> None:
    assert served.address == f"http://127.0.0.1:{served.port}/?token={served.token}"
    assert len(served.token) >= 32
    with socket.create_connection(("127.0.0.1", served.port), timeout=5):
        pass  # printed once it listens


def test_a_port_in_use_is_one_error_and_no_address(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = [sys.executable, "-m", "briefing", "--data-dir", str(tmp_path), "serve", "--port", str(port)]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith(f"briefing: cannot listen on 127.0.0.1:{port}") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("query", ["", "?token=wrong", "?token=%C3%A9"], ids=["none", "wrong", "non-ascii"])
async def test_the_page_is_refused_without_the_token(served: Served, client: aiohttp.ClientSession, query: str) -> None:
    async with client.get(f"{served.origin}/{query}") as response:
        assert response.status == 403
        assert "token" in await response.text()


def test_a_cookie_that_is_not_utf8_is_refused_not_an_error(served: Served) -> None:
    request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nCookie: briefing-serve-{served.port}=".encode()
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(request + b"\xff\xfe\r\nConnection: close\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 403")


async def test_a_websocket_without_the_token_is_refused(served: Served, client: aiohttp.ClientSession) -> None:
    assert await refused_status(client, f"ws://127.0.0.1:{served.port}/ws", origin=served.origin) == 403


async def test_a_websocket_from_another_sites_page_is_refused(served: Served, client: aiohttp.ClientSession) -> None:
    """Cross-site WebSocket hijacking: even with the token, a page of evil.example may not drive the app."""
    url = f"ws://127.0.0.1:{served.port}/ws?token={served.token}"
    assert await refused_status(client, url, origin="http://evil.example") == 403
    assert await refused_status(client, url, origin="null") == 403
    assert await refused_status(client, url, origin=f"http://127.0.0.1:{served.port + 1}") == 403


async def test_dns_rebinding_is_refused_by_the_host_header(served: Served, client: aiohttp.ClientSession) -> None:
    """evil.example rebound to 127.0.0.1: the browser still names evil.example in Host (and Origin)."""
    evil = f"evil.example:{served.port}"
    url = f"ws://127.0.0.1:{served.port}/ws?token={served.token}"
    assert await refused_status(client, url, origin=f"http://{evil}", headers={"Host": evil}) == 403
    async with client.get(f"{served.origin}/?token={served.token}", headers={"Host": evil}) as response:
        assert response.status == 403
    assert "DNS rebinding" in served.stderr.read_text()


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
async def test_the_page_opened_with_the_token_runs_the_app(
    served: Served, client: aiohttp.ClientSession, name: str
) -> None:
    """The page's own socket address, the cookie the page set and the page's origin: the app starts and draws."""
    origin = f"http://{name}:{served.port}"
    async with client.get(f"{origin}/?token={served.token}") as response:
        assert response.status == 200
        page = await response.text()
    socket_url = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert socket_url and socket_url.group(1) == f"ws://{name}:{served.port}/ws"
    assert 'src="/static/js/textual.js"' in page
    async with client.get(f"{origin}/static/js/textual.js") as response:
        assert response.status == 200  # by the cookie alone
    # as textual-serve's script opens it: its own query, no token in it
    async with client.ws_connect(f"{socket_url.group(1)}?width=80&height=24", origin=origin) as ws:
        message = await ws.receive(timeout=25)
        assert message.type == aiohttp.WSMsgType.BINARY and message.data, message  # the app drew its screen


@pytest.mark.parametrize("path", ["/static/", "/static/js/", "/static/js"])
async def test_the_static_folder_is_not_listed(served: Served, client: aiohttp.ClientSession, path: str) -> None:
    async with client.get(f"{served.origin}{path}?token={served.token}") as response:
        assert response.status in (403, 404)
        assert "textual.js" not in await response.text()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "example.org"])
def test_a_host_beyond_this_machine_needs_allow_remote(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", host, "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--allow-remote" in err and host in err


@pytest.fixture
def started_servers(monkeypatch: pytest.MonkeyPatch) -> list[GuardedServer]:
    """The servers ``briefing serve`` would start, without listening."""
    started: list[GuardedServer] = []
    monkeypatch.setattr(GuardedServer, "serve", lambda self, debug=False: started.append(self))
    return started


def test_allow_remote_listens_beyond_this_machine_with_a_warning(
    started_servers: list[GuardedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--allow-remote"]) == 0
    assert [server.host for server in started_servers] == ["0.0.0.0"]
    assert "not encrypted" in capsys.readouterr().err


def test_max_sessions_sets_the_cap(started_servers: list[GuardedServer], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 0
    assert main(["serve", "--max-sessions", "2"]) == 0
    assert [server.max_sessions for server in started_servers] == [4, 2]
    for wrong in ("0", "-1", "many"):
        assert main(["serve", "--max-sessions", wrong]) == 2
        assert "--max-sessions" in (err := capsys.readouterr().err) and "at least 1" in err


def test_on_loopback_every_name_of_this_machine_is_this_server() -> None:
    server = GuardedServer("true", host="127.0.0.1", port=8000, max_sessions=4)

    def host_refused(host: str) -> bool:
        return server.refusal(make_mocked_request("GET", f"/?token={server.token}", headers={"Host": host})) is not None

    assert not any(map(host_refused, ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"]))
    assert all(map(host_refused, ["127.0.0.1:8001", "localhost", "evil.example:8000", "u@127.0.0.1:8000", "[::1"]))


def test_listening_on_every_interface_still_wants_the_token_and_a_page_of_its_own() -> None:
    """With --allow-remote on 0.0.0.0 the server's names are not known: any Host, but the token and same origin."""
    server = GuardedServer("true", host="0.0.0.0", port=8000, max_sessions=4)

    def refusal(path: str, **headers: str) -> str | None:
        return server.refusal(make_mocked_request("GET", path, headers=headers))

    token = f"/ws?token={server.token}"
    assert refusal(token, Host="192.168.1.5:8000", Origin="http://192.168.1.5:8000") is None
    assert refusal("/ws", Host="192.168.1.5:8000") is not None
    assert refusal(token, Host="192.168.1.5:8000", Origin="http://evil.example") is not None
    assert server.addresses()[-1] == f"http://127.0.0.1:8000/?token={server.token}"


async def test_the_guarded_app_has_textual_serves_routes() -> None:
    """The guarded app rebuilds textual-serve's private app: this fails if a new textual-serve changes it."""

    def routes(app: web.Application) -> set[tuple[str, str, str | None]]:
        return {(route.method, route.resource.canonical, route.name) for route in app.router.routes() if route.resource}

    theirs = await Server("true")._make_app()
    ours = await GuardedServer("true", host="127.0.0.1", port=8000, max_sessions=4)._make_app()
    assert routes(ours) == routes(theirs)


STAND_IN = """
import os, sys
open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
print("__GANGLION__", flush=True)
sys.stdin.buffer.read(1)  # textual-serve's "quit" packet when the session closes
"""


async def test_a_fifth_session_is_refused_until_one_closes(
    tmp_path: Path, client: aiohttp.ClientSession, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each session is a process: past --max-sessions (default 4) none starts, and a closed one frees a place.

    A tiny stand-in replaces the briefing app, behind the same server code, so that this stays fast.
    """
    started = tmp_path / "started"
    started.mkdir()
    port = free_port()
    command = shlex.join([sys.executable, "-c", STAND_IN, str(started)])
    server = GuardedServer(command, host="127.0.0.1", port=port, max_sessions=4)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    sockets: list[aiohttp.ClientWebSocketResponse] = []
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        url = f"ws://127.0.0.1:{port}/ws?token={server.token}"
        origin = f"http://127.0.0.1:{port}"

        async def wait_for(count: int) -> None:
            for _ in range(400):
                if len(list(started.iterdir())) == count:
                    return
                await asyncio.sleep(0.025)
            raise AssertionError(f"{len(list(started.iterdir()))} app processes started, not {count}")

        for _ in range(4):
            sockets.append(await client.ws_connect(url, origin=origin))
        await wait_for(4)
        assert await refused_status(client, url, origin=origin) == 503
        assert "4 sessions are open already" in capsys.readouterr().err
        await asyncio.sleep(0.2)
        assert len(list(started.iterdir())) == 4  # the refused one started no process

        await sockets.pop().close()
        for _ in range(200):  # the place is free once the closed session's process has ended
            try:
                sockets.append(await client.ws_connect(url, origin=origin))
                break
            except aiohttp.WSServerHandshakeError as exc:
                assert exc.status == 503
                await asyncio.sleep(0.025)
        else:
            raise AssertionError("the closed session's place was never freed")
        await wait_for(5)
    finally:
        for ws in sockets:
            await ws.close()
        await runner.cleanup()
        await reaped([int(path.name) for path in started.iterdir()])


async def reaped(pids: list[int]) -> None:
    """Wait for the app processes to be gone, so that none outlives the test's event loop."""
    for _ in range(400):
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            await asyncio.sleep(0.1)  # for the event loop to hear of it
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"app processes {pids} still run")


async def test_stopping_the_server_ends_its_open_sessions(tmp_path: Path, client: aiohttp.ClientSession) -> None:
    """ctrl+c with a page still open: the server and the session's app end at once, not after a minute's wait."""
    started = tmp_path / "started"
    started.mkdir()
    port = free_port()
    server = GuardedServer(
        shlex.join([sys.executable, "-c", STAND_IN, str(started)]), host="127.0.0.1", port=port, max_sessions=4
    )
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        ws = await client.ws_connect(
            f"ws://127.0.0.1:{port}/ws?token={server.token}", origin=f"http://127.0.0.1:{port}"
        )
        reader = asyncio.create_task(ws.receive())  # a browser answers the server's close at once
        for _ in range(400):
            if any(started.iterdir()):
                break
            await asyncio.sleep(0.025)
        await asyncio.wait_for(runner.cleanup(), timeout=5)
        assert (await reader).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    finally:
        await runner.cleanup()
        await reaped([int(path.name) for path in started.iterdir()])


async def test_a_burst_of_refused_requests_prints_a_few_lines_that_count_them_all(
    client: aiohttp.ClientSession, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any web page can make the browser knock: 50 refusals print a handful of lines, not 50, and all are counted."""
    port = free_port()
    server = GuardedServer("true", host="127.0.0.1", port=port, max_sessions=4)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        capsys.readouterr()
        for number in range(50):
            async with client.get(f"http://127.0.0.1:{port}/page-{number}") as response:
                assert response.status == 403
        await asyncio.sleep(server.refusals.interval * 2.5)
    finally:
        await runner.cleanup()
    lines = capsys.readouterr().err.splitlines()
    assert 2 <= len(lines) <= 6, lines
    assert lines[0].startswith("briefing: refused GET /page-0: no valid token")
    counted = [int(m.group(1)) for line in lines[1:] if (m := re.search(r"… and (\d+) more refused", line))]
    assert len(counted) == len(lines) - 1 and 1 + sum(counted) == 50, lines
    assert all("more refused: no valid token: open the address" in line for line in lines[1:])
