"""Invariants over arbitrary text: no crash, every span slices back, strict JSON, determinism."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsanalyzer import analyze
from newsanalyzer.render.records import document_record

MARKS = "“”\"'‘’«»„ ''"
news_like = st.lists(
    st.one_of(
        st.sampled_from(["said", "Kim", "Putin", "he", "she", "according to", "told", "the", "U.S.", "Mr.", ".", ",", ":", "\n", "\n\n"]),
        st.sampled_from(list(MARKS)),
        st.text(min_size=1, max_size=8),
    ),
    max_size=60,
).map(" ".join)
any_text = st.one_of(st.text(max_size=300), news_like)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans_of(record):
    for q in record["quotes"]:
        yield q
        for key in ("speaker", "cue"):
            if q[key] is not None:
                yield q[key]
    for actor in record["actors"]:
        yield from actor["mentions"]


@SETTINGS
@given(any_text)
def test_every_span_slices_back_and_json_is_strict(text):
    analysis = analyze(text)
    record = document_record("doc", analysis)
    for span in spans_of(record):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]
    names = {a["name"] for a in record["actors"]}
    for q in record["quotes"]:
        assert q["kind"] in ("direct", "mixed", "indirect")
        assert q["actor"] is None or q["actor"] in names
    json.loads(json.dumps(record, allow_nan=False))


@SETTINGS
@given(any_text)
def test_polarities_are_bounded_and_labels_valid(text):
    analysis = analyze(text)
    values = [analysis.sentiment] + [q.sentiment for q in analysis.quotes]
    values += [a.said for a in analysis.actors] + [a.received for a in analysis.actors]
    for s in values:
        assert -1.0 <= s.polarity <= 1.0 and 0.0 <= s.subjectivity <= 1.0
        assert s.label in ("negative", "neutral", "positive")
    for a in analysis.actors:
        for m in a.mentions:
            assert -1.0 <= m.polarity <= 1.0 and m.label in ("negative", "neutral", "positive")


@settings(max_examples=40, deadline=None)
@given(any_text)
def test_analysis_is_deterministic(text):
    assert document_record("d", analyze(text)) == document_record("d", analyze(text))


def test_a_long_line_with_an_unbalanced_quote_is_fast():
    import time

    text = ("“He said the plan, which officials said was sound, would work " * 2000) + "\n"
    started = time.perf_counter()
    analysis = analyze(text)
    assert time.perf_counter() - started < 20
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)
