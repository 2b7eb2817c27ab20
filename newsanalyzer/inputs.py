"""Reading input documents: files, folders, standard input and JSON Lines.

Bytes are decoded strictly: one UTF-8 byte-order mark is dropped, UTF-16 with
a byte-order mark is recognised, and newlines are never translated, so every
offset indexes exactly the text a user would get by decoding the file.
Problems are values (`InputProblem`), so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

JSONL_SUFFIXES = (".jsonl", ".ndjson")
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    from_html: bool = False  # the text is HTML with its markup blanked out (same offsets)


def display_name(path: str) -> str:
    """A path as valid text: bytes that are not UTF-8 in a file name are shown as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _document(identifier: str, text: str) -> Document:
    from newsanalyzer.markup import blank_markup, looks_like_html

    if looks_like_html(text):
        return Document(identifier, blank_markup(text), from_html=True)
    return Document(identifier, text)


@dataclass(frozen=True)
class InputProblem:
    id: str
    message: str


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
            files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not files:
                yield InputProblem(raw, "folder has no *.txt files")
            for file in files:
                yield str(file)
        else:
            yield raw


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
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) one at a time, in input order; streams JSON Lines.

    A file or JSON Lines record over `max_bytes` is refused with a message
    rather than read into memory.
    """
    limit = max_bytes if max_bytes is not None else sys.maxsize
    for item in expand(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        is_jsonl = jsonl if jsonl is not None else item.endswith(JSONL_SUFFIXES)
        try:
            if item == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                if is_jsonl:
                    yield from _jsonl_records("-", stream, encoding, limit)
                    continue
                data = stream.read(_read_size(limit))
            else:
                if is_jsonl:
                    with open(item, "rb") as handle:
                        yield from _jsonl_records(display_name(item), handle, encoding, limit)
                    continue
                with open(item, "rb") as handle:
                    data = handle.read(_read_size(limit))
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
        item = display_name(item)
        if len(data) > limit:
            yield InputProblem(item, f"larger than {limit:,} bytes, skipped (raise the limit with --max-bytes)")
            continue
        try:
            yield _document(item, decode(data, encoding))
        except ValueError as error:
            yield InputProblem(item, str(error))


def _read_size(limit: int) -> int:
    """Read one byte past the limit to tell "at the limit" from "over it"; -1 means all."""
    return -1 if limit >= sys.maxsize else limit + 1


def _jsonl_records(name: str, stream, encoding: str | None, limit: int = sys.maxsize) -> Iterator[Document | InputProblem]:
    """One document per JSON line {"id": ..., "text": ...}; bad lines are problems."""
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
        yield _document(str(identifier) if identifier is not None else where, record["text"])
