"""Reading input documents: files, folders, standard input, JSON Lines and URLs.

HTML (a .html/.htm file, a page fetched from a URL, or text that looks like
HTML) becomes its article's main text and metadata (`newsanalyzer.extract`);
when no main text is found, the page's markup is blanked out instead
(`newsanalyzer.markup`) and the document carries a note saying so.

Bytes are decoded strictly: one UTF-8 byte-order mark is dropped, UTF-16 with
a byte-order mark is recognised, and newlines are never translated, so every
offset indexes exactly the text a user would get by decoding the file.
Problems are values (`InputProblem`), so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsanalyzer.frozen import GeneratedCode
from newsanalyzer.model import Meta

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
BINARY_SNIFF_BYTES = 8192
# Compiled on first use (by `re`'s cache): only web pages that are not UTF-8 need it.
_META_CHARSET = rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})"""
URL_PREFIXES = ("http://", "https://")  # what `fetch` fetches (fetch.py is imported only for a URL)
FALLBACK_NOTE = "no main text found in this HTML; analysing all its text with the markup blanked out"


# The code of the methods `dataclass` writes below, compiled once (frozen.py).
_generated_code = GeneratedCode.kept_for(__file__)


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    from_html: bool = False  # the text was taken out of HTML (the article's main text, or the page with its markup blanked)
    meta: Meta | None = None  # what a web page says about itself; also set for any URL
    note: str | None = None  # how the text was obtained, when people should know (shown on stderr)

    @property
    def include_text(self) -> bool:
        """The analysed text is not the input's bytes, so the JSON must carry it for offsets to slice."""
        return self.from_html or self.meta is not None


def display_name(path: str) -> str:
    """A path as valid text: bytes that are not UTF-8 in a file name are shown as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _document(identifier: str, text: str, *, html: bool | None = None, hint: bool = False, url: str | None = None) -> Document:
    """A document from decoded text: HTML (forced by `html`, hinted by the source, or sniffed) becomes its article."""
    from newsanalyzer.markup import looks_like_html

    if html is False or not (html or hint or looks_like_html(text)):
        return Document(identifier, text, meta=Meta(url=url) if url else None)
    return html_document(identifier, text, url=url)


def html_document(identifier: str, page: str, *, url: str | None = None) -> Document:
    """The article in an HTML page, or (no main text found) the page with its markup blanked out."""
    from newsanalyzer.extract import extract_article
    from newsanalyzer.markup import blank_markup

    found = extract_article(page, url)
    if found is None:
        return Document(identifier, blank_markup(page), from_html=True, meta=Meta(url=url), note=FALLBACK_NOTE)
    text, meta = found
    return Document(identifier, text, from_html=True, meta=meta)


def _is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def decode_html(data: bytes, encoding: str | None = None, declared: str | None = None) -> str:
    """An HTML page's text: `encoding` if given, else strict UTF-8 (BOMs honoured),
    else the charset the server or the page's <meta> declares."""
    if encoding:
        return decode(data, encoding)
    try:
        return decode(data)
    except ValueError as first:
        match = re.search(_META_CHARSET, data[:4096], re.IGNORECASE)
        for name in (declared, match.group(1).decode("ascii") if match else None):
            if not name or name.lower().replace("-", "") == "utf8":
                continue
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
        raise first


@dataclass(frozen=True)
class InputProblem:
    id: str
    message: str


_generated_code.close()


class UsageProblem(Exception):
    """Input arguments that cannot work at all (exit status 2)."""


def decode(data: bytes, encoding: str | None = None) -> str:
    """Text from bytes: strict UTF-8 (or `encoding`), BOMs removed; ValueError explains failures."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise UsageProblem(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as error:
            raise ValueError(f"not valid {encoding} at byte {error.start}") from None
        return text[1:] if text.startswith("\ufeff") else text
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValueError(f"not valid UTF-16 at byte {error.start}") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ValueError("binary file (contains NUL bytes), skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        hint = ""
        if any(b in data for b in (b"\x93", b"\x94", b"\x91", b"\x92", b"\x96", b"\x97")):
            hint = " (it looks like Windows-1252: try --encoding cp1252)"
        else:
            hint = " (say what it is with --encoding)"
        raise ValueError(f"not valid UTF-8 at byte {error.start}{hint}") from None


def expand(paths: Iterable[str]) -> Iterator[str | InputProblem]:
    """Paths as given, with each folder replaced by its *.txt files in sorted order."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            files = _text_files(path)
            if not files:
                yield InputProblem(raw, "folder has no *.txt files")
            yield from files
        else:
            yield raw


def _text_files(folder: Path) -> list[str]:
    """The paths of the folder's *.txt files (not folders), in the order they sort.

    One scan of the folder: each entry knows its type without a stat per file.
    The paths share their parent, so they sort by name (case-folded on
    Windows, as pathlib does), without comparing Path objects.
    """
    with os.scandir(folder) as entries:
        # `Path.suffix` is ".txt" for `a.txt`, not for a file named `.txt`
        names = [e.name for e in entries if e.name.endswith(".txt") and len(e.name) > 4 and e.is_file()]
    names.sort(key=str.lower if os.name == "nt" else None)
    # str(folder / name) is the folder's path as pathlib writes it, then the name (an
    # entry's name holds no separator): found once, not with a Path per file (10 us each)
    prefix = str(folder / "_")[:-1]
    return [prefix + name for name in names]


