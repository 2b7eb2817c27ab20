"""Who gets quoted: the breakdown newsroom source-diversity audits report.

Quotes are counted by the kind of source they come from: a named person, an
organisation, an unnamed source (`officials said`, `a source said`: a group or
description, an unresolved pronoun, or no speaker at all) or something else
(a place, as in `Russia said`). For people, how the text itself refers to
them: `he`, `she` or `they` when pronouns resolved to them or an honorific
before their name (`Mr.`, `Ms.`, `Mrs.`) says so, else `unknown`. Gender is
never guessed from a name.

Pure functions over the model; `referred_as` runs as the pipeline's `sources`
stage, `breakdown` wherever a view needs the counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from newsanalyzer import lexicon
from newsanalyzer.frozen import copier
from newsanalyzer.model import REFERRED_AS, SOURCE_KINDS, Actor, Analysis, Mention, Quote

_AS = {"m": "he", "f": "she", "plural": "they"}
_HONORIFIC_REACH = 12  # characters before a name where its honorific may stand (`Mrs. `)


def referred_as(actor: Actor, text: str) -> str | None:
    """How the text refers to a person (one of REFERRED_AS); None for other actors.

    The evidence is each pronoun mention (`he`, `her`, `they`) and each honorific
    right before a name mention; one reading must have at least twice as much
    evidence as all others together, or the answer is `unknown`.
    """
    if actor.type != "person":
        return None
    return _reading(actor.mentions, text, lexicon.table("pronouns"), lexicon.table("honorifics"))


def _reading(mentions: Sequence[Mention], text: str, pronouns: Mapping, honorifics: Mapping) -> str:
    """`referred_as` for a person's mentions, given the pronoun and honorific tables."""
    votes: dict[str, int] = {}  # a plain dict: a Counter costs more than the few votes it counts
    for mention in mentions:
        kind = mention.kind
        if kind == "pronoun":
            info = pronouns.get(mention.text.lower())
        elif kind in ("name", "alias") and text[mention.start - 1 : mention.start].isspace():
            start = mention.start
            before = text[start - _HONORIFIC_REACH if start > _HONORIFIC_REACH else 0 : start].split()
            info = honorifics.get(before[-1]) if before else None
        else:
            continue
        if info and info[0] in _AS:
            reading = _AS[info[0]]
            votes[reading] = votes.get(reading, 0) + 1
    if not votes:
        return "unknown"
    best = max(votes, key=votes.__getitem__)  # on a tie neither has twice the others' evidence
    count = votes[best]
    return best if count >= 2 * (sum(votes.values()) - count) else "unknown"


def with_referred_as(actors: Sequence[Actor], text: str) -> tuple[Actor, ...]:
    pronouns, honorifics = lexicon.table("pronouns"), lexicon.table("honorifics")
    result = []
    for actor in actors:
        value = _reading(actor.mentions, text, pronouns, honorifics) if actor.type == "person" else None
        # an actor that already has the value (None, for all but people) is kept: a copy would be equal
        result.append(actor if actor.referred_as == value else _with_referred_as(actor, value))
    return tuple(result)


_with_referred_as = copier(Actor, "referred_as")  # `replace(actor, referred_as=value)`, through the slots


def source_kind(quote: Quote, actors: dict[str, Actor]) -> str:
    """One of SOURCE_KINDS for a quote, from the actor it is attributed to."""
    actor = actors.get(quote.actor) if quote.actor is not None else None
    if actor is None or actor.type == "group" or not actor.named:
        return "unnamed"
    if actor.type in ("person", "organization"):
        return actor.type
    return "other"


def breakdown(analysis: Analysis, quote_sources: Sequence[str] | None = None) -> dict:
    """{"quotes": {kind: count}, "people": {referred_as: {"people": n, "quotes": n}}} for one article.

    `people` counts the named people quoted at least once. `quote_sources`:
    each quote's `source_kind`, when the caller has them already.
    """
    if quote_sources is None:
        by_name = {a.name: a for a in analysis.actors}
        quote_sources = [source_kind(q, by_name) for q in analysis.quotes]
    kinds = Counter(quote_sources)
    people = {key: {"people": 0, "quotes": 0} for key in REFERRED_AS}
    for actor in analysis.actors:
        if actor.type == "person" and actor.named and actor.quotes:
            entry = people[actor.referred_as or "unknown"]
            entry["people"] += 1
            entry["quotes"] += actor.quotes
    return {"quotes": {kind: kinds.get(kind, 0) for kind in SOURCE_KINDS}, "people": people}


def merge(totals: dict | None, parts: Iterable[dict]) -> dict:
    """The sum of breakdowns (for a corpus)."""
    result = totals or {"quotes": dict.fromkeys(SOURCE_KINDS, 0), "people": {k: {"people": 0, "quotes": 0} for k in REFERRED_AS}}
    for part in parts:
        for kind, count in part["quotes"].items():
            result["quotes"][kind] += count
        for key, entry in part["people"].items():
            result["people"][key]["people"] += entry["people"]
            result["people"][key]["quotes"] += entry["quotes"]
    return result


def describe(record: dict) -> tuple[str, str]:
    """Two short lines for people: the quotes by source, and the named people quoted by how the text refers to them."""
    quotes = record["quotes"]
    labels = {"person": "named people", "organization": "organisations", "unnamed": "unnamed sources", "other": "places and other"}
    first = ", ".join(f"{n} from {labels[k]}" for k, n in quotes.items() if n) or "no quotes"
    people = record["people"]
    named = sum(e["people"] for e in people.values())
    if not named:
        return first, "no named people"
    parts = [f"{e['people']} {k if k != 'unknown' else 'not stated'}" for k, e in people.items() if e["people"]]
    return first, f"{named} referred to as: " + ", ".join(parts)
