"""CSV output (RFC 4180): a header, then one row per quote, actor, sentence or token.

Text cells that a spreadsheet would read as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv

from newsanalyzer.model import Analysis
from newsanalyzer.render.records import CSV_COLUMNS, csv_rows

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class CsvRenderer:
    def __init__(self, view: str, out):
        self.view = view
        self.out = out
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.writer.writerow(CSV_COLUMNS[view])

    @staticmethod
    def prepare(view: str, doc_id: str, analysis: Analysis) -> list[list]:
        """The rows of one document (pure: may run in a worker process)."""
        return [[neutralize(v) for v in row] for row in csv_rows(view, doc_id, analysis)]

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        self.write(doc_id, self.prepare(self.view, doc_id, analysis))

    def write(self, doc_id: str, rows: list[list]) -> None:
        self.writer.writerows(rows)
        self.out.flush()

    def close(self) -> None:
        self.out.flush()
