"""Fetch upstream pages: async httpx, bounded concurrency, retries, conditional requests, caps.

A fetch never raises for network or HTTP trouble: it returns a :class:`FetchResult` whose
``error`` says, in one line, what went wrong, so one bad source cannot stop the others.

>>> url = "https://raw.githubusercontent.com/blofin/blofin-api-docs/main/_includes/errors.md"
>>> result = fetch(url)  # doctest: +SKIP
>>> result.status, result.charset, len(result.content)  # doctest: +SKIP
(200, 'utf-8', 4481)
>>> fetch(result.url, Validators(etag=result.etag)).not_modified  # doctest: +SKIP
True

Only ``https://`` to public addresses is fetched. Private, link-local, loopback and other
non-public addresses (and names such as ``localhost`` or ``*.internal``) are refused, on every
redirect hop and after name resolution, unless the source opts in with ``allow_private = true``
(a local mirror, tests); then ``http://`` to such an address is allowed too. A name is resolved
and checked before each connection; one that resolves again to a private address for the
connection itself (DNS rebinding) still has to show a certificate valid for the public name,
which no private service has, so ``https://``-only is what closes that gap:

>>> check_url("http://example.com/errors.md")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
errcat.fetch.FetchError: http://example.com/errors.md: only https:// upstreams are fetched ...
>>> check_url("https://169.254.169.254/latest")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
errcat.fetch.FetchError: https://169.254.169.254/latest: 169.254.169.254 is not a public address...
>>> str(check_url("http://127.0.0.1:8000/e.md", allow_private=True))
'http://127.0.0.1:8000/e.md'
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from errcat import __version__
from errcat.errors import ErrcatError

DEFAULT_USER_AGENT = (
    f"errcat/{__version__} (error-code catalog refresher; python-httpx/{httpx.__version__})"
)
MB = 1024 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)
# Idempotent GETs: a dropped connection or a slow server is worth another try.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class FetchError(ErrcatError):
    """An upstream URL errcat refuses to fetch (scheme, host) or cannot parse."""


@dataclass(frozen=True)
class FetchOptions:
    """How patient and how trusting a fetch is. The defaults suit a daily refresh."""

    concurrency: int = 8
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    max_bytes: int = 20 * MB
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    # Everything one fetch may take, retries and waits included: a server dripping a byte a
    # second never trips the read timeout, and must not hold the run until the job is killed.
    deadline: float = 180.0
    # Fetch from private, link-local and loopback addresses (a source's ``allow_private``).
    allow_private: bool = False


@dataclass(frozen=True)
class Validators:
    """What the server said last time, sent back so an unchanged page costs a 304."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class FetchResult:
    """One page fetched (``content``), not modified (status 304), or an ``error``."""

    url: str
    status: int | None = None
    content: bytes | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempts: int = 0
    final_url: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(etag=self.etag, last_modified=self.last_modified)


def is_loopback(host: str) -> bool:
    """
    >>> [is_loopback(h) for h in ("localhost", "127.0.0.2", "::1", "10.0.0.1", "localhost.evil")]
    [True, True, True, False, False]
    """
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# Names that never lead to the public internet (RFC 6761, 6762, 8375; cloud metadata hosts).
_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet")


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_public(host: str) -> bool:
    """Whether a host (name or address) may be on the public internet.

    >>> [is_public(h) for h in ("example.com", "8.8.8.8", "10.0.0.1", "[fd00::1]",
    ...                         "169.254.169.254", "::ffff:127.0.0.1", "metadata.google.internal")]
    [True, True, False, False, False, False, False]
    """
    name = host.strip("[]").rstrip(".").lower()
    ip = _address(name)
    if ip is not None:
        return ip.is_global and not ip.is_multicast
    if name == "localhost" or "." not in name:
        return False  # a bare name resolves on the local network only
    return not name.endswith(_PRIVATE_SUFFIXES)


