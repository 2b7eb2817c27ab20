"""Who gets quoted: quotes by kind of source, and how the text refers to each person quoted."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsanalyzer import analyze
from newsanalyzer.cli import main
from newsanalyzer.sources import breakdown

# Tom Lee: `he`; Ito: only `Ms.`; Maria Lopez: nothing says, so unknown (never from her name);
# the Harbor Authority: an organisation; officials and `a source`: unnamed.
ARTICLE = (
    "“The bridge is a waste of money,” Tom Lee said on Monday. He wants a ferry instead.\n\n"
    "Ms. Ito said the old pier would have to close.\n\n"
    "“We expect the costs next week,” Maria Lopez said.\n\n"
    "The Harbor Authority said it would publish the costs soon.\n\n"
    "Officials said the vote was fair.\n\n"
    "“Nobody has seen the plans,” a source said.\n"
)


def test_people_are_referred_to_as_the_text_says_and_never_by_name():
    actors = {a.name: a for a in analyze(ARTICLE).actors}
    assert actors["Tom Lee"].referred_as == "he"
    assert actors["Ito"].referred_as == "she"
    assert actors["Maria Lopez"].referred_as == "unknown"
    assert actors["Harbor Authority"].referred_as is None  # not a person


def test_breakdown_of_who_gets_quoted():
    record = breakdown(analyze(ARTICLE))
    assert record["quotes"] == {"person": 3, "organization": 1, "unnamed": 2, "other": 0}
    assert record["people"] == {
        "he": {"people": 1, "quotes": 1},
        "she": {"people": 1, "quotes": 1},
        "they": {"people": 0, "quotes": 0},
        "unknown": {"people": 1, "quotes": 1},
    }


def test_breakdown_in_json_table_and_summary(tmp_path):
    runner = CliRunner()
    record = json.loads(runner.invoke(main, ["analyze", "--format", "json"], input=ARTICLE).stdout)
    assert record["sources"]["quotes"]["unnamed"] == 2
    assert {q["source"] for q in record["quotes"]} == {"person", "organization", "unnamed"}
    assert {a["name"]: a["referred_as"] for a in record["actors"]}["Tom Lee"] == "he"
    table = runner.invoke(main, ["analyze"], input=ARTICLE).stdout
    assert "3 from named people, 1 from organisations, 2 from unnamed sources" in table
    assert "3 referred to as: 1 he, 1 she, 1 not stated" in table
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    summary = json.loads(runner.invoke(main, ["summary", "--format", "json", str(tmp_path)]).stdout)
    assert summary["sources"]["quotes"] == {"person": 6, "organization": 2, "unnamed": 4, "other": 0}
    assert summary["sources"]["people"]["he"] == {"people": 2, "quotes": 2}


def test_with_referred_as_copies_actors_as_replace_does():
    from dataclasses import replace

    from newsanalyzer import sources
    from newsanalyzer.pipeline import Config

    text = ARTICLE + "Mr. Tom Lee and Mrs. Ito met. They said she would go.\n"
    actors = analyze(text, Config(stages=("segment", "actors", "quotes", "sentiment"))).actors
    expected = tuple(a if a.type != "person" else replace(a, referred_as=sources.referred_as(a, text)) for a in actors)
    assert sources.with_referred_as(actors, text) == expected
    assert all(a.referred_as is None for a in actors)  # the actors given are left as they are
    for actor in actors:
        for value in ("he", None):
            copy = sources._with_referred_as(actor, value)
            assert copy == replace(actor, referred_as=value) and type(copy) is type(actor)
