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


suffix_pieces = st.sampled_from(["ing", "ly", "s", "is", "ous", "ss", "able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic",
                                 "ed", "ate", "ify", "ise", "ize", "-", "a", "E", "x", "I", "S", "1", "0", ",", ".", ":", "/", "%", "$", "\n", " "])


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(suffix_pieces, max_size=5).map("".join), st.sampled_from(["NN", "NNP", "XX"]))
def test_suffix_tags_and_numbers_are_textblobs(word, default_tag):
    """`fast_tagger.suffix_tag` and `_NUMBER` (used without importing TextBlob) tag as `textblob._text` does."""
    from newsanalyzer import _light_imports, fast_tagger

    _light_imports.install()
    from textblob import _text

    assert fast_tagger.suffix_tag(word, default_tag) == _text._suffix_rules([word, default_tag])[1]
    assert (fast_tagger._NUMBER.match(word) is None) == (_text.CD.match(word) is None)


def test_textblobs_files_read_back_are_those_textblob_uses(tmp_path, monkeypatch):
    """`english_files()` from the cache, as TextBlob's modules give them; the tagger made from them
    tags as the one made from TextBlob's modules."""
    from newsanalyzer import _light_imports, disk_cache, fast_tagger

    _light_imports.install()
    from textblob import _text, en

    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    try:
        for _ in range(2):  # written, then read back
            textblob_data.english_files.cache_clear()
            files = textblob_data.english_files()
            assert files == {
                "lexicon": en.parser.lexicon.path,
                "sentiment": en.sentiment.path,
                "default": list(en.parser.default),
                "modules": [_text.__file__, en.__file__],
                "suffix_rules": True,
            }
        assert fast_tagger.suffix_rules_agree(_text._suffix_rules)
        assert not fast_tagger.suffix_rules_agree(lambda pair: [pair[0], "NN"])
        words = ["The", "flimbling", "Zorbs", "1,000", "3:30", "running", "quickly", "well-known", "organize", "said", "x/y", "a\nb", "two words"]
        ours, theirs = fast_tagger.WordTagger.from_textblob(), fast_tagger.WordTagger._from_textblob_modules()
        for k in range(len(words)):
            assert ours(words[k:] + words[:k]) == theirs(words[k:] + words[:k])
    finally:
        textblob_data.english_files.cache_clear()
