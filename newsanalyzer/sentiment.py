"""Sentiment: of each quote, toward each actor mention, of each actor and of the article.

Reads sentences, tokens, actors and quotes; adds sentiment values.

- A quote's sentiment, and the article's tone (the mean over its sentences),
  come from the lexicon of TextBlob's `PatternAnalyzer` (it ships with
  textblob), applied to our tokens with TextBlob's rules (pattern_polarity.py).
- The sentiment toward an actor in a mention's sentence comes from
  `target_sentiment.score_targets`, a linear model over the words around the
  mention, trained on NewsMTSC and shipped as weights in `data/`.
- An actor's `received` sentiment is the mean over its mentions; `said` is the
  mean over the quotes attributed to it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from itertools import compress, repeat
from math import fsum
from operator import le

from newsanalyzer.frozen import GeneratedCode, copier
from newsanalyzer.model import Actor, Mention, Quote, Sentence, Sentiment, Token, Tokens
from newsanalyzer.pattern_polarity import pattern_score

NEUTRAL_BAND = 0.05  # |polarity| below this is neutral


# Copies with new values, through the slots (frozen.py; their code compiled once).
_generated_code = GeneratedCode.kept_for(__file__)
_with_mentions = copier(Actor, "mentions")
_with_totals = copier(Actor, "quotes", "said", "received")
_with_scores = copier(Actor, "mentions", "quotes", "said", "received")
_with_sentiment = copier(Quote, "sentiment")
_with_score = copier(Mention, "polarity", "label")
_new_sentiment = copier(Sentiment, "polarity", "subjectivity", "label")
_generated_code.close()
_NEUTRAL = Sentiment.neutral()  # frozen: one for all


def label_for(polarity: float, band: float = NEUTRAL_BAND) -> str:
    if polarity >= band:
        return "positive"
    if polarity <= -band:
        return "negative"
    return "neutral"


def _mean(values: list[float]) -> float:
    """`statistics.fmean` of a non-empty list (the same `fsum / n`), without its generator overhead."""
    return fsum(values) / len(values)


def _lowercased_each(texts: Sequence[str]) -> list[str] | None:
    """`[t.lower().replace("’", "'") for t in texts]` in a few calls for the whole list,
    or None (lowercase them one by one) when that shortcut cannot be shown to hold.

    Lowercasing the joined texts gives the lowercased texts joined, except for a
    capital sigma (its lower case depends on the letters around it). Blank texts,
    which TextBlob is not given, are ruled out: no whitespace anywhere, no empty
    text. A text holding the separator would split in two; the count shows it.
    """
    joined = "\0".join(texts)
    if "Σ" in joined or joined.split() != [joined]:  # a sigma, or whitespace somewhere
        return None
    words = joined.lower().replace("’", "'").split("\0")
    return words if len(words) == len(texts) and all(words) else None


def _lowercased(texts: Sequence[str]) -> list[str]:
    """The words TextBlob scores: each non-blank text lowercased, with ’ as '."""
    words = _lowercased_each(texts)
    if words is None:
        words = [t.lower().replace("’", "'") for t in texts if t.strip()]
    return words


def _sentiment(words: list[str], band: float) -> Sentiment:
    """The Sentiment of `_lowercased` words."""
    if not words:
        return _NEUTRAL
    try:
        polarity, subjectivity = pattern_score(words)
    except ZeroDivisionError:  # a negated word of intensity 0 (none in TextBlob's lexicon): neutral, as before
        return _NEUTRAL
    # max(-1.0, min(1.0, polarity)) and max(0.0, min(1.0, subjectivity)), compared as the builtins compare
    # (a NaN gives 1.0 as theirs does), without their calls.
    polarity = polarity if polarity < 1.0 else 1.0
    polarity = polarity if polarity > -1.0 else -1.0
    subjectivity = subjectivity if subjectivity < 1.0 else 1.0
    subjectivity = subjectivity if subjectivity > 0.0 else 0.0
    return _new_sentiment(round(polarity, 4), round(subjectivity, 4), label_for(polarity, band))


def words_sentiment(words: Sequence[str], band: float = NEUTRAL_BAND) -> Sentiment:
    """TextBlob's PatternAnalyzer polarity and subjectivity of already tokenized words.

    The same lexicon and rules (negation, intensifiers) as `PatternAnalyzer`
    on a string, without tokenizing the text a second time.
    """
    return _sentiment(_lowercased(words), band)


def _document_words(texts: tuple[str, ...]) -> list[str] | None:
    """`_lowercased_each(texts)` for a document's token texts, lowercased once for the
    whole document: `score_quotes` and `sentence_sentiments` both read them. (A tuple
    cannot change: the last one is kept, with its words, for the next call.)"""
    last = _last_words[0]
    if last[0] is not texts:
        last = _last_words[0] = (texts, _lowercased_each(texts))
    return last[1]


_last_words: list[tuple] = [(None, None)]  # the texts last given to `_document_words`, with their words (one tuple: thread-safe)


def sentence_sentiments(sentences: Sequence[Sentence], tokens: Sequence[Token], band: float = NEUTRAL_BAND) -> tuple[Sentiment, ...]:
    texts = Tokens.of(tokens).texts
    words = _document_words(texts)
    if words is None:
        return tuple(words_sentiment(texts[s.first_token : s.end_token], band) for s in sentences)
    return tuple(_sentiment(words[s.first_token : s.end_token], band) for s in sentences)


