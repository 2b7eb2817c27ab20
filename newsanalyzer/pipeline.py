"""The analysis pipeline: an ordered list of pure stages over an `Analysis`.

Each stage reads some fields of the `Analysis` and returns a copy with more
fields filled in; none changes its input, and none changes the text, so every
span indexes the original text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsanalyzer.frozen import GeneratedCode, copier
from newsanalyzer.model import Analysis

# The code of the methods `dataclass` writes (and of the copiers) below, compiled once (frozen.py).
_generated_code = GeneratedCode.kept_for(__file__)


@dataclass(frozen=True)
class Config:
    """Options of the analysis (every field has a sensible default)."""

    neutral_band: float = 0.05  # |polarity| under this is labelled neutral
    sentiment: bool = True  # score sentiment (quotes, mentions, actors, article)
    stages: tuple[str, ...] = ("segment", "actors", "quotes", "sentiment", "sources")  # a prefix of STAGES


# What each stage adds: copies as `dataclasses.replace` makes them, through the slots (frozen.py).
_with_segments = copier(Analysis, "paragraphs", "sentences", "tokens")
_with_actors = copier(Analysis, "actors")
_with_quotes = copier(Analysis, "quotes")
_with_sentiments = copier(Analysis, "quotes", "actors", "sentiment", "sentence_sentiments")
_generated_code.close()


def segment_stage(doc: Analysis, config: Config) -> Analysis:
    """Reads text; adds paragraphs, sentences and tagged tokens."""
    from newsanalyzer.segment import segment

    paragraphs, sentences, tokens = segment(doc.text)
    return _with_segments(doc, paragraphs, sentences, tokens)


def actors_stage(doc: Analysis, config: Config) -> Analysis:
    """Reads sentences and tokens; adds actors with their mentions (pronouns resolved)."""
    from newsanalyzer.actors import find_actors

    return _with_actors(doc, find_actors(doc.text, doc.sentences, doc.tokens))


def quotes_stage(doc: Analysis, config: Config) -> Analysis:
    """Reads paragraphs, sentences, tokens and actors; adds quotes with speakers and cues."""
    from newsanalyzer.quotes import find_quotes

    return _with_quotes(doc, find_quotes(doc.text, doc.paragraphs, doc.sentences, doc.tokens, doc.actors))


def sentiment_stage(doc: Analysis, config: Config) -> Analysis:
    """Reads quotes, actors and sentences; adds sentiment to each and the article's tone."""
    from newsanalyzer import sentiment

    if not config.sentiment:
        return _with_actors(doc, sentiment.aggregate(doc.actors, doc.quotes, config.neutral_band))
    quotes = sentiment.score_quotes(doc.quotes, doc.tokens, config.neutral_band)
    actors = sentiment.score_actors(doc.text, doc.sentences, doc.actors, quotes, config.neutral_band)
    per_sentence = sentiment.sentence_sentiments(doc.sentences, doc.tokens, config.neutral_band)
    tone = sentiment.document_sentiment(per_sentence, config.neutral_band)
    return _with_sentiments(doc, quotes, actors, tone, per_sentence)


def sources_stage(doc: Analysis, config: Config) -> Analysis:
    """Reads actors and text; adds how each person is referred to (pronouns, honorifics)."""
    from newsanalyzer.sources import with_referred_as

    return _with_actors(doc, with_referred_as(doc.actors, doc.text))


STAGES: dict[str, Callable[[Analysis, Config], Analysis]] = {
    "segment": segment_stage,
    "actors": actors_stage,
    "quotes": quotes_stage,
    "sentiment": sentiment_stage,
    "sources": sources_stage,
}


def analyze(text: str, config: Config | None = None) -> Analysis:
    """Analyze one article. Pure: the same text and config give the same result."""
    config = config or Config()
    doc = Analysis(text=text)
    for name, stage in STAGES.items():
        if name in config.stages:
            doc = stage(doc, config)
    return doc
