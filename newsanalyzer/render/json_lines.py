"""JSON output: `jsonl` one compact object per line; `json` one pretty object
(or an array of them when several documents are given)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain
from json.encoder import encode_basestring
from math import isfinite
from operator import attrgetter

from newsanalyzer.model import Actor, Analysis, Meta
from newsanalyzer.render.records import document_parts, document_record, tokens_record

# made once: json.dumps would build an encoder for every document. A record is a
# fresh tree of dicts and lists, never circular: the encoder need not track every
# container it enters to find out (a tenth of the encoding time).
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False)
_INDENTED = json.JSONEncoder(ensure_ascii=False, allow_nan=False, indent=2, check_circular=False)


class JsonRenderer:
    def __init__(self, view: str, out, *, lines: bool):
        self.view, self.out, self.lines = view, out, lines
        self.pending: str | None = None  # `json`: held back until we know if an array is needed
        self.count = 0

    @staticmethod
    def prepare(view: str, lines: bool, doc_id: str, analysis: Analysis, include_text: bool = False, meta: Meta | None = None) -> str:
        """The JSON text of one document (pure: may run in a worker process).

        `include_text`: the analysed text is not the input's (HTML, a URL), so offsets need it beside them;
        `meta`: the page's title, author, date and url (an extra key).
        """
        if lines and view != "tokens":
            line = _document_line(doc_id, analysis, include_text, meta)
            if line is not None:
                return line
        record = tokens_record(doc_id, analysis) if view == "tokens" else document_record(doc_id, analysis)
        if meta is not None:
            record["meta"] = {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url}
        if include_text:
            record["text"] = analysis.text
        return (_ONE_LINE if lines else _INDENTED).encode(record)

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        self.write(doc_id, self.prepare(self.view, self.lines, doc_id, analysis, include_text))

    def write(self, doc_id: str, body: str) -> None:
        if self.lines:
            self.out.write(body + "\n")
            self.out.flush()
            return
        if self.count == 0:
            self.pending = body
        else:
            if self.pending is not None:
                self.out.write("[\n" + self.pending)
                self.pending = None
            self.out.write(",\n" + body)
        self.count += 1

    def close(self) -> None:
        if self.lines:
            return
        if self.pending is not None:
            self.out.write(self.pending + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")
        self.out.flush()


# One document's line, written faster than `_ONE_LINE.encode(document_record(...))` writes the
# same text: the actors' records, most of a line (some hundred mentions in an article), are
# formatted a field at a time over all the mentions and all the actors (each step a `map`, in C),
# without a dict for each, where every value is of the plain type the model declares (str, int,
# finite float, None for `referred_as`); any other value takes the encoder. `encode_basestring` is
# the very function the encoder quotes strings with (ensure_ascii=False), and the encoder writes
# an int or a float as `%d` and `%r` do.

_MENTION_FIELDS = tuple(map(attrgetter, ("text", "start", "end", "sentence", "kind", "polarity", "label")))
_MENTION_JSON = '{"text": %s, "start": %d, "end": %d, "sentence": %d, "kind": %s, "polarity": %r, "label": %s}'
_ACTOR_FIELDS = tuple(map(attrgetter, ("name", "type", "quotes", "referred_as", "said.polarity", "said.label", "received.polarity", "received.label")))
_ACTOR_JSON = (
    '{"name": %s, "type": %s, "mentions": [%s], "quotes": %d, "referred_as": %s, '
    '"sentiment": {"said": {"polarity": %r, "label": %s}, "received": {"polarity": %r, "label": %s}}}'
)
_mentions_of = attrgetter("mentions")
_FEW_MENTIONS = 8  # the columns' set-up costs what formatting some two mentions so saves


# Stands for the actors in the record encoded, then replaced by their JSON (a string no text
# holds in practice; where one does, the encoder writes the whole line instead).
_ACTORS_MARK = "\x00newsanalyzer: the actors\x00"
_ACTORS_MARK_JSON = _ONE_LINE.encode(_ACTORS_MARK)


def _document_line(doc_id: str, analysis: Analysis, include_text: bool, meta: Meta | None) -> str | None:
    """`_ONE_LINE.encode` of the document's record (with `meta` and the text as `prepare` adds them),
    or None where a value is not of a plain type."""
    if sum(map(len, map(_mentions_of, analysis.actors))) < _FEW_MENTIONS:
        return None  # the encoder: for a few mentions, setting up the columns costs more than it saves
    actors = _actors_json(analysis.actors)
    if actors is None:
        return None
    record, sources = document_parts(doc_id, analysis)
    record["actors"] = _ACTORS_MARK
    record["sources"] = sources
    if meta is not None:
        record["meta"] = {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url}
    if include_text:
        record["text"] = analysis.text
    line = _ONE_LINE.encode(record)
    at = line.find(_ACTORS_MARK_JSON)
    if at < 0 or line.rfind(_ACTORS_MARK_JSON) != at:  # the mark in a text too
        return None
    return line[:at] + "[" + actors + "]" + line[at + len(_ACTORS_MARK_JSON) :]


def _actors_json(actors: Sequence[Actor]) -> str | None:
    """`", ".join` of `_ONE_LINE.encode(actor_record(actor))` for each actor, or None where a value is not of a plain type."""
    mentions = list(chain.from_iterable(map(_mentions_of, actors)))
    texts, starts, ends, sentences, kinds, polarities, labels = [list(map(field, mentions)) for field in _MENTION_FIELDS]
    names, types, quotes, referred_as, said, said_labels, received, received_labels = [list(map(field, actors)) for field in _ACTOR_FIELDS]
    floats = polarities + said + received
    if {*map(type, starts), *map(type, ends), *map(type, sentences), *map(type, quotes)} - {int} or set(map(type, floats)) - {float}:
        return None
    if not all(map(isfinite, floats)):
        return None
    quoted = encode_basestring
    try:  # (a value that is no str: TypeError)
        mention_json = list(map(_MENTION_JSON.__mod__, zip(map(quoted, texts), starts, ends, sentences, map(quoted, kinds), polarities, map(quoted, labels))))
        referred_json = ["null" if value is None else quoted(value) for value in referred_as]
        names, types, said_labels, received_labels = [list(map(quoted, column)) for column in (names, types, said_labels, received_labels)]
    except TypeError:
        return None
    joined = []
    end = 0
    for count in map(len, map(_mentions_of, actors)):  # each actor's mentions, in order, are the next ones
        start, end = end, end + count
        joined.append(", ".join(mention_json[start:end]))
    return ", ".join(map(_ACTOR_JSON.__mod__, zip(names, types, joined, quotes, referred_json, said, said_labels, received, received_labels)))
