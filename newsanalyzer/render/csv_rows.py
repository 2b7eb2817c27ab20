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

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        for row in csv_rows(self.view, doc_id, analysis):
            self.writer.writerow([neutralize(v) for v in row])
        self.out.flush()

    def close(self) -> None:
        self.out.flush()
