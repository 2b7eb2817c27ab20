"""One renderer per output format, registered in `RENDERERS`.

A renderer is created for one command's view (`analyze`, `quotes`, `actors`,
`sentiment` or `tokens`) and an output stream (`html` is one self-contained
page: a renderer may write its opening only once it has a document); `document()` is called once per
analysed document, in input order, and `close()` at the end, so output streams
and memory stays bounded. `document()` is `write(prepare(...))`: `prepare`
is pure and may run in a worker process (`--jobs`), so that the parent only
writes text it receives.
"""

from __future__ import annotations

from typing import Protocol

from newsanalyzer.model import Analysis, Meta

FORMATS = ("table", "json", "jsonl", "csv", "html")


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
    if fmt == "html":
        from newsanalyzer.render.html_report import HtmlRenderer

        return HtmlRenderer(view, out)
    raise ValueError(f"unknown format {fmt!r}")


def prepare(
    fmt: str, view: str, doc_id: str, analysis: Analysis, include_text: bool = False, meta: Meta | None = None,
    *, always_include_text: bool = False,
):
    """What `make_renderer(fmt, view, ...).write` takes for one document; picklable.

    `include_text`: the analysed text is not the input's (HTML, a URL), so JSON
    carries it (`always_include_text`: for every document, `--include-text`);
    `meta`: what a web page says about itself (title, author, date, url).
    """
    if fmt in ("json", "jsonl") and view != "summary":
        from newsanalyzer.render.json_lines import JsonRenderer

        return JsonRenderer.prepare(view, fmt == "jsonl", doc_id, analysis, include_text or always_include_text, meta)
    if fmt == "csv" and view != "summary":
        from newsanalyzer.render.csv_rows import CsvRenderer

        return CsvRenderer.prepare(view, doc_id, analysis)
    if fmt == "html" and view != "summary":
        from newsanalyzer.render.html_report import HtmlRenderer

        return HtmlRenderer.prepare(view, doc_id, analysis, meta)
    return analysis  # tables and the corpus summary work on the analysis itself
