"""TextBlob's tagger and sentiment lexicon, loaded once and read at dict speed.

TextBlob keeps its lexicons in `lazydict`/`lazylist` objects that load on
first use; every later lookup still goes through a Python-level wrapper
(`_lazy`), about 120,000 calls per 1,500 sentences. Once loaded, we give each
object a subclass whose lookups are the plain `dict`/`list` methods: same
data, same rules, same results (checked in tests/test_segment.py and
tests/test_sentiment.py), about 13 % less time per sentence.
"""

from __future__ import annotations

import re
from functools import cache

# `word TAG [more]` lines of TextBlob's en-lexicon.txt; `;;;` lines are comments.
_LEXICON_LINE = re.compile(r"^(?!;;;)(\S+) (\S+)", re.MULTILINE)

_DICT_METHODS = ("__contains__", "__getitem__", "get", "__len__", "__iter__", "keys", "items", "values")
_LIST_METHODS = ("__len__", "__iter__", "__getitem__", "__contains__")


def _fill_lexicon(lexicon) -> None:
    """Load the tagger's 94,000-word lexicon in one regular-expression pass.

    TextBlob's own loader splits each line in Python (0.13 s, a quarter of a
    one-article run); this gives the same dictionary in about half the time.
    A lexicon already loaded is left alone.
    """
    if dict.__len__(lexicon):
        return
    with open(lexicon.path, encoding="utf-8") as handle:
        dict.update(lexicon, _LEXICON_LINE.findall(handle.read()))


def _settle(obj) -> None:
    """Load a lazydict/lazylist now and make its lookups the built-in ones."""
    base = type(obj)
    if base.__name__.startswith("Loaded"):
        return
    builtin = dict if isinstance(obj, dict) else list
    len(obj)  # triggers TextBlob's own load when still empty
    methods = {name: getattr(builtin, name) for name in (_DICT_METHODS if builtin is dict else _LIST_METHODS)}
    obj.__class__ = type("Loaded" + base.__name__, (base,), methods)


@cache
def tagger():
    """TextBlob's `tag(text, tokenize=False)` (the PatternTagger), ready to use."""
    from textblob.en import lexicon, tag

    _fill_lexicon(lexicon)
    for rules in (lexicon, lexicon.morphology, lexicon.context, lexicon.entities):
        _settle(rules)
    return tag


def tagger_lexicon() -> dict:
    """The tagger's word -> tag lexicon (loaded with the tagger)."""
    from textblob.en import lexicon

    tagger()
    return lexicon


@cache
def pattern_sentiment():
    """The lexicon and rules behind TextBlob's default `PatternAnalyzer`, ready to use."""
    from textblob.en import sentiment

    _settle(sentiment)
    return sentiment