def document_sentiment(scores: Sequence[Sentiment], band: float = NEUTRAL_BAND) -> Sentiment:
    """The article's tone: the mean of its sentences' polarity and subjectivity."""
    if not scores:
        return _NEUTRAL
    polarity = _mean([s.polarity for s in scores])
    subjectivity = _mean([s.subjectivity for s in scores])
    return _new_sentiment(round(polarity, 4), round(subjectivity, 4), label_for(polarity, band))


def score_quotes(quotes: Sequence[Quote], tokens: Sequence[Token], band: float = NEUTRAL_BAND) -> tuple[Quote, ...]:
    """Each quote's tone, from the tokens inside its span."""
    columns = Tokens.of(tokens)
    starts, ends, texts = columns.starts, columns.ends, columns.texts
    words = _document_words(texts) if quotes else None
    scored = []
    for q in quotes:
        first, end = bisect_left(starts, q.start), bisect_left(starts, q.end)
        ending_inside = map(le, ends[first:end], repeat(q.end))  # of the tokens starting in the quote, those ending in it too
        if words is not None:  # the document's words are these tokens' words as `_lowercased` gives them
            quote_words = list(compress(words[first:end], ending_inside))
        else:
            quote_words = _lowercased(list(compress(texts[first:end], ending_inside)))
        scored.append(_with_sentiment(q, _sentiment(quote_words, band)))
    return tuple(scored)


def score_mentions(text: str, sentences: Sequence[Sentence], actors: Sequence[Actor]) -> tuple[Actor, ...]:
    """Each mention's polarity toward its actor, scored alone in its sentence."""
    scored, _ = _scored_mentions(text, sentences, actors)
    result = []
    end = 0
    for actor in actors:  # its mentions, in order, are the next ones
        start, end = end, end + len(actor.mentions)
        result.append(_with_mentions(actor, tuple(scored[start:end])))
    return tuple(result)


def _scored_mentions(text: str, sentences: Sequence[Sentence], actors: Sequence[Actor]) -> tuple[list[Mention], list[float]]:
    """The actors' mentions in order, each scored alone in its sentence, and their (rounded) polarities."""
    from newsanalyzer.target_sentiment import score_alone_each

    mentions = [mention for actor in actors for mention in actor.mentions]
    by_sentence: dict[int, list[int]] = defaultdict(list)  # sentence -> indexes into `mentions`
    for i, mention in enumerate(mentions):
        by_sentence[mention.sentence].append(i)
    # Each mention alone: our mentions include places and pronouns that NewsMTSC's
    # targets do not, and masking them as "other target" costs F1m (0.622 against
    # 0.657 on our held-out part of NewsMTSC).
    pieces = []  # each sentence with mentions, and their spans in it
    for s_index, members in by_sentence.items():
        sentence = sentences[s_index]
        start = sentence.start
        pieces.append((text[start : sentence.end], [(mentions[i].start - start, mentions[i].end - start) for i in members]))
    scored = mentions[:]  # each replaced by itself scored
    polarities = [0.0] * len(mentions)
    for members, results in zip(by_sentence.values(), score_alone_each(pieces)):
        for i, (polarity, label) in zip(members, results):
            polarities[i] = polarity = round(polarity, 4)
            scored[i] = _with_score(mentions[i], polarity, label)
    return scored, polarities


def score_actors(text: str, sentences: Sequence[Sentence], actors: Sequence[Actor], quotes: Sequence[Quote], band: float = NEUTRAL_BAND) -> tuple[Actor, ...]:
    """`aggregate(score_mentions(text, sentences, actors), quotes, band)`, each actor copied once."""
    scored, polarities = _scored_mentions(text, sentences, actors)
    said = _said_by(quotes)
    result = []
    end = 0
    for actor in actors:  # its mentions, in order, are the next ones
        start, end = end, end + len(actor.mentions)
        own = said.get(actor.name, [])
        received = _received(polarities[start:end], band)
        result.append(_with_scores(actor, tuple(scored[start:end]), len(own), _said(own, band), received))
    return tuple(result)


def _said_by(quotes: Sequence[Quote]) -> dict[str, list[Sentiment]]:
    """The sentiments of the quotes attributed to each actor, by name."""
    said: dict[str, list[Sentiment]] = defaultdict(list)
    for q in quotes:
        if q.actor is not None:
            said[q.actor].append(q.sentiment)
    return said


def _said(own: list[Sentiment], band: float) -> Sentiment:
    """The mean sentiment of an actor's quotes."""
    if not own:
        return _NEUTRAL
    p = _mean([s.polarity for s in own])
    subj = _mean([s.subjectivity for s in own])
    return _new_sentiment(round(p, 4), round(subj, 4), label_for(p, band))


def _received(polarities: list[float], band: float) -> Sentiment:
    """The mean sentiment toward an actor, from its mentions' polarities."""
    if not polarities:
        return _NEUTRAL
    p = _mean(polarities)
    return _new_sentiment(round(p, 4), 0.0, label_for(p, band))


def aggregate(actors: Sequence[Actor], quotes: Sequence[Quote], band: float = NEUTRAL_BAND) -> tuple[Actor, ...]:
    """Each actor's quote count, mean sentiment of what it said and toward it."""
    said = _said_by(quotes)
    result = []
    for actor in actors:
        own = said.get(actor.name, [])
        received = _received([m.polarity for m in actor.mentions], band)
        result.append(_with_totals(actor, len(own), _said(own, band), received))
    return tuple(result)