def check_url(url: str, *, allow_private: bool = False) -> httpx.URL:
    """The parsed URL if errcat may fetch it; :class:`FetchError` otherwise."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as err:
        raise FetchError(f"{url}: not a valid URL: {err}") from None
    if parsed.scheme not in ("https", "http") or not parsed.host:
        raise FetchError(f"{url}: only https:// upstreams are fetched")
    public = is_public(parsed.host)
    if not public and not allow_private:
        raise FetchError(
            f"{url}: {parsed.host} is not a public address; set allow_private = true in the "
            "source file to fetch from a local mirror"
        )
    if parsed.scheme == "http" and (public or not allow_private):
        raise FetchError(
            f"{url}: only https:// upstreams are fetched (http:// only to a private or loopback "
            "address of a source with allow_private = true)"
        )
    return parsed


async def check_resolved(url: httpx.URL, options: FetchOptions) -> None:
    """Refuse a public-looking name that resolves to a non-public address (``_Refused``).

    A name that does not resolve is left to the connection attempt, which words the error.
    """
    if options.allow_private or _address(url.host) is not None:
        return
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(options.connect_timeout):
            infos = await loop.getaddrinfo(url.host, url.port or 443, type=socket.SOCK_STREAM)
    except (OSError, TimeoutError):
        return
    for info in infos:
        address = str(info[4][0])
        if not is_public(address):
            raise _Refused(
                f"{url.host} resolves to {address}, not a public address; set allow_private = "
                "true in the source file to fetch from a local mirror"
            )


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or an HTTP date), if it did."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(status: int) -> str:
    # The standard phrase, not the server's ("NOT FOUND", "") so reports read the same.
    return httpx.codes.get_reason_phrase(status) or "error"


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"


class _Refused(Exception):
    """A final answer for this URL: no retry will help."""


class _Transient(Exception):
    """Worth another try; ``wait`` is what the server asked for, if anything."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _Refused(f"body of {_size(int(declared))} is over the {_size(limit)} cap")
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > limit:
            raise _Refused(f"body is over the {_size(limit)} cap")
        chunks.append(chunk)
    return b"".join(chunks)


async def _attempt(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], options: FetchOptions
) -> FetchResult:
    """One try: follow redirects by hand so every hop is checked against the URL policy."""
    request = client.build_request("GET", url, headers=headers)
    seen = {str(request.url)}
    for _ in range(options.max_redirects + 1):
        await check_resolved(request.url, options)
        response = await client.send(request, stream=True)
        try:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                nxt = response.next_request
                if nxt is None:
                    raise _Refused(f"HTTP {response.status_code} redirect without a usable target")
                try:
                    check_url(str(nxt.url), allow_private=options.allow_private)
                except FetchError as err:
                    raise _Refused(f"redirected to a refused URL: {err}") from None
                if str(nxt.url) in seen:
                    raise _Refused(f"redirect loop at {nxt.url}")
                seen.add(str(nxt.url))
                request = nxt
                continue
            status = response.status_code
            if status == 304:
                if not headers.keys() & {"If-None-Match", "If-Modified-Since"}:
                    raise _Refused("HTTP 304 to a request that was not conditional")
                return _result(url, response, status)
            if status == 429 or status >= 500:
                raise _Transient(f"HTTP {status} {_reason(status)}", _retry_after(response))
            if not 200 <= status < 300 or status in (204, 205, 206):
                raise _Refused(f"HTTP {status} {_reason(status)}")
            body = await _read_capped(response, options.max_bytes)
            return _result(url, response, status, body)
        finally:
            await response.aclose()
    raise _Refused(f"more than {options.max_redirects} redirects")


def _result(url: str, response: httpx.Response, status: int, body: bytes | None = None):
    return FetchResult(
        url=url,
        status=status,
        content=body,
        charset=response.charset_encoding,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        final_url=str(response.url),
    )


