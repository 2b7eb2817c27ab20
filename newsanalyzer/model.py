"""The immutable document model.

Every span is a pair of character offsets into the original text (a Python
`str` index, end exclusive), so `text[span.start:span.end] == span.text`
always holds. Stages of the pipeline never modify a value; they return a new
`Analysis` with more fields filled in (a copy as `dataclasses.replace` makes
it; `frozen.py` builds these classes fast where an article needs thousands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LABELS = ("negative", "neutral", "positive")
QUOTE_KINDS = ("direct", "mixed", "indirect")
ACTOR_TYPES = ("person", "organization", "place", "group", "other")
REFERRED_AS = ("he", "she", "they", "unknown")  # how the text refers to a person (never guessed from a name)
SOURCE_KINDS = ("person", "organization", "unnamed", "other")  # who a quote is from, as source audits count it

# A character that str.isalnum() accepts (\w less the underscore), found in C rather than a generator.
_HAS_ALNUM = re.compile(r"[^\W_]").search


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the text: `text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark, with its part-of-speech tag."""

    start: int
    end: int
    text: str
    tag: str  # Penn Treebank part-of-speech tag


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-blank line, or hard-wrapped lines joined (see `segment.paragraphs`)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, its paragraph and its tokens."""

    start: int
    end: int
    paragraph: int  # index into Analysis.paragraphs
    first_token: int  # tokens[first_token:end_token] are this sentence's
    end_token: int


@dataclass(frozen=True, slots=True)
class Sentiment:
    """Tone: polarity, subjectivity and the label the neutral band gives the polarity."""

    polarity: float  # -1 (negative) .. 1 (positive)
    subjectivity: float  # 0 (objective) .. 1 (subjective)
    label: str  # one of LABELS

    @classmethod
    def neutral(cls) -> Sentiment:
        return cls(0.0, 0.0, "neutral")


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an actor."""

    start: int
    end: int
    text: str
    sentence: int  # index into Analysis.sentences
    kind: str  # "name", "alias", "pronoun" or "description"
    polarity: float = 0.0  # sentiment toward the actor in this sentence
    label: str = "neutral"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, place or group, its mentions and how it is portrayed."""

    name: str
    type: str  # one of ACTOR_TYPES
    mentions: tuple[Mention, ...]
    quotes: int = 0
    said: Sentiment = field(default_factory=Sentiment.neutral)
    received: Sentiment = field(default_factory=Sentiment.neutral)
    referred_as: str | None = None  # people only: one of REFERRED_AS, from pronouns and honorifics in the text

    @property
    def named(self) -> bool:
        """Named in the text (not only a pronoun or a description such as `officials`)."""
        return any(m.kind in ("name", "alias") for m in self.mentions)


@dataclass(frozen=True, slots=True)
class Meta:
    """What a web page says about itself; any field may be unknown."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # as the page gives it, ISO 8601 when trafilatura can tell
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Something said, who said it and how."""

    start: int
    end: int
    text: str
    kind: str  # one of QUOTE_KINDS
    speaker: Span | None  # the mention the quote is attributed to
    actor: str | None  # the resolved Actor.name
    cue: Span | None  # the reporting verb or phrase
    sentiment: Sentiment = field(default_factory=Sentiment.neutral)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over one document."""

    characters: int
    words: int
    sentences: int
    paragraphs: int

    @property
    def reading_minutes(self) -> float:
        return self.words / 230  # a typical adult reading speed for news


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything found in one document's text (see the module's docstring)."""

    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentiment: Sentiment = field(default_factory=Sentiment.neutral)
    sentence_sentiments: tuple[Sentiment, ...] = ()  # one per sentence

    @property
    def stats(self) -> Stats:
        # a word has a letter or digit; most tokens are wholly alphanumeric, which isalnum() tells fastest
        words = sum(1 for t in self.tokens if t.text.isalnum() or _HAS_ALNUM(t.text))
        return Stats(len(self.text), words, len(self.sentences), len(self.paragraphs))

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        s = self.sentences[index]
        return self.tokens[s.first_token : s.end_token]
