"""TextBlob's tagger and sentiment lexicon, read faster than TextBlob reads them.

The tagger needs neither TextBlob's loader nor its parser: fast_tagger.py
reads the same lexicon file and gives the same tags. TextBlob parses
en-sentiment.xml with ElementTree, keeps every attribute and averages the
WordNet synsets too (about 25 ms in a fresh process); `read_sentiment_words`
takes the five attributes scored, with TextBlob's averaging and its added
"-ly" adverbs, in about half the time (checked against TextBlob's loaded
lexicon in tests/test_sentiment.py). pattern_polarity.py reads the words once
into its own table, so TextBlob's lookups are never on a hot path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from itertools import compress, repeat
from operator import itemgetter, truediv


@cache
def tagger():
    """TextBlob's PatternTagger for tokenized words, ready to use.

    `tagger()(words)` gives the tags `textblob.en.tag(" ".join(words), tokenize=False)`
    gives, from TextBlob's lexicon file and rules, without TextBlob's overhead
    (see fast_tagger.py).
    """
    from newsanalyzer.fast_tagger import WordTagger

    return WordTagger.from_textblob()


@cache
def english_files() -> dict | None:
    """Where `textblob.en` finds its files and the tagger's default tags, read without importing
    TextBlob when the cache holds them: {"lexicon": path, "sentiment": path, "default": [tags],
    "modules": [textblob/_text.py, textblob/en/__init__.py], "suffix_rules": whether
    `fast_tagger.suffix_tag` gives `textblob._text._suffix_rules`' tags}; None when TextBlob
    is laid out otherwise (callers then ask its modules).

    Importing `textblob.en` runs textblob/_text.py (1,700 lines and some twenty regular
    expressions to compile: about 8 % of a fresh process's start); the values come from
    those two modules' code, so they are kept on disk against their sizes and times
    (disk_cache.py) and read back instead.
    """
    import importlib.util

    from newsanalyzer import disk_cache

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = os.path.abspath(spec.submodule_search_locations[0])
    modules = [os.path.join(package, "_text.py"), os.path.join(package, "en", "__init__.py")]
    files = disk_cache.load("textblob_files", modules, lambda: _english_files(modules), _is_files)
    return files if files.get("modules") == modules else None


def _english_files(modules: list[str]) -> dict:
    """`english_files()`, read from TextBlob's own modules; {} unless they are the files `modules`."""
    from textblob import _text, en

    from newsanalyzer.fast_tagger import suffix_rules_agree

    if [os.path.abspath(_text.__file__), os.path.abspath(en.__file__)] != modules:
        return {}
    return {
        "lexicon": en.parser.lexicon.path,
        "sentiment": en.sentiment.path,
        "default": list(en.parser.default),
        "modules": modules,
        "suffix_rules": suffix_rules_agree(_text._suffix_rules),
    }


def _is_files(value: object) -> bool:
    return type(value) is dict and (not value or sorted(value) == ["default", "lexicon", "modules", "sentiment", "suffix_rules"])


def tagger_lexicon() -> Mapping[str, str]:
    """The tagger's word -> tag lexicon (loaded with the tagger)."""
    return tagger().lexicon


@cache
def pattern_sentiment() -> tuple[Mapping[str, Mapping], object]:
    """The lexicon and rules behind TextBlob's default `PatternAnalyzer`: `(words, sentiment)`.

    `words` holds what `textblob.en.sentiment` holds once loaded, word ->
    {tag: (polarity, subjectivity, intensity)} (a list or a tuple, as TextBlob
    keeps it), the tag None giving the word's average over its tags.
    `sentiment` is TextBlob's object, for its rules (`negations`,
    `modifiers`, `modifier`); it is loaded only when `read_sentiment_words`
    cannot read its file.
    """
    from textblob.en import sentiment

    words = read_sentiment_words(sentiment.path)
    if words is None:  # not the file we know: TextBlob's own loader
        len(sentiment)
        words = sentiment
    return words, sentiment


# A <word> element's scored attributes, in the order en-sentiment.xml writes them;
# other attributes (wordnet_id, sense, ...) are skipped whole, quotes and all. A form
# or tag with a character XML would change (an entity, a tab or line end) does not match.
# (Compiled on first use, by `re`'s cache: only when the cached pattern table is missing.)
_SENTIMENT_WORD = (
    r'<word\s+form="([^"&\t\n\r]*)"\s+(?:[^>"]*"[^"]*"\s+)*?pos="([^"&\t\n\r]*)"\s+(?:[^>"]*"[^"]*"\s+)*?'
    r'polarity="([^"]*)"\s+subjectivity="([^"]*)"\s+intensity="([^"]*)"'
)


def read_sentiment_words(path: str) -> dict[str, dict] | None:
    """word -> {tag: scores} as `textblob.en.Sentiment.load()` builds it from `path`
    (TextBlob's defaults: no confidence threshold), or None unless the file is a
    flat list of <word> elements that `_SENTIMENT_WORD` reads as XML would.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None
    body = text[text.find("<word") :]
    elements = re.findall(_SENTIMENT_WORD, body)
    # Every element read, and nothing else in the body (no comment, no nesting) but the root's end tag.
    if not elements or body.count("<") != len(elements) + 1 or body.count("<word") != len(elements):
        return None
    if not body.rstrip().endswith("</sentiment>"):
        return None
    # `Sentiment.load`: the senses of each word and tag, in file order (a number
    # with an entity is no float: ValueError).
    elements = list(compress(elements, map(itemgetter(0), elements)))  # a word has a form
    try:
        scores = list(zip(*(map(float, map(itemgetter(k), elements)) for k in (2, 3, 4))))
    except ValueError:
        return None
    senses: dict[str, dict[str, list]] = {}
    for (form, pos, *_), sense in zip(elements, scores):
        by_pos = senses.get(form)
        if by_pos is None:
            senses[form] = {pos: [sense]}
        elif pos in by_pos:
            by_pos[pos].append(sense)
        else:
            by_pos[pos] = [sense]
    # Averaged per tag, then over the tags (the tag None), as TextBlob's `avg` does.
    words: dict[str, dict] = {}
    for form, by_pos in senses.items():
        if len(by_pos) == 1:  # most words have one tag
            [(pos, rows)] = by_pos.items()
            averaged = _averages(rows)
            words[form] = {pos: averaged, None: _averages([averaged])}
        else:
            averaged = {pos: _averages(rows) for pos, rows in by_pos.items()}
            averaged[None] = _averages(list(averaged.values()))
            words[form] = averaged
    # `textblob.en.Sentiment.load`: each adjective's scores also for its adverb ("terrible" -> "terribly").
    for form, by_pos in list(words.items()):
        if "JJ" in by_pos:
            if form.endswith("y"):
                form = form[:-1] + "i"
            form = form.removesuffix("le")
            adverb = words.setdefault(form + "ly", {})
            adverb["RB"] = adverb[None] = tuple(by_pos["JJ"])
    return words


def _averages(rows: list) -> list[float]:
    """`_avg` of each column of `rows` (a row holds one number a column): the same floats."""
    if len(rows) == 1:  # most words have one sense, or one tag
        # `sum` adds the one float to the int 0, and `_avg` divides it by 1.0 (-0.0 becomes 0.0)
        return [0.0 + value for value in rows[0]]
    return list(map(truediv, map(sum, zip(*rows)), repeat(float(len(rows)))))


def _avg(values) -> float:
    """`textblob._text.avg`, the same float."""
    return sum(values) / float(len(values) or 1)
