"""Word lists shipped in `newsanalyzer/data/`, loaded once on first use.

A list file has one entry per line; blank lines and lines starting with `#`
are ignored. A table file has tab-separated columns.
"""

from __future__ import annotations

import os
from functools import cache

_DATA = os.path.join(os.path.dirname(__file__), "data")


def data_path(name: str) -> str:
    """Where `data/<name>` is, when the package is installed as plain files."""
    return os.path.join(_DATA, name)


def read_text(name: str) -> str:
    """The text of `data/<name>` (UTF-8)."""
    try:
        with open(os.path.join(_DATA, name), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        # not plain files (a zipped install): importlib.resources, whose import
        # costs start-up time (tempfile, zipfile) that plain files do not need
        from importlib import resources

        return resources.files("newsanalyzer").joinpath("data").joinpath(name).read_text("utf-8")


def _lines(name: str) -> list[str]:
    return [entry for line in read_text(name).splitlines() if (entry := line.strip()) and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt` as a set."""
    return frozenset(_lines(f"{name}.txt"))


@cache
def lower_words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`, lower-cased, as a set."""
    return frozenset(entry.lower() for entry in _lines(f"{name}.txt"))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """`data/<name>.tsv` as {first column: the other columns}."""
    rows = {}
    for line in _lines(f"{name}.tsv"):
        key, *values = line.split("\t")
        rows[key.strip()] = tuple(v.strip() for v in values)
    return rows
