"""The sample article: every quoted passage, speaker and named person."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsanalyzer import analyze

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "china-russia-north-korea.txt"

# The 18 passages in double quotation marks, in order, and who said each.
PASSAGE_ACTORS = [
    "Antony Blinken", "Antony Blinken",  # the second continues the first
    "Vladimir Putin",  # after `he said`
    "Kim Jong Un", "Kim Jong Un", "Kim Jong Un",  # partial quotes
    "Gary Samore", "Gary Samore",  # the second continues the first
    "Ken Gause", "Ken Gause", "Ken Gause", "Ken Gause", "Ken Gause", "Ken Gause",
    "Vladimir Putin",
    "Zack Cooper", "Zack Cooper",
    "Mao Ning",
]

PEOPLE = [
    "Vladimir Putin", "Kim Jong Un", "Sergei Shoigu", "Antony Blinken", "Gary Samore",
    "Jake Sullivan", "Ken Gause", "Wang Yi", "Sergey Lavrov", "Maria Zakharova",
    "Zack Cooper", "Mao Ning",
]


@pytest.fixture(scope="module")
def sample():
    text = SAMPLE.read_text("utf-8")
    return text, analyze(text)


def test_every_span_slices_back(sample):
    text, result = sample
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.speaker, q.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for actor in result.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_every_quoted_passage_is_covered_by_its_speaker(sample):
    text, result = sample
    passages = [(m.start(1), m.end(1)) for m in re.finditer(r"“([^”]+)”", text)]
    assert len(passages) == len(PASSAGE_ACTORS)
    for (start, end), actor in zip(passages, PASSAGE_ACTORS):
        covering = [
            q for q in result.quotes
            if q.kind in {"direct", "mixed"} and q.start <= start and end <= q.end + 1
        ]
        assert covering, text[start:end]
        assert actor in {q.actor for q in covering}, (text[start:end], [q.actor for q in covering])


@pytest.mark.parametrize(
    "speaker, actor, content",
    [
        ("Putin", "Vladimir Putin", "he planned to discuss with Kim"),
        ("Gary Samore", "Gary Samore", "China probably feels ambivalent"),
        ("Gause", "Ken Gause", "Beijing is likely to use its economic leverage"),
        ("He", "Ken Gause", "what North Korea gets from Russia"),
        ("Maria Zakharova", "Maria Zakharova", "Wang Yi is planning to visit Moscow"),
        ("Zack Cooper", "Zack Cooper", "it would be difficult to drive"),
    ],
)
def test_indirect_attributions(sample, speaker, actor, content):
    _, result = sample
    found = [q for q in result.quotes if content in q.text]
    assert found, content
    assert any(q.speaker is not None and q.speaker.text == speaker and q.actor == actor for q in found), [
        (q.speaker, q.actor) for q in found
    ]


def test_named_people_are_person_actors_once_under_full_name(sample):
    _, result = sample
    names = [a.name for a in result.actors]
    for person in PEOPLE:
        assert names.count(person) == 1, person
        actor = next(a for a in result.actors if a.name == person)
        assert actor.type == "person", person
    surnames = {p.split()[-1] for p in PEOPLE}
    assert not surnames & set(names), "a surname became an actor of its own"


def test_actor_of_each_quote_is_a_known_actor(sample):
    _, result = sample
    names = {a.name for a in result.actors}
    for q in result.quotes:
        assert q.actor is None or q.actor in names


def test_leave_a_reply_yields_nothing(sample):
    text, result = sample
    start = text.lower().index("leave a reply:")
    end = start + len("leave a reply:")
    assert not [q for q in result.quotes if q.start < end and q.end > start]
    assert not [m for a in result.actors for m in a.mentions if m.start < end and m.end > start]


OTHER_SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    "name, phrase, actor",
    [
        ("harbor-bridge-vote.txt", "We are not going to rush this", "Elena Torres"),
        ("harbor-bridge-vote.txt", "the toll would fall hardest", "David Kim"),  # `Councilman` is a title
        ("harbor-bridge-vote.txt", "A toll is a tax by another name", "David Kim"),
        ("harbor-bridge-vote.txt", "the bridge remained safe", "Department of Transportation"),
        ("straight-and-curly-marks.txt", "This contract recognizes", "Maria Lopez"),
        ("straight-and-curly-marks.txt", "It is a fair deal for everyone", "Maria Lopez"),
        ("straight-and-curly-marks.txt", "a new beginning", "James Carter"),  # named in an appositive
        ("straight-and-curly-marks.txt", "That worry is gone now", "Priya Shah"),
    ],
)
def test_other_samples_speakers(name, phrase, actor):
    text = (OTHER_SAMPLES / name).read_text("utf-8")
    result = analyze(text)
    start = text.index(phrase)
    found = [q for q in result.quotes if q.start <= start < q.end]
    assert found and found[0].actor == actor
    assert actor in {a.name for a in result.actors}