def _describe(err: httpx.HTTPError, options: FetchOptions) -> str:
    if isinstance(err, httpx.ConnectTimeout):
        return f"connect timed out after {options.connect_timeout:g} s"
    if isinstance(err, httpx.TimeoutException):
        return f"timed out (no data for {options.read_timeout:g} s)"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


async def fetch_one(
    client: httpx.AsyncClient,
    url: str,
    validators: Validators | None = None,
    options: FetchOptions | None = None,
) -> FetchResult:
    """Fetch one URL with retries on connect errors, timeouts, 429 and 5xx (``Retry-After`` kept).

    Waits grow from ``backoff`` seconds, doubling, with jitter; a server asking for more than
    ``max_wait`` seconds is not waited for. Everything, retries included, ends at
    ``options.deadline`` seconds.
    """
    options = options or FetchOptions()
    try:
        check_url(url, allow_private=options.allow_private)
    except FetchError as err:
        return FetchResult(url=url, error=str(err))
    try:
        async with asyncio.timeout(options.deadline):
            return await _fetch_with_retries(client, url, validators, options)
    except TimeoutError:
        return FetchResult(
            url=url, error=f"gave up after the {options.deadline:g} s deadline for one fetch"
        )


async def _fetch_with_retries(
    client: httpx.AsyncClient, url: str, validators: Validators | None, options: FetchOptions
) -> FetchResult:
    headers = validators.headers() if validators else {}
    attempts = 0
    while True:
        attempts += 1
        try:
            result = await _attempt(client, url, headers, options)
            return FetchResult(**{**result.__dict__, "attempts": attempts})
        except _Refused as err:
            return FetchResult(url=url, error=str(err), attempts=attempts)
        except (_Transient, *_TRANSIENT) as err:
            if isinstance(err, _Transient):
                message, asked = str(err), err.wait
            else:
                message, asked = _describe(err, options), None
            if attempts > options.retries:
                tries = "attempt" if attempts == 1 else "attempts"
                return FetchResult(
                    url=url, error=f"{message} ({attempts} {tries})", attempts=attempts
                )
            if asked is not None and asked > options.max_wait:
                return FetchResult(
                    url=url,
                    error=f"{message}; server asked to retry after {asked:g} s, "
                    f"more than the {options.max_wait:g} s limit",
                    attempts=attempts,
                )
            delay = options.backoff * 2 ** (attempts - 1) * (1 + random.random() / 2)
            await asyncio.sleep(min(options.max_wait, asked if asked is not None else delay))
        except httpx.HTTPError as err:
            return FetchResult(url=url, error=_describe(err, options), attempts=attempts)


def client_for(options: FetchOptions) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` with the options' timeouts, pool size and User-Agent."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout, pool=None),
        limits=httpx.Limits(
            max_connections=options.concurrency, max_keepalive_connections=options.concurrency
        ),
        headers={"User-Agent": options.user_agent},
        follow_redirects=False,
    )


async def fetch_many(
    requests: Sequence[tuple[str, Validators | None]],
    options: FetchOptions | None = None,
    on_done: Callable[[int, FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every ``(url, validators)``, at most ``options.concurrency`` at a time, in order.

    ``on_done(index, result)`` is called as each finishes (for progress display).
    """
    options = options or FetchOptions()
    gate = asyncio.Semaphore(max(1, options.concurrency))
    async with client_for(options) as client:

        async def one(i: int, url: str, validators: Validators | None) -> FetchResult:
            async with gate:
                result = await fetch_one(client, url, validators, options)
            if on_done is not None:
                on_done(i, result)
            return result

        return list(await asyncio.gather(*(one(i, u, v) for i, (u, v) in enumerate(requests))))


def fetch(
    url: str, validators: Validators | None = None, options: FetchOptions | None = None
) -> FetchResult:
    """Fetch one page synchronously (a convenience over :func:`fetch_many`)."""
    return asyncio.run(fetch_many([(url, validators)], options))[0]
