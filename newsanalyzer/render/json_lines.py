"""JSON output: `jsonl` one compact object per line; `json` one pretty object
(or an array of them when several documents are given)."""

from __future__ import annotations

import json

from newsanalyzer.model import Analysis, Meta
from newsanalyzer.render.records import document_record, tokens_record

# made once: json.dumps would build an encoder for every document. A record is a
# fresh tree of dicts and lists, never circular: the encoder need not track every
# container it enters to find out (a tenth of the encoding time).
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False)
_INDENTED = json.JSONEncoder(ensure_ascii=False, allow_nan=False, indent=2, check_circular=False)


class JsonRenderer:
    def __init__(self, view: str, out, *, lines: bool):
        self.view, self.out, self.lines = view, out, lines
        self.pending: str | None = None  # `json`: held back until we know if an array is needed
        self.count = 0

    @staticmethod
    def prepare(view: str, lines: bool, doc_id: str, analysis: Analysis, include_text: bool = False, meta: Meta | None = None) -> str:
        """The JSON text of one document (pure: may run in a worker process).

        `include_text`: the analysed text is not the input's (HTML, a URL), so offsets need it beside them;
        `meta`: the page's title, author, date and url (an extra key).
        """
        record = tokens_record(doc_id, analysis) if view == "tokens" else document_record(doc_id, analysis)
        if meta is not None:
            record["meta"] = {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url}
        if include_text:
            record["text"] = analysis.text
        return (_ONE_LINE if lines else _INDENTED).encode(record)

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        self.write(doc_id, self.prepare(self.view, self.lines, doc_id, analysis, include_text))

    def write(self, doc_id: str, body: str) -> None:
        if self.lines:
            self.out.write(body + "\n")
            self.out.flush()
            return
        if self.count == 0:
            self.pending = body
        else:
            if self.pending is not None:
                self.out.write("[\n" + self.pending)
                self.pending = None
            self.out.write(",\n" + body)
        self.count += 1

    def close(self) -> None:
        if self.lines:
            return
        if self.pending is not None:
            self.out.write(self.pending + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")
        self.out.flush()
