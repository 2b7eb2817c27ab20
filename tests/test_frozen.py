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


def _made_classes():
    """A frozen slotted dataclass and a copier, as the model makes them."""
    import dataclasses as dc

    from newsanalyzer.frozen import copier

    @dc.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: float = 0.5
        tags: tuple[str, ...] = dc.field(default_factory=tuple)

    return Point, copier(Point, "y")


def test_methods_from_kept_code_are_those_dataclasses_compiles(tmp_path, monkeypatch):
    """The classes made while `GeneratedCode` is in use, reading the code or compiling it, have the very
    methods (code, annotations, defaults) of those made without it; `dataclasses` is left as it was."""
    import dataclasses as dc

    from newsanalyzer import disk_cache
    from newsanalyzer.frozen import GeneratedCode

    monkeypatch.setenv(disk_cache.ENV, str(tmp_path))
    plain, plain_copy = _made_classes()
    module_file = str(tmp_path / "module.py")
    (tmp_path / "module.py").write_text("# a module\n")
    for reading in (False, True):  # compiled and written, then read back
        kept = GeneratedCode.kept_for(module_file)
        assert bool(kept.codes) == reading
        cls, copy = _made_classes()
        kept.close()
        assert "exec" not in vars(dc) and kept.compiled != reading
        for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
            ours, theirs = getattr(cls, name), getattr(plain, name)
            assert ours.__code__ == theirs.__code__ and ours.__code__.co_flags == theirs.__code__.co_flags, name
            assert ours.__annotations__ == theirs.__annotations__ and ours.__defaults__ == theirs.__defaults__, name
        assert copy.__code__ == plain_copy.__code__
        made = copy(cls(1, 2.0, ("a",)), 3.5)
        assert repr(made) == "_made_classes.<locals>.Point(x=1, y=3.5, tags=('a',))" and made == cls(1, 3.5, ("a",))
        assert hash(made) == hash(cls(1, 3.5, ("a",))) and repr(dc.fields(made)) == repr(dc.fields(plain(1)))


def test_kept_code_nests_and_restores_what_dataclasses_compiled_with(tmp_path, monkeypatch):
    import dataclasses as dc

    from newsanalyzer import disk_cache
    from newsanalyzer.frozen import GeneratedCode

    monkeypatch.setenv(disk_cache.ENV, "")  # no cache: compiled each time, nothing written
    outer = GeneratedCode.kept_for(str(tmp_path / "a.py"))
    inner = GeneratedCode.kept_for(str(tmp_path / "b.py"))
    assert dc.exec == inner.exec
    inner.close()
    assert dc.exec == outer.exec
    outer.close()
    assert "exec" not in vars(dc)
