"""A fuzzing target: arbitrary bytes through decoding, analysis and every renderer.

Quick in the normal test run; a long run, for a few minutes:
    NEWSANALYZER_FUZZ_EXAMPLES=200000 timeout 300 pytest tests/test_fuzz.py -x
Whatever it finds is fixed and kept below as a regression example.
"""

from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsanalyzer import analyze
from newsanalyzer.inputs import UsageProblem, decode
from newsanalyzer.markup import blank_markup, looks_like_html
from newsanalyzer.render.csv_rows import CsvRenderer
from newsanalyzer.render.json_lines import JsonRenderer
from newsanalyzer.render.table import TableRenderer

EXAMPLES = int(os.environ.get("NEWSANALYZER_FUZZ_EXAMPLES", "60"))
FRAGMENTS = ["“", "”", '"', "''", "‘", "’", "«", "»", "„", " said ", " told ", "according to ", "Mr. ", "U.S.", "\n\n", "\r\n",
             "\x00", "\ufeff", "<p>", "</p>", "<script>", " he ", " Kim Jong Un ", ":", ",", ".", "\u2028", "\ud800"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=80).map("".join)
raw = st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8", "surrogatepass")))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(raw)
@example(b"\xef\xbb\xbf\xff\xfe")  # a UTF-8 BOM before a UTF-16 one
@example("“".encode() * 500 + b" said")
@example("he said ''".encode())
def test_any_bytes_decode_analyze_and_render(data):
    try:
        text = decode(data)
    except (ValueError, UsageProblem):
        return  # the documented input errors
    if looks_like_html(text):
        text = blank_markup(text)
    analysis = analyze(text)
    for span in [*analysis.tokens, *analysis.quotes, *(m for a in analysis.actors for m in a.mentions)]:
        assert text[span.start : span.end] == span.text
    out = io.StringIO()
    json_renderer = JsonRenderer("analyze", out, lines=True)
    json_renderer.document("fuzz", analysis)
    json.loads(out.getvalue())
    CsvRenderer("analyze", io.StringIO()).document("fuzz", analysis)
    TableRenderer("analyze", io.StringIO()).document("fuzz", analysis)
