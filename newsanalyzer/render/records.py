"""Plain-data views of an `Analysis`: the JSON contract object and CSV rows."""

from __future__ import annotations

from typing import Any

from newsanalyzer.model import Actor, Analysis, Quote, Sentiment, Span


def _sentiment(s: Sentiment) -> dict[str, Any]:
    return {"polarity": s.polarity, "subjectivity": s.subjectivity, "label": s.label}


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speaker": _span(q.speaker),
        "actor": q.actor,
        "cue": _span(q.cue),
        "sentiment": _sentiment(q.sentiment),
    }


def document_record(doc_id: str, a: Analysis) -> dict[str, Any]:
    """The document object of `shared/eval/CONTRACT.md`, with extra keys: each quote's
    `source` kind, each actor's `referred_as`, and the article's `sources` breakdown."""
    record, sources = document_parts(doc_id, a)
    record["actors"] = [actor_record(actor) for actor in a.actors]
    record["sources"] = sources
    return record


def document_parts(doc_id: str, a: Analysis) -> tuple[dict[str, Any], dict[str, Any]]:
    """`document_record`'s keys before "actors" (id, stats, sentiment, quotes), and its "sources" value."""
    from newsanalyzer.sources import breakdown, source_kind

    stats = a.stats
    by_name = {actor.name: actor for actor in a.actors}
    sources = [source_kind(q, by_name) for q in a.quotes]
    quotes = []
    for q, source in zip(a.quotes, sources):
        record = quote_record(q)
        record["source"] = source
        quotes.append(record)
    head = {
        "id": doc_id,
        "stats": {
            "characters": stats.characters,
            "words": stats.words,
            "sentences": stats.sentences,
            "paragraphs": stats.paragraphs,
        },
        "sentiment": _sentiment(a.sentiment),
        "quotes": quotes,
    }
    return head, breakdown(a, sources)


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "type": actor.type,
        "mentions": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "sentence": m.sentence,
                "kind": m.kind,
                "polarity": m.polarity,
                "label": m.label,
            }
            for m in actor.mentions
        ],
        "quotes": actor.quotes,
        "referred_as": actor.referred_as,
        "sentiment": {
            "said": {"polarity": actor.said.polarity, "label": actor.said.label},
            "received": {"polarity": actor.received.polarity, "label": actor.received.label},
        },
    }


def tokens_record(doc_id: str, a: Analysis) -> dict[str, Any]:
    return {
        "id": doc_id,
        "sentences": [
            {
                "index": i,
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "text": a.text[s.start : s.end],
                "tokens": [{"text": t.text, "start": t.start, "end": t.end, "tag": t.tag} for t in a.sentence_tokens(i)],
            }
            for i, s in enumerate(a.sentences)
        ],
    }


CSV_COLUMNS = {
    "analyze": ("id", "start", "end", "kind", "speaker", "actor", "cue", "polarity", "label", "text"),
    "quotes": ("id", "start", "end", "kind", "speaker", "actor", "cue", "polarity", "label", "text"),
    "actors": ("id", "name", "type", "mentions", "quotes", "said_polarity", "said_label", "received_polarity", "received_label"),
    "sentiment": ("id", "sentence", "start", "end", "polarity", "subjectivity", "label", "text"),
    "tokens": ("id", "sentence", "index", "start", "end", "tag", "text"),
}


def csv_rows(view: str, doc_id: str, a: Analysis) -> list[tuple[Any, ...]]:
    """One row per quote, actor, sentence or token, matching CSV_COLUMNS[view]."""
    if view in ("analyze", "quotes"):
        return [
            (
                doc_id, q.start, q.end, q.kind,
                q.speaker.text if q.speaker else "", q.actor or "", q.cue.text if q.cue else "",
                q.sentiment.polarity, q.sentiment.label, q.text,
            )
            for q in a.quotes
        ]
    if view == "actors":
        return [
            (
                doc_id, x.name, x.type, len(x.mentions), x.quotes,
                x.said.polarity, x.said.label, x.received.polarity, x.received.label,
            )
            for x in a.actors
        ]
    if view == "sentiment":
        return [
            (doc_id, i, s.start, s.end, score.polarity, score.subjectivity, score.label, a.text[s.start : s.end])
            for i, (s, score) in enumerate(zip(a.sentences, a.sentence_sentiments))
        ]
    if view == "tokens":
        rows = []
        for i in range(len(a.sentences)):
            s = a.sentences[i]
            for j, t in enumerate(a.sentence_tokens(i)):
                rows.append((doc_id, i, s.first_token + j, t.start, t.end, t.tag, t.text))
        return rows
    raise ValueError(view)