def count_inputs(paths: Iterable[str], jsonl: bool | None) -> int | None:
    """How many documents the inputs hold, when that is known without reading them."""
    count = 0
    for item in expand(paths):
        if isinstance(item, InputProblem):
            continue
        if item == "-" or jsonl or (jsonl is None and item.endswith(JSONL_SUFFIXES)):
            return None
        count += 1
    return count


def read_documents(
    paths: Iterable[str],
    *,
    encoding: str | None = None,
    jsonl: bool | None = None,
    stdin=None,
    max_bytes: int | None = None,
    html: bool | None = None,
    timeout: float | None = None,
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) one at a time, in input order; streams JSON Lines.

    A file or JSON Lines record over `max_bytes` is refused with a message
    rather than read into memory. `html`: True reads every input as HTML,
    False never, None by extension, content type or content. `timeout`:
    seconds allowed for fetching each http(s) URL.
    """
    limit = max_bytes if max_bytes is not None else sys.maxsize
    for item in expand(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        if item.lower().startswith(URL_PREFIXES):
            yield _url_document(item, encoding=encoding, html=html, timeout=timeout, max_bytes=max_bytes)
            continue
        is_jsonl = jsonl if jsonl is not None else item.endswith(JSONL_SUFFIXES)
        try:
            if item == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                if is_jsonl:
                    yield from _jsonl_records("-", stream, encoding, limit, html)
                    continue
                data = _read_limited(stream, limit)
            else:
                if is_jsonl:
                    with open(item, "rb") as handle:
                        yield from _jsonl_records(display_name(item), handle, encoding, limit, html)
                    continue
                with open(item, "rb") as handle:
                    data = _read_limited(handle, limit)
        except FileNotFoundError:
            yield InputProblem(display_name(item), "no such file")
            continue
        except IsADirectoryError:
            yield InputProblem(display_name(item), "is a folder")
            continue
        except PermissionError:
            yield InputProblem(display_name(item), "permission denied")
            continue
        except OSError as error:
            yield InputProblem(display_name(item), error.strerror or str(error))
            continue
        hint = html is None and _is_html_name(item)
        item = display_name(item)
        if len(data) > limit:
            yield InputProblem(item, f"larger than {limit:,} bytes, skipped (raise the limit with --max-bytes)")
            continue
        try:
            if html or hint:
                yield _document(item, decode_html(data, encoding), html=html, hint=hint)
            else:
                yield _document(item, decode(data, encoding), html=html)
        except ValueError as error:
            yield InputProblem(item, str(error))


def _url_document(url: str, *, encoding: str | None, html: bool | None, timeout: float | None, max_bytes: int | None) -> Document | InputProblem:
    """A page fetched over http(s): HTML by its content type, else as `_document` decides."""
    from newsanalyzer.fetch import DEFAULT_TIMEOUT, FetchError, fetch

    try:
        page = fetch(url, timeout=timeout or DEFAULT_TIMEOUT, max_bytes=max_bytes)
    except FetchError as error:
        return InputProblem(url, str(error))
    kind = page.content_type
    if html is None and kind and not kind.startswith("text/") and kind not in ("application/xhtml+xml", "application/xml"):
        return InputProblem(url, f"not a web page or text ({kind}), skipped")
    hint = html is None and kind in ("text/html", "application/xhtml+xml")
    try:
        if html or hint:
            text = decode_html(page.data, encoding, page.charset)
        else:
            text = decode(page.data, encoding or page.charset)
    except ValueError as error:
        return InputProblem(url, str(error))
    except UsageProblem:
        if encoding:
            raise
        return InputProblem(url, f"unknown charset {page.charset!r}")
    return _document(url, text, html=html, hint=hint, url=page.url)


def _read_size(limit: int) -> int:
    """Read one byte past the limit to tell "at the limit" from "over it"; -1 means all."""
    return -1 if limit >= sys.maxsize else limit + 1


_READ_CHUNK = 1 << 16  # under malloc's mmap threshold: small reads cost no system calls of their own


def _read_limited(stream, limit: int) -> bytes:
    """At most `limit` + 1 bytes: one past the limit tells "at the limit" from "over it".

    `read(limit + 1)` would allocate the whole limit (20 MB by default) for
    every file, about 80 us each; a regular file's size is known, anything
    else (pipes, terminals) is read in chunks.
    """
    try:
        size = os.fstat(stream.fileno()).st_size  # 0 for pipes and terminals
    except (AttributeError, OSError, ValueError):  # not a file descriptor (tests hand in BytesIO)
        size = 0
    want = size + 1 if size else _READ_CHUNK
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        asked = min(want, limit + 1 - total)
        chunk = stream.read(asked)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if size and len(chunk) < asked and isinstance(stream, io.BufferedReader):
            break  # a buffered file's short read is its end: no read to learn so
        want = _READ_CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _jsonl_records(
    name: str, stream, encoding: str | None, limit: int = sys.maxsize, html: bool | None = None
) -> Iterator[Document | InputProblem]:
    """One document per JSON line {"id": ..., "text": ...}; bad lines are problems."""
    import json  # only for JSON Lines input

    number = 0
    while True:
        raw = stream.readline(_read_size(limit))
        if not raw:
            break
        number += 1
        where = f"{name}:{number}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a bounded piece at a time
                raw = stream.readline(1 << 20)
            yield InputProblem(where, f"record larger than {limit:,} bytes, skipped (raise the limit with --max-bytes)")
            continue
        try:
            line = decode(raw, encoding)
        except ValueError as error:
            yield InputProblem(where, str(error))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputProblem(where, f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputProblem(where, 'record has no "text" string')
            continue
        identifier = record.get("id")
        yield _document(str(identifier) if identifier is not None else where, record["text"], html=html)
