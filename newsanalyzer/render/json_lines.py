"""JSON output: `jsonl` one compact object per line; `json` one pretty object
(or an array of them when several documents are given)."""

from __future__ import annotations

import json

from newsanalyzer.model import Analysis
from newsanalyzer.render.records import document_record, tokens_record


class JsonRenderer:
    def __init__(self, view: str, out, *, lines: bool):
        self.view, self.out, self.lines = view, out, lines
        self.pending: str | None = None  # `json`: held back until we know if an array is needed
        self.count = 0

    def _record(self, doc_id: str, analysis: Analysis, include_text: bool) -> dict:
        record = tokens_record(doc_id, analysis) if self.view == "tokens" else document_record(doc_id, analysis)
        if include_text:
            record["text"] = analysis.text
        return record

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        """`include_text`: the analysed text is not the input's (HTML), so offsets need it beside them."""
        record = self._record(doc_id, analysis, include_text)
        if self.lines:
            self.out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
            self.out.flush()
            return
        body = json.dumps(record, ensure_ascii=False, allow_nan=False, indent=2)
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
