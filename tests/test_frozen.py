"""The fast builders of frozen dataclasses make what the class and `dataclasses.replace` make."""

import dataclasses
import random
from dataclasses import astuple, dataclass, replace

import pytest

from newsanalyzer.frozen import ColumnBuilder, copier
from newsanalyzer.model import Actor, Analysis, Mention, Quote, Sentiment, Span


def _same(made, expected) -> None:
    assert type(made) is type(expected) and made == expected and repr(astuple(made)) == repr(astuple(expected))
    assert hash(made) == hash(expected)


def test_copier_makes_what_replace_and_the_constructor_make():
    mention = Mention(3, 8, "Smith", 0, "name")
    actor = Actor("John Smith", "person", (mention,), referred_as="he")
    quote = Quote(10, 20, "it is fine", "direct", Span(3, 8, "Smith"), "John Smith", Span(21, 25, "said"))
    sentiment = Sentiment(0.25, 0.5, "positive")
    doc = Analysis("John Smith said it is fine.")
    cases = [
        (copier(Mention, "polarity", "label")(mention, -0.5, "negative"), replace(mention, polarity=-0.5, label="negative")),
        (copier(Actor, "quotes", "said", "received")(actor, 2, sentiment, sentiment), replace(actor, quotes=2, said=sentiment, received=sentiment)),
        (copier(Actor, "mentions")(actor, ()), replace(actor, mentions=())),
        (copier(Actor, "referred_as")(actor, None), replace(actor, referred_as=None)),
        (copier(Quote, "sentiment")(quote, sentiment), replace(quote, sentiment=sentiment)),
        (copier(Sentiment, "polarity", "subjectivity", "label")(-0.0, 0.0, "neutral"), Sentiment(-0.0, 0.0, "neutral")),
        (copier(Analysis, "actors")(doc, (actor,)), replace(doc, actors=(actor,))),
        (copier(Analysis, "quotes", "sentiment")(doc, (quote,), sentiment), replace(doc, quotes=(quote,), sentiment=sentiment)),
    ]
    for made, expected in cases:
        _same(made, expected)
    with pytest.raises(dataclasses.FrozenInstanceError):  # still frozen
        cases[0][0].polarity = 1.0


def test_copier_calls_a_class_with_checks_of_its_own():
    @dataclass(frozen=True, slots=True)
    class Checked:  # its __post_init__ must run
        value: int
        name: str = ""

        def __post_init__(self):
            if self.value < 0:
                raise ValueError(self.value)

    assert copier(Checked, "value")(Checked(1, "a"), 2) == Checked(2, "a")
    with pytest.raises(ValueError):
        copier(Checked, "value")(Checked(1), -1)
    with pytest.raises(ValueError):
        copier(Checked, "value", "name")(-1, "a")


def test_column_builder_builds_what_calling_the_class_builds():
    mentions_builder = ColumnBuilder(Mention, ("start", "end", "text", "sentence", "kind"))
    actors_builder = ColumnBuilder(Actor, ("name", "type", "mentions", "quotes", "said", "received"))
    assert mentions_builder.setters is not None and actors_builder.setters is not None  # the fast path is the one tested
    rng = random.Random(7)
    for count in (0, 1, 2, 3, 5, 40):  # under and over the count where the maps take over
        rows = [(rng.randrange(1000), rng.randrange(1000), rng.choice(["he", "Putin", ""]), rng.randrange(9),
                 rng.choice(["name", "alias", "pronoun"])) for _ in range(count)]
        columns = tuple(zip(*rows)) or ((),) * 5
        built = mentions_builder.build(columns, count)
        assert len(built) == count
        for made, row in zip(built, rows):
            _same(made, Mention(*row))  # the later fields take their defaults
        neutral = Sentiment.neutral()
        mentions = tuple(built)
        actors = actors_builder.build((["A"] * count, ["person"] * count, [mentions] * count, [0] * count, [neutral] * count, [neutral] * count), count)
        assert actors == [Actor("A", "person", mentions, 0, neutral, neutral)] * count
        assert all(type(a) is Actor and a.referred_as is None for a in actors)
        if built:
            with pytest.raises(dataclasses.FrozenInstanceError):
                built[0].start = 1


def test_column_builder_calls_a_class_without_slots():
    @dataclass(frozen=True)
    class NoSlots:
        a: int
        b: str = "x"

    builder = ColumnBuilder(NoSlots, ("a",))
    assert builder.setters is None and builder.build(([1, 2, 3],), 3) == [NoSlots(1), NoSlots(2), NoSlots(3)]
