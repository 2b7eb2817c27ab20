"""The immutable document model.

Every span is a pair of character offsets into the original text (a Python
`str` index, end exclusive), so `text[span.start:span.end] == span.text`
always holds. Stages of the pipeline never modify a value; they return a new
`Analysis` with more fields filled in (a copy as `dataclasses.replace` makes
it; `frozen.py` builds these classes fast where an article needs thousands).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsanalyzer.frozen import ColumnBuilder, GeneratedCode, copier

# The code of the methods `dataclass` writes for the classes below, compiled once (frozen.py).
_generated_code = GeneratedCode.kept_for(__file__)

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


_TOKEN_BUILDER = ColumnBuilder(Token, ("start", "end", "text", "tag"))
_new_token = copier(Token, "start", "end", "text", "tag")


class Tokens(Sequence[Token]):
    """A document's tokens, kept as four columns: `tokens[k]` is a Token, and
    `tokens.texts[k]` (`starts`, `ends`, `tags`) reads one field without it.

    An article has about a thousand tokens and the analysis reads their
    columns: the Token objects are built only when first asked for (a tenth
    of the segmenting time). Immutable, as the rest of the model; equal to
    another Tokens, or to the tuple of its Token objects."""

    __slots__ = ("starts", "ends", "texts", "tags", "_objects")

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    texts: tuple[str, ...]
    tags: tuple[str, ...]

    def __init__(self, starts: Sequence[int], ends: Sequence[int], texts: Sequence[str], tags: Sequence[str]):
        columns = (tuple(starts), tuple(ends), tuple(texts), tuple(tags))
        if len({len(column) for column in columns}) > 1:
            raise ValueError("token columns of different lengths")
        for name, column in zip(("starts", "ends", "texts", "tags"), columns):
            object.__setattr__(self, name, column)
        object.__setattr__(self, "_objects", None)

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> Tokens:
        """The Tokens holding `tokens` (a Tokens is returned as it is)."""
        if isinstance(tokens, Tokens):
            return tokens
        return cls([t.start for t in tokens], [t.end for t in tokens], [t.text for t in tokens], [t.tag for t in tokens])

    def _built(self) -> tuple[Token, ...]:
        objects = self._objects
        if objects is None:
            objects = tuple(_TOKEN_BUILDER.build((self.starts, self.ends, self.texts, self.tags), len(self.starts)))
            object.__setattr__(self, "_objects", objects)  # a cache: the same value whenever it is built
        return objects

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):  # an int gives a Token, a slice a tuple of them
        objects = self._objects
        if objects is not None:
            return objects[index]
        # Until all are asked for, only those asked for are built (the analysis reads a few).
        if isinstance(index, slice):
            columns = (self.starts[index], self.ends[index], self.texts[index], self.tags[index])
            return tuple(_TOKEN_BUILDER.build(columns, len(columns[0])))
        return _new_token(self.starts[index], self.ends[index], self.texts[index], self.tags[index])

    def __iter__(self) -> Iterator[Token]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return (self.starts, self.ends, self.texts, self.tags) == (other.starts, other.ends, other.texts, other.tags)
        if isinstance(other, tuple):
            return self._built() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._built())  # as the equal tuple's

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"

    def __reduce__(self):
        return Tokens, (self.starts, self.ends, self.texts, self.tags)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Tokens is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Tokens is immutable: cannot delete {name!r}")


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
    tokens: Sequence[Token] = ()  # Tokens from the pipeline
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentiment: Sentiment = field(default_factory=Sentiment.neutral)
    sentence_sentiments: tuple[Sentiment, ...] = ()  # one per sentence

    @property
    def stats(self) -> Stats:
        # a word has a letter or digit; most tokens are wholly alphanumeric, which isalnum() tells fastest
        words = sum(1 for t in Tokens.of(self.tokens).texts if t.isalnum() or _HAS_ALNUM(t))
        return Stats(len(self.text), words, len(self.sentences), len(self.paragraphs))

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        s = self.sentences[index]
        return tuple(self.tokens[s.first_token : s.end_token])


_generated_code.close()
