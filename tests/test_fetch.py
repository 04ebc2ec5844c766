"""The fetcher against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from errcat.fetch import (
    FetchError,
    FetchOptions,
    Validators,
    check_url,
    fetch,
    fetch_many,
    fetch_one,
    is_loopback,
    is_public,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


def local(**kw) -> FetchOptions:
    """Options for the 127.0.0.1 test server: a private address, so the fetch opts in."""
    return FetchOptions(allow_private=True, **kw)


FAST = local(connect_timeout=1.0, read_timeout=0.3, retries=2, backoff=0.01, max_wait=1.0)


@pytest.fixture(scope="module")
def server():
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    s.stop()


@pytest.fixture
def http(server: HTTPServer):
    server.clear()
    yield server
    server.clear()


def test_page_with_validators_and_charset(http: HTTPServer):
    body = "Error Code | Error Message\n--- | ---\n1 | ±5% off\n".encode("cp1252")
    http.expect_request("/errors.md").respond_with_data(
        body,
        content_type="text/markdown; charset=windows-1252",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 02 Jan 2024 10:00:00 GMT"},
    )
    result = fetch(http.url_for("/errors.md"), options=FAST)
    assert result.ok and result.status == 200
    assert result.content == body
    assert result.charset == "windows-1252"
    assert result.validators == Validators('"v1"', "Tue, 02 Jan 2024 10:00:00 GMT")
    assert result.attempts == 1
    request = http.log[0][0]
    assert request.headers["User-Agent"].startswith("errcat/")
    assert "If-None-Match" not in request.headers


def test_conditional_request_gets_304_without_body(http: HTTPServer):
    http.expect_request(
        "/errors.md",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Tue, 02 Jan 2024 10:00:00 GMT"},
    ).respond_with_data("", status=304, headers={"ETag": '"v1"'})
    validators = Validators('"v1"', "Tue, 02 Jan 2024 10:00:00 GMT")
    result = fetch(http.url_for("/errors.md"), validators, FAST)
    assert result.not_modified
    assert result.content is None
    assert result.etag == '"v1"'


def test_304_to_an_unconditional_request_is_an_error(http: HTTPServer):
    http.expect_request("/errors.md").respond_with_data("", status=304)
    result = fetch(http.url_for("/errors.md"), options=FAST)
    assert not result.ok and "not conditional" in result.error


def test_500_then_200_succeeds_on_retry(http: HTTPServer):
    http.expect_ordered_request("/flaky").respond_with_data("down", status=500)
    http.expect_ordered_request("/flaky").respond_with_data("1 | up")
    result = fetch(http.url_for("/flaky"), options=FAST)
    assert result.ok and result.content == b"1 | up"
    assert result.attempts == 2
    assert http.get_matching_requests_count(http.create_matcher("/flaky")) == 2


def test_persistent_503_gives_up_after_the_retries(http: HTTPServer):
    http.expect_request("/down").respond_with_data("busy", status=503)
    result = fetch(http.url_for("/down"), options=FAST)
    assert not result.ok
    assert result.error.startswith("HTTP 503 Service Unavailable")
    assert (
        result.attempts
        == FAST.retries + 1
        == http.get_matching_requests_count(http.create_matcher("/down"))
    )


def test_429_honours_retry_after_seconds_and_dates(http: HTTPServer):
    past = format_datetime(datetime.now(UTC) - timedelta(seconds=5), usegmt=True)
    http.expect_ordered_request("/limited").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    http.expect_ordered_request("/limited").respond_with_data(
        "slow down", status=429, headers={"Retry-After": past}
    )
    http.expect_ordered_request("/limited").respond_with_data("ok")
    options = local(retries=2, backoff=5.0, max_wait=10.0)
    started = time.monotonic()
    result = fetch(http.url_for("/limited"), options=options)
    # Retry-After 0 and a date in the past mean "now": the 5 s backoff must not be used.
    assert time.monotonic() - started < 4
    assert result.ok and result.attempts == 3


def test_retry_after_longer_than_max_wait_is_not_waited_for(http: HTTPServer):
    http.expect_request("/limited").respond_with_data(
        "later", status=429, headers={"Retry-After": "3600"}
    )
    result = fetch(http.url_for("/limited"), options=FAST)
    assert not result.ok
    assert "3600 s" in result.error and result.attempts == 1


def test_404_is_not_retried(http: HTTPServer):
    http.expect_request("/gone").respond_with_data("no", status=404)
    result = fetch(http.url_for("/gone"), options=FAST)
    assert result.error == "HTTP 404 Not Found"
    assert result.attempts == 1
    assert http.get_matching_requests_count(http.create_matcher("/gone")) == 1


def test_read_timeout_is_retried_then_reported(http: HTTPServer):
    def slow(request: Request) -> Response:
        time.sleep(0.8)
        return Response("late")

    http.expect_request("/slow").respond_with_handler(slow)
    options = local(read_timeout=0.2, retries=1, backoff=0.01)
    result = fetch(http.url_for("/slow"), options=options)
    assert not result.ok
    assert "timed out" in result.error and result.attempts == 2
    # The server logs each request when its handler returns, after the client gave up: wait for
    # both, or they land in the log of a later test on this module's server.
    deadline = time.monotonic() + 10
    while len(http.log) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(http.log) == 2


def test_connection_refused_is_retried_then_reported():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = fetch(f"http://127.0.0.1:{port}/errors.md", options=FAST)
    assert not result.ok
    assert "ConnectError" in result.error
    assert result.attempts == FAST.retries + 1


def test_body_over_the_cap_is_refused_with_or_without_length(http: HTTPServer):
    http.expect_request("/big").respond_with_data(b"x" * 5000)

    def chunked(request: Request) -> Response:
        return Response(iter([b"y" * 1000] * 5), direct_passthrough=True)

    http.expect_request("/stream").respond_with_handler(chunked)
    options = local(max_bytes=3000, retries=0)
    big = fetch(http.url_for("/big"), options=options)
    assert not big.ok and big.error == "body of 5000 bytes is over the 3000 bytes cap"
    streamed = fetch(http.url_for("/stream"), options=options)
    assert not streamed.ok and streamed.error == "body is over the 3000 bytes cap"
    assert fetch(http.url_for("/big"), options=local(max_bytes=5000)).ok


def test_redirects_are_followed_and_capped(http: HTTPServer):
    http.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    http.expect_request("/new").respond_with_data("1 | moved here")
    http.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    http.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    for i in range(4):
        http.expect_request(f"/hop{i}").respond_with_data(
            "", status=307, headers={"Location": f"/hop{i + 1}"}
        )
    http.expect_request("/hop4").respond_with_data("1 | far")

    moved = fetch(http.url_for("/old"), options=FAST)
    assert moved.ok and moved.content == b"1 | moved here"
    assert moved.final_url == http.url_for("/new")
    loop = fetch(http.url_for("/a"), options=FAST)
    assert not loop.ok and loop.error.startswith("redirect loop")
    far = fetch(http.url_for("/hop0"), options=local(max_redirects=3))
    assert not far.ok and far.error == "more than 3 redirects"
    assert fetch(http.url_for("/hop0"), options=local(max_redirects=4)).ok


def test_redirect_to_plain_http_elsewhere_is_refused_before_connecting(http: HTTPServer):
    http.expect_request("/away").respond_with_data(
        "", status=302, headers={"Location": "http://example.invalid/errors.md"}
    )
    result = fetch(http.url_for("/away"), options=FAST)
    assert not result.ok
    assert "redirected to a refused URL" in result.error
    assert [r.path for r, _ in http.log if r.path != "/slow"] == ["/away"]


@pytest.mark.parametrize(
    ("url", "public", "opted_in"),
    [
        ("https://raw.githubusercontent.com/x/y/main/errors.md", True, True),
        ("https://8.8.8.8/errors.md", True, True),
        ("http://127.0.0.1:8000/errors.md", False, True),
        ("http://127.9.9.9/errors.md", False, True),
        ("http://localhost/errors.md", False, True),
        ("http://[::1]:8080/errors.md", False, True),
        ("http://10.0.0.1/errors.md", False, True),
        ("https://10.0.0.1/errors.md", False, True),
        ("https://169.254.169.254/latest/meta-data/", False, True),
        ("https://[fd00::1]/errors.md", False, True),
        ("https://[fe80::1]/errors.md", False, True),
        ("https://[::ffff:10.0.0.1]/errors.md", False, True),
        ("https://0.0.0.0/errors.md", False, True),
        ("https://metadata.google.internal/computeMetadata/v1/", False, True),
        ("https://printer.local/errors.md", False, True),
        ("https://intranet/errors.md", False, True),
        ("http://example.com/errors.md", False, False),
        ("http://127.0.0.1.example.com/errors.md", False, False),
        ("ftp://127.0.0.1/errors.md", False, False),
        ("file:///etc/passwd", False, False),
    ],
)
def test_public_https_only_unless_a_source_opts_in(url: str, public: bool, opted_in: bool):
    if public:
        assert check_url(url)
    else:
        with pytest.raises(FetchError):
            check_url(url)
    if opted_in:
        assert check_url(url, allow_private=True)
    else:
        with pytest.raises(FetchError, match="only https://"):
            check_url(url, allow_private=True)


def test_private_address_needs_the_opt_in(http: HTTPServer):
    http.expect_request("/errors.md").respond_with_data("1 | x")
    refused = fetch(http.url_for("/errors.md"))
    assert not refused.ok and refused.attempts == 0
    assert "not a public address" in refused.error and "allow_private" in refused.error
    # refused before connecting (a late request of an earlier test may still reach the server)
    assert [r.path for r, _ in http.log if r.path == "/errors.md"] == []
    assert fetch(http.url_for("/errors.md"), options=FAST).ok


@pytest.mark.parametrize(
    "target",
    [
        "https://169.254.169.254/latest/meta-data/iam/",
        "https://10.0.0.1/errors.md",
        "https://[fd00::1]/errors.md",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://127.0.0.1/errors.md",
    ],
)
def test_https_redirect_to_a_private_address_is_refused(target: str):
    # A fake transport: nothing leaves the machine, and every request it sees is recorded.
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "docs.example.com":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, text="secret")

    async def go():
        client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with client:
            return await fetch_one(
                client, "https://docs.example.com/errors.md", None, FetchOptions()
            )

    result = asyncio.run(go())
    assert not result.ok and "redirected to a refused URL" in result.error
    assert seen == ["https://docs.example.com/errors.md"]


def test_a_public_name_resolving_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch):
    async def resolves_to_metadata(self, host, port, **kw):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", resolves_to_metadata)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, text="secret")

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await fetch_one(client, "https://rebind.example.com/e.md", None, FetchOptions())

    result = asyncio.run(go())
    assert not result.ok and "resolves to 169.254.169.254" in result.error
    assert seen == []


def test_total_deadline_ends_a_server_dripping_bytes(http: HTTPServer):
    def drip(request: Request) -> Response:
        def body():
            for _ in range(100):
                yield b"1"
                time.sleep(0.05)  # each read comes well within the read timeout

        return Response(body(), headers={"Content-Type": "text/plain"})

    http.expect_request("/drip").respond_with_handler(drip)
    options = local(read_timeout=0.5, retries=3, backoff=0.01, deadline=0.6)
    start = time.monotonic()
    result = fetch(http.url_for("/drip"), options=options)
    took = time.monotonic() - start
    assert not result.ok and "0.6 s deadline" in result.error
    assert 0.5 < took < 2.0


def test_retry_after_of_one_second_is_waited_for(http: HTTPServer):
    http.expect_oneshot_request("/later").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    http.expect_request("/later").respond_with_data("1 | x")
    start = time.monotonic()
    result = fetch(http.url_for("/later"), options=local(retries=1, backoff=0.01, max_wait=5.0))
    assert result.ok and result.attempts == 2
    assert time.monotonic() - start >= 0.95


def test_refused_url_gives_an_error_result_not_an_exception():
    result = fetch("http://example.invalid/errors.md")
    assert not result.ok and result.attempts == 0
    assert "only https://" in result.error
    assert not is_loopback("example.invalid")
    assert not is_public("example")


def test_concurrency_is_bounded(http: HTTPServer):
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def handler(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1
        return Response(f"1 | {request.path}")

    for i in range(6):
        http.expect_request(f"/p{i}").respond_with_handler(handler)
    done: list[int] = []
    requests = [(http.url_for(f"/p{i}"), None) for i in range(6)]
    results = asyncio.run(
        fetch_many(requests, local(concurrency=2), on_done=lambda i, r: done.append(i))
    )
    assert [r.content for r in results] == [f"1 | /p{i}".encode() for i in range(6)]
    assert state["peak"] == 2
    assert sorted(done) == list(range(6))
