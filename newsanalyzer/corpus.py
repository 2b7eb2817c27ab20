"""The corpus view: who is quoted and how actors are portrayed across many articles.

`CorpusSummary.add(analysis)` folds one article in (memory grows with the
number of distinct actors, not of articles); `record()` gives plain data for
JSON, `rows()` one CSV row per actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsanalyzer.model import Analysis

UNATTRIBUTED = "unattributed"


@dataclass
class _ActorTotals:
    type: str
    documents: int = 0
    mentions: int = 0
    quotes: int = 0
    received_sum: float = 0.0  # sum over mentions of the polarity toward the actor
    said_sum: float = 0.0  # sum over quotes of their polarity


@dataclass
class CorpusSummary:
    documents: int = 0
    words: int = 0
    quotes: int = 0
    actors: dict[str, _ActorTotals] = field(default_factory=dict)
    quotes_by_type: Counter = field(default_factory=Counter)
    sources: dict | None = None  # who gets quoted, summed over articles (newsanalyzer.sources.breakdown)

    def add(self, analysis: Analysis) -> None:
        from newsanalyzer.sources import breakdown, merge

        self.sources = merge(self.sources, [breakdown(analysis)])
        self.documents += 1
        self.words += analysis.stats.words
        self.quotes += len(analysis.quotes)
        types = {}
        for actor in analysis.actors:
            totals = self.actors.setdefault(actor.name, _ActorTotals(actor.type))
            totals.documents += 1
            totals.mentions += len(actor.mentions)
            totals.received_sum += sum(m.polarity for m in actor.mentions)
            types[actor.name] = actor.type
        for quote in analysis.quotes:
            if quote.actor is None:
                self.quotes_by_type[UNATTRIBUTED] += 1
                continue
            self.quotes_by_type[types.get(quote.actor, "other")] += 1
            totals = self.actors[quote.actor]
            totals.quotes += 1
            totals.said_sum += quote.sentiment.polarity

    def ranked(self, key: str, limit: int | None = None) -> list[tuple[str, _ActorTotals]]:
        """Actors by quotes or mentions, most first, ties by name."""
        items = sorted(self.actors.items(), key=lambda kv: (-getattr(kv[1], key), kv[0]))
        items = [kv for kv in items if getattr(kv[1], key) > 0]
        return items[:limit] if limit else items

    def record(self, limit: int = 25) -> dict:
        def actor(name: str, t: _ActorTotals) -> dict:
            return {
                "name": name,
                "type": t.type,
                "documents": t.documents,
                "mentions": t.mentions,
                "quotes": t.quotes,
                "said": round(t.said_sum / t.quotes, 4) if t.quotes else 0.0,
                "received": round(t.received_sum / t.mentions, 4) if t.mentions else 0.0,
            }

        from newsanalyzer.sources import merge

        total = sum(self.quotes_by_type.values())
        sources = self.sources or merge(None, [])
        return {
            "documents": self.documents,
            "words": self.words,
            "quotes": self.quotes,
            "most_quoted": [actor(n, t) for n, t in self.ranked("quotes", limit)],
            "most_mentioned": [actor(n, t) for n, t in self.ranked("mentions", limit)],
            "quotes_by_actor_type": {
                kind: {"quotes": count, "share": round(count / total, 4) if total else 0.0}
                for kind, count in sorted(self.quotes_by_type.items(), key=lambda kv: (-kv[1], kv[0]))
            },
            "sources": sources,  # people: each (article, named person quoted) counts once
        }

    def rows(self) -> list[tuple]:
        return [
            (
                name, t.type, t.documents, t.mentions, t.quotes,
                round(t.said_sum / t.quotes, 4) if t.quotes else 0.0,
                round(t.received_sum / t.mentions, 4) if t.mentions else 0.0,
            )
            for name, t in self.ranked("mentions")
        ]


CSV_COLUMNS = ("name", "type", "documents", "mentions", "quotes", "said_polarity", "received_polarity")
