"""Derived data kept between runs, so that a fresh process starts faster.

Reading TextBlob's tagger and sentiment lexicons and our model's weights, and
deriving the tables we look words up in, takes about a quarter of a fresh
process's start (some 60 ms here). What comes out is plain data (lists, dicts,
tuples, strings and numbers), which `marshal` writes and reads back in a few
milliseconds. A cache file is named after what it holds and a digest of what
it was derived from: the source files' paths, sizes and modification times
(what Python's own bytecode cache checks), our version and Python's; the
file also holds that description whole, and is read back only when it is
the same (so a digest shared by chance never passes for another's). A
missing, stale, unreadable or unwritable cache only means deriving the data
again; nothing is ever required to be written.

`NEWSANALYZER_CACHE_DIR` chooses the folder (set but empty: no cache); by
default `$XDG_CACHE_HOME/newsanalyzer`, else `~/.cache/newsanalyzer`. Like
the bytecode cache, it trusts the files in that folder: marshal data is not
code, but only the user should be able to write there.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from binascii import crc32
from collections.abc import Callable, Iterable
from typing import TypeVar

from newsanalyzer._version import __version__

T = TypeVar("T")

ENV = "NEWSANALYZER_CACHE_DIR"
# Files of the same data from other sources kept: installations side by side (two virtual
# environments, other versions) each find theirs rather than deriving it anew in turn.
_VERSIONS_KEPT = 4
MISSING = object()  # what `lookup` returns when nothing is kept


def folder() -> str | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return chosen or None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home to be found: rather no cache than a "~" folder where we stand
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "newsanalyzer")


def _identity(name: str, sources: Iterable[str]) -> str | None:
    """What the data named `name` derives from, as a string, or None if a source cannot be checked."""
    try:
        stats = [(os.path.abspath(path), st.st_size, st.st_mtime_ns) for path in sources for st in [os.stat(path)]]
    except (OSError, TypeError, ValueError):
        return None
    return repr((name, __version__, sys.version, sys.implementation.cache_tag, stats))


def load(name: str, sources: Iterable[str], build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """`build()`, read from the cache when it holds the value for these `sources` (files), else
    built and written there. `valid` tells a value read back from a damaged file (False: built anew)."""
    sources = list(sources)
    value = lookup(name, sources, valid)
    if value is MISSING:
        value = build()
        save(name, sources, value)
    return value


def lookup(name: str, sources: Iterable[str], valid: Callable[[object], bool]) -> object:
    """The value kept for `name` and these `sources`, or MISSING (none kept, or not `valid`)."""
    where = folder()
    identity = _identity(name, sources) if where else None
    if identity is None:
        return MISSING
    try:
        with open(_path(where, name, identity), "rb") as handle:
            stored = marshal.loads(handle.read())
        if type(stored) is tuple and len(stored) == 2 and stored[0] == identity and valid(stored[1]):
            return stored[1]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return MISSING


def save(name: str, sources: Iterable[str], value: object) -> None:
    """Keep `value` for `name` and these `sources`, if caching is on and they can be checked."""
    where = folder()
    identity = _identity(name, sources) if where else None
    if identity is not None:
        _write(where, name, _path(where, name, identity), (identity, value))


def _path(where: str, name: str, identity: str) -> str:
    # The file's name tells versions apart (a CRC: no need for hashlib's import), its first item says whose it is.
    return os.path.join(where, f"{name}-{crc32(identity.encode('utf-8', 'surrogateescape')):08x}.marshal")


def _write(where: str, name: str, path: str, value: object) -> None:
    """Write `value` (what the data derives from, and the data) to `path` whole or not at all (a process reading it never sees half a file),
    and remove the oldest files of `name` beyond the newest few."""
    try:
        data = marshal.dumps(value)
        import tempfile  # only when writing: its import is not free

        os.makedirs(where, mode=0o700, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}-")
    except (OSError, ValueError):  # a read-only folder, a value marshal cannot write: no cache
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:  # a full disk
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    with contextlib.suppress(OSError):
        versions = [e for e in os.scandir(where) if e.name.startswith(f"{name}-") and e.name.endswith(".marshal")]
        versions.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for entry in versions[_VERSIONS_KEPT:]:
            os.unlink(entry.path)
