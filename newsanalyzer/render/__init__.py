"""One renderer per output format, registered in `RENDERERS`.

A renderer is created for one command's view (`analyze`, `quotes`, `actors`,
`sentiment` or `tokens`) and an output stream; `document()` is called once per
analysed document, in input order, and `close()` at the end, so output streams
and memory stays bounded. `document()` is `write(prepare(...))`: `prepare`
is pure and may run in a worker process (`--jobs`), so that the parent only
writes text it receives.
"""

from __future__ import annotations

from typing import Protocol

from newsanalyzer.model import Analysis

FORMATS = ("table", "json", "jsonl", "csv")
VIEWS = ("analyze", "quotes", "actors", "sentiment", "tokens")


class Renderer(Protocol):
    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None: ...

    def write(self, doc_id: str, payload) -> None: ...

    def close(self) -> None: ...


def make_renderer(fmt: str, view: str, out, *, color: bool = False) -> Renderer:
    """The renderer for `fmt`, imported only when used (Rich stays off the --help path)."""
    if fmt == "table":
        from newsanalyzer.render.table import TableRenderer

        return TableRenderer(view, out, color=color)
    if fmt in ("json", "jsonl"):
        from newsanalyzer.render.json_lines import JsonRenderer

        return JsonRenderer(view, out, lines=fmt == "jsonl")
    if fmt == "csv":
        from newsanalyzer.render.csv_rows import CsvRenderer

        return CsvRenderer(view, out)
    raise ValueError(f"unknown format {fmt!r}")


def prepare(fmt: str, view: str, doc_id: str, analysis: Analysis, include_text: bool = False):
    """What `make_renderer(fmt, view, ...).write` takes for one document; picklable."""
    if fmt in ("json", "jsonl") and view != "summary":
        from newsanalyzer.render.json_lines import JsonRenderer

        return JsonRenderer.prepare(view, fmt == "jsonl", doc_id, analysis, include_text)
    if fmt == "csv" and view != "summary":
        from newsanalyzer.render.csv_rows import CsvRenderer

        return CsvRenderer.prepare(view, doc_id, analysis)
    return analysis  # tables and the corpus summary work on the analysis itself
