"""TextBlob's tagger and sentiment lexicon, loaded once and read at dict speed.

TextBlob keeps its lexicons in `lazydict`/`lazylist` objects that load on
first use; every later lookup still goes through a Python-level wrapper
(`_lazy`), about 120,000 calls per 1,500 sentences. Once loaded, we give each
object a subclass whose lookups are the plain `dict`/`list` methods: same
data, same rules, same results (checked in tests/test_segment.py and
tests/test_sentiment.py), about 13 % less time per sentence. The tagger
needs neither TextBlob's loader nor its parser: fast_tagger.py reads the
same lexicon file and gives the same tags.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

_DICT_METHODS = ("__contains__", "__getitem__", "get", "__len__", "__iter__", "keys", "items", "values")
_LIST_METHODS = ("__len__", "__iter__", "__getitem__", "__contains__")


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
    """TextBlob's PatternTagger for tokenized words, ready to use.

    `tagger()(words)` gives the tags `textblob.en.tag(" ".join(words), tokenize=False)`
    gives, from TextBlob's lexicon file and rules, without TextBlob's overhead
    (see fast_tagger.py).
    """
    from newsanalyzer.fast_tagger import WordTagger

    return WordTagger.from_textblob()


def tagger_lexicon() -> Mapping[str, str]:
    """The tagger's word -> tag lexicon (loaded with the tagger)."""
    return tagger().lexicon


@cache
def pattern_sentiment():
    """The lexicon and rules behind TextBlob's default `PatternAnalyzer`, ready to use."""
    from textblob.en import sentiment

    _settle(sentiment)
    return sentiment
