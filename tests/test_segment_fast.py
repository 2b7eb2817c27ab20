"""Fast paths of textblob_data.py against the code they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsanalyzer import textblob_data

scores = st.one_of(st.floats(allow_nan=False, width=64), st.sampled_from([0.0, -0.0, 0.1, -0.1, 1.0, 5e-324, -5e-324, 1e308]))


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(scores, scores, scores), min_size=1, max_size=6))
def test_column_averages_are_textblobs_floats(rows):
    """`_averages` gives `[_avg(column) ...]`, bit for bit (signed zeros included)."""
    expected = [textblob_data._avg(column) for column in zip(*rows)]
    got = textblob_data._averages(rows)
    assert list(map(repr, got)) == list(map(repr, expected))  # (repr tells -0.0 from 0.0)
    again = [textblob_data._avg(column) for column in zip(got)]
    assert list(map(repr, textblob_data._averages([got]))) == list(map(repr, again))
