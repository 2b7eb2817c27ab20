"""The document model's columnar token sequence."""

import pickle

import pytest

from newsanalyzer.model import Token, Tokens
from newsanalyzer.pipeline import analyze
from newsanalyzer.render.json_lines import JsonRenderer

TEXT = "Mr. Smith said on Tuesday: “We won’t back down.” Officials disagreed, he added."


def _as_tuple(tokens: Tokens) -> tuple[Token, ...]:
    return tuple(Token(s, e, x, g) for s, e, x, g in zip(tokens.starts, tokens.ends, tokens.texts, tokens.tags))


def test_tokens_read_as_the_tuple_of_their_token_objects():
    tokens = analyze(TEXT).tokens
    expected = _as_tuple(tokens)
    assert len(tokens) == len(expected) > 10
    for k in (0, 1, 5, len(expected) - 1, -1, -3):
        assert tokens[k] == expected[k]
    for piece in (slice(2, 7), slice(None, 3), slice(-4, None), slice(None, None, 2), slice(5, 2)):
        assert tokens[piece] == expected[piece]
        assert type(tokens[piece]) is tuple
    with pytest.raises(IndexError):
        tokens[len(expected)]
    assert list(tokens) == list(expected)
    assert tokens == expected and expected == tokens
    assert hash(tokens) == hash(expected)
    assert tokens.index(expected[4]) == 4 and expected[4] in tokens
    # once built, the objects are the same as those built one at a time
    assert tokens[3:9] == expected[3:9] and tokens[-2] == expected[-2]


def test_tokens_equal_by_their_columns_and_survive_pickling():
    tokens = analyze(TEXT).tokens
    again = Tokens(list(tokens.starts), list(tokens.ends), list(tokens.texts), list(tokens.tags))
    assert again == tokens and hash(again) == hash(tokens)
    assert Tokens.of(list(tokens)) == tokens and Tokens.of(tokens) is tokens
    different = Tokens(tokens.starts, tokens.ends, tokens.texts, ("NN",) * len(tokens))
    assert different != tokens and different != tuple(tokens)
    assert pickle.loads(pickle.dumps(tokens)) == tokens
    assert tokens != [*tokens]  # as a tuple, never equal to a list


def test_tokens_are_immutable_and_their_columns_agree_in_length():
    tokens = analyze(TEXT).tokens
    with pytest.raises(AttributeError):
        tokens.texts = ()
    with pytest.raises(AttributeError):
        del tokens.tags
    assert isinstance(tokens.texts, tuple) and isinstance(tokens.starts, tuple)
    with pytest.raises(ValueError):
        Tokens([0, 1], [1, 2], ["a"], ["DT", "NN"])


def test_the_analysis_and_its_json_build_no_token_objects():
    # the stages read the columns; a thousand Token objects per article would be a tenth of segmenting
    analysis = analyze(TEXT * 5)
    JsonRenderer.prepare("document", True, "x", analysis)
    assert analysis.tokens._objects is None
    assert analysis.stats.words == sum(1 for t in analysis.tokens if any(c.isalnum() for c in t.text))
