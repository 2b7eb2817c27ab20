"""Fetching an article from an http(s) URL with the standard library.

One request per URL, a total time limit, a size limit, and a User-Agent that
names the tool and its version. Every failure is a `FetchError` with a short
message for one stderr line (no traceback).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newsanalyzer._version import __version__
from newsanalyzer.inputs import URL_PREFIXES

USER_AGENT = f"newsanalyzer/{__version__} (offline news analysis; python-urllib)"
DEFAULT_TIMEOUT = 30.0  # seconds for the whole request, connection to last byte
_CHUNK = 1 << 16


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # media type, lower case, without parameters ("" when not given)
    charset: str | None


def is_url(item: str) -> bool:
    return item.lower().startswith(URL_PREFIXES)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int | None = None) -> Fetched:
    """The body of `url`; FetchError when it cannot be had within `timeout` seconds and `max_bytes`."""
    import http.client
    import socket
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise FetchError(f"larger than {max_bytes:,} bytes, skipped (raise the limit with --max-bytes)")
            content_type = (response.headers.get_content_type() or "") if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            return Fetched(response.geturl(), b"".join(chunks), content_type.lower(), charset)
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code} {error.reason}".rstrip()) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out after {timeout:g} s (change the limit with --timeout)") from None
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise FetchError(f"cannot fetch: {reason}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out after {timeout:g} s (change the limit with --timeout)") from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"cannot fetch: {getattr(error, 'strerror', None) or error or type(error).__name__}") from None
    except ValueError as error:  # a malformed URL (`http://`, bad port)
        raise FetchError(f"not a valid URL ({error})") from None
