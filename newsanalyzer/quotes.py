"""Quotes and their speakers: direct, mixed and indirect.

Reads paragraphs, sentences, tagged tokens and actor mentions; adds quotes.

1. Passages inside quotation marks are found by one linear scan per paragraph
   (`“ ” " « » „ ''` and single `‘ ’` marks; apostrophes inside words never
   count). A passage left open at the end of a paragraph continues when the
   next paragraph reopens the mark.
2. Reporting cues (`said`, `told`, `according to`, ... from
   `data/reporting_verbs.tsv`) outside quotation marks anchor attributions:
   the speaker is the noun phrase before the cue (`Kim also said`, `Gary
   Samore, former ..., said`) or after it (`said Ken Gause, director of`), and
   the content is the clause after the cue or the one before it.
3. Content that is wholly one quoted passage is `direct`; a reported clause
   with quoted fragments is `mixed`; without marks it is `indirect`.
4. Quoted passages that no cue claims inherit the speaker of the previous
   quote in the same or the previous paragraph (a quote running on), or get
   no speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsanalyzer import lexicon
from newsanalyzer.model import Actor, Paragraph, Quote, Sentence, Span, Token

_OPENING = {"“", "„", "«"}
_CLOSING = {"”", "»"}
_AMBIGUOUS = {'"'}
_SINGLE_OPEN = {"‘"}
_SINGLE_CLOSE = {"’"}
_BEFORE_OPENING = set(" \t([{—–-/:;,") | _OPENING
_QUOTE_TOKENS = {"“", "”", '"', "«", "»", "„", "''", "``", "‘", "’", "'"}
_TYPE_PRIORITY = {"person": 0, "group": 1, "organization": 2, "other": 3, "place": 4}
# A passage longer than this without a closing mark is a stray mark, not a quote.
_MAX_UNCLOSED_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Passage:
    """Text inside quotation marks: text[start:end], marks excluded."""

    start: int
    end: int
    paragraph: int
    closed: bool
    single: bool = False  # inside ‘single’ marks


@dataclass(frozen=True, slots=True)
class _Attribution:
    start: int
    end: int
    speaker: Span | None
    cue: Span | None
    actor: str | None


@cache
def _cue_forms() -> frozenset[str]:
    forms = set()
    for base, values in lexicon.table("reporting_verbs").items():
        forms.add(base)
        forms.update(values)
    return frozenset(f for f in forms if " " not in f)


# ---------------------------------------------------------------------------
# 1. Passages inside quotation marks
# ---------------------------------------------------------------------------


def _is_opening_straight(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()


def find_passages(text: str, paragraphs: Sequence[Paragraph]) -> list[Passage]:
    """Quoted passages, in order; one linear scan per paragraph."""
    passages: list[Passage] = []
    carried = False  # the previous paragraph ended inside an open quote
    for p_index, paragraph in enumerate(paragraphs):
        start, end = paragraph.start, paragraph.end
        open_at = -1
        i = start
        while i < end:
            ch = text[i]
            width = 1
            if ch == "'" and i + 1 < end and text[i + 1] == "'":
                ch, width = '"', 2  # the New York Times' doubled apostrophes
            if open_at < 0:
                opens = ch in _OPENING or (ch in _AMBIGUOUS | _CLOSING and _is_opening_straight(text, i, start, end))
                if opens:
                    open_at = i + width
            else:
                closes = ch in _CLOSING or ch in _AMBIGUOUS or (ch == "“" and text[open_at - 1] == "„")
                if closes:
                    if i > open_at:
                        passages.append(Passage(open_at, i, p_index, True))
                    open_at = -1
                elif ch in _OPENING and i - open_at > 0:
                    # a new opening mark while one is open: the first was never closed
                    passages.append(Passage(open_at, _trim_end(text, open_at, i), p_index, False))
                    open_at = i + width
            i += width
        if open_at >= 0:
            content_end = _trim_end(text, open_at, end)
            reopened = p_index + 1 < len(paragraphs) and text[paragraphs[p_index + 1].start] in _OPENING | _AMBIGUOUS
            if content_end > open_at and (reopened or content_end - open_at <= _MAX_UNCLOSED_CHARS):
                passages.append(Passage(open_at, content_end, p_index, False))
        carried = open_at >= 0
    del carried
    passages.extend(_single_passages(text, paragraphs, passages))
    passages.sort(key=lambda p: p.start)
    return passages


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_passages(text: str, paragraphs: Sequence[Paragraph], doubles: list[Passage]) -> list[Passage]:
    """‘Single-quoted’ passages outside double quotes (headlines, nested quotes excluded)."""
    found = []
    starts = [p.start for p in doubles]
    for p_index, paragraph in enumerate(paragraphs):
        i = text.find("‘", paragraph.start, paragraph.end)
        while i >= 0:
            close = i + 1
            while True:
                close = text.find("’", close, paragraph.end)
                if close < 0:
                    break
                after = text[close + 1] if close + 1 < paragraph.end else " "
                if not after.isalpha():
                    break
                close += 1
            if close < 0:
                break
            k = bisect.bisect_right(starts, i) - 1
            inside_double = k >= 0 and doubles[k].start <= i < doubles[k].end
            if not inside_double and close > i + 1 and " " in text[i + 1 : close]:
                found.append(Passage(i + 1, close, p_index, True, single=True))
            i = text.find("‘", close + 1, paragraph.end)
    return found


# ---------------------------------------------------------------------------
# 2. Cues, speakers and content
# ---------------------------------------------------------------------------


class _Context:
    """Lookups shared by the attribution rules for one document."""

    def __init__(self, text: str, tokens: Sequence[Token], actors: Sequence[Actor], passages: list[Passage]):
        self.text = text
        self.tokens = tokens
        self.passages = passages
        self.passage_starts = [p.start for p in passages]
        self.token_starts = [t.start for t in tokens]
        self.mention_of: dict[int, tuple[int, int, str, str]] = {}  # token index -> (start, end, actor, type)
        for actor in actors:
            for m in actor.mentions:
                k = bisect.bisect_left(self.token_starts, m.start)
                while k < len(tokens) and tokens[k].start < m.end:
                    current = self.mention_of.get(k)
                    if current is None or _TYPE_PRIORITY[actor.type] < _TYPE_PRIORITY[current[3]]:
                        self.mention_of[k] = (m.start, m.end, actor.name, actor.type)
                    k += 1

    def in_quote(self, position: int) -> Passage | None:
        k = bisect.bisect_right(self.passage_starts, position) - 1
        while k >= 0:
            p = self.passages[k]
            if p.start <= position < p.end + 1 and not p.single:
                return p
            if p.end < position - _MAX_UNCLOSED_CHARS:
                return None
            k -= 1
        return None

    def is_quote_mark(self, k: int) -> bool:
        return self.tokens[k].text in _QUOTE_TOKENS


def _is_cue(ctx: _Context, k: int, lo: int) -> bool:
    token = ctx.tokens[k]
    word = token.text.lower()
    if word not in _cue_forms():
        return False
    if not (token.tag.startswith("VB") or word in {"said", "says", "told", "added", "wrote", "tweeted"}):
        return False
    if ctx.in_quote(token.start) is not None:
        return False
    prev = ctx.tokens[k - 1].text.lower() if k > lo else ""
    if word == "said" and prev in {"that", "having", "so-called", "aforesaid"} and k - 1 == lo:
        return False  # `That said, ...`
    nxt = ctx.tokens[k + 1].text.lower() if k + 1 < len(ctx.tokens) else ""
    if nxt == "to" and prev in {"is", "was", "are", "were", "be", "been"}:
        return False  # `is said to be`: hearsay with no speaker
    return True


def _noun_phrase_end(ctx: _Context, k: int, hi: int) -> int:
    """End of the noun phrase starting at token k (exclusive), bounded by hi."""
    j = k
    while j < hi:
        t = ctx.tokens[j]
        if t.tag.startswith(("NN", "JJ", "DT", "CD", "PRP", "POS")) or j in ctx.mention_of or t.text in {"-", "&", "'s", "’s"}:
            j += 1
        elif t.text.lower() in {"of", "for", "at"} and j + 1 < hi and ctx.tokens[j + 1].tag.startswith(("NN", "DT", "JJ")) and j + 1 - k < 6:
            j += 1
        else:
            break
    return j


def _speaker_in(ctx: _Context, first: int, end: int) -> tuple[Span, str | None] | None:
    """The best speaker span among tokens[first:end]: an actor mention if any, else the phrase."""
    if end <= first:
        return None
    best = None
    for k in range(first, end):
        found = ctx.mention_of.get(k)
        if found and (best is None or _TYPE_PRIORITY[found[3]] < _TYPE_PRIORITY[best[3]]):
            best = found
    if best is not None:
        s, e, actor, _ = best
        return Span(s, e, ctx.text[s:e]), actor
    words = [t for t in ctx.tokens[first:end] if t.tag.startswith(("NN", "PRP"))]
    if not words:
        return None
    s, e = ctx.tokens[first].start, ctx.tokens[end - 1].end
    return Span(s, e, ctx.text[s:e]), None


def _speaker_before(ctx: _Context, k: int, lo: int) -> tuple[tuple[Span, str | None] | None, int]:
    """Speaker ending just before cue k, and the index where it starts."""
    skip = lexicon.lower_words("cue_skip_before")
    j = k - 1
    while j >= lo and (ctx.tokens[j].text.lower() in skip or ctx.tokens[j].tag == "RB"):
        j -= 1
    if j >= lo and ctx.tokens[j].text == ",":
        # an appositive: `Gary Samore, former coordinator ..., said`
        comma = j
        m = comma - 1
        while m >= lo and m > comma - 30 and ctx.tokens[m].text not in {",", "“", "”", '"'}:
            m -= 1
        if m >= lo and ctx.tokens[m].text == ",":
            end = m
            start = end
            while start > lo and (ctx.tokens[start - 1].tag.startswith(("NN", "PRP")) or start - 1 in ctx.mention_of):
                start -= 1
            found = _speaker_in(ctx, start, end)
            if found is not None and start < end:
                return found, start
        return None, k
    end = j + 1
    start = end
    while start > lo:
        t = ctx.tokens[start - 1]
        if t.tag.startswith(("NN", "JJ", "DT", "CD", "POS")) or start - 1 in ctx.mention_of or t.text in {"'s", "’s"}:
            start -= 1
        elif t.tag in {"PRP"} and start == end:
            start -= 1
            break
        else:
            break
    while start < end and ctx.tokens[start].tag in {"DT"} and ctx.tokens[start].text.lower() in {"that", "this", "which"}:
        start += 1
    if start == end:
        return None, k
    return _speaker_in(ctx, start, end), start


_BE = {"is", "are", "was", "were", "be", "been", "being"}


def _speaks(ctx: _Context, found: tuple[Span, str | None], first: int, cue: int) -> bool:
    """A person, a group or a pronoun: subjects that think, fear or expect."""
    for k in range(first, cue):
        mention = ctx.mention_of.get(k)
        if mention and mention[3] in {"person", "group"}:
            return True
        if ctx.tokens[k].tag == "PRP" or ctx.tokens[k].text.lower() in lexicon.lower_words("speaker_nouns"):
            return True
    return False


def _speaker_after(ctx: _Context, k: int, hi: int) -> tuple[tuple[Span, str | None] | None, int]:
    """Speaker right after cue k (`said Ken Gause, director of ...`), and where it ends."""
    first = k + 1
    end = _noun_phrase_end(ctx, first, hi)
    if end == first:
        return None, first
    return _speaker_in(ctx, first, end), end


def _content_span(ctx: _Context, first: int, end: int) -> tuple[int, int] | None:
    """Character span of tokens[first:end] without edge punctuation; None if no words."""
    while first < end and not any(c.isalnum() for c in ctx.tokens[first].text) and not ctx.is_quote_mark(first):
        first += 1
    while end > first and not any(c.isalnum() for c in ctx.tokens[end - 1].text) and not ctx.is_quote_mark(end - 1):
        end -= 1
    if end <= first:
        return None
    words = sum(1 for t in ctx.tokens[first:end] if any(c.isalnum() for c in t.text))
    if words < 2:
        return None
    return ctx.tokens[first].start, ctx.tokens[end - 1].end


def _attributions_in_sentence(ctx: _Context, sentence: Sentence) -> list[_Attribution]:
    tokens = ctx.tokens
    lo, hi = sentence.first_token, sentence.end_token
    found: list[_Attribution] = []
    claimed_until = lo
    k = lo
    while k < hi:
        word = tokens[k].text.lower()
        if word == "according" and k + 1 < hi and tokens[k + 1].text.lower() == "to" and ctx.in_quote(tokens[k].start) is None:
            attribution = _according_to(ctx, k, lo, hi)
            if attribution is not None:
                found.append(attribution)
            k += 2
            continue
        if not _is_cue(ctx, k, lo):
            k += 1
            continue
        attribution = _verb_attribution(ctx, k, lo, hi, claimed_until)
        if attribution is not None:
            found.append(attribution)
            claimed_until = max(claimed_until, k + 1)
        k += 1
    return found


def _according_to(ctx: _Context, k: int, lo: int, hi: int) -> _Attribution | None:
    tokens = ctx.tokens
    found, np_end = _speaker_after(ctx, k + 1, hi)
    cue = Span(tokens[k].start, tokens[k + 1].end, ctx.text[tokens[k].start : tokens[k + 1].end])
    before = k
    while before > lo and tokens[before - 1].text in {",", "—", "-", "("}:
        before -= 1
    if before - lo >= 3:
        content = _content_span(ctx, lo, before)
    else:
        after = np_end
        while after < hi and tokens[after].text != ",":
            after += 1
        content = _content_span(ctx, after + 1, hi)
    if content is None:
        return None
    speaker, actor = found if found else (None, None)
    return _Attribution(content[0], content[1], speaker, cue, actor)


def _verb_attribution(ctx: _Context, k: int, lo: int, hi: int, claimed_until: int) -> _Attribution | None:
    tokens = ctx.tokens
    cue = Span(tokens[k].start, tokens[k].end, tokens[k].text)
    prev = k - 1
    while prev >= lo and tokens[prev].tag == "RB":
        prev -= 1
    inverted = prev >= lo and (tokens[prev].text == "," or ctx.is_quote_mark(prev)) and k + 1 < hi and (
        tokens[k + 1].tag.startswith(("NN", "DT", "JJ", "PRP")) or k + 1 in ctx.mention_of
    )
    if inverted:
        found, np_end = _speaker_after(ctx, k, hi)
        after = tokens[np_end] if np_end < hi else None
        # `..., said China probably feels ...` is an appositive subject, not an inversion
        inverted = ctx.is_quote_mark(prev) or after is None or after.text in {",", ".", ";", "("} or after.tag in {"IN", "TO"}
    if inverted:
        # `“...,” said Ken Gause, director of ...` / `..., said the official.`
        content = _content_span(ctx, lo, prev)
        if found is None or content is None:
            return None
        return _Attribution(content[0], content[1], found[0], cue, found[1])

    found, subject_start = _speaker_before(ctx, k, lo)
    if found is None:
        return None
    if any(t.text.lower() in _BE for t in tokens[max(lo, k - 3) : k]):
        return None  # passive: `specifics were not announced`
    if tokens[k].text.lower() in lexicon.lower_words("weak_cues") and (
        not _speaks(ctx, found, subject_start, k) or k + 1 < hi and tokens[k + 1].text.lower() == "to"
    ):
        return None  # `Beijing feel`, `They agreed to hold`
    rest = k + 1
    adjuncts = lexicon.lower_words("attribution_adjuncts")
    # a closing attribution: `..., Gause said.` or `..., Zakharova said Wednesday, according to ...`
    j = rest
    while j < hi and (tokens[j].text.lower() in adjuncts or tokens[j].tag in {"NNP", "CD"} and j + 1 < hi and tokens[j + 1].text in {",", "."}):
        j += 1
    closing = j >= hi or tokens[j].text in {",", ".", "?", "!", ";"} and (j + 1 >= hi or tokens[j + 1].text.lower() in {"according", "adding", "noting", "saying"} or j + 1 >= hi - 1)
    before_subject = subject_start - 1
    while before_subject >= lo and tokens[before_subject].tag == "RB":
        before_subject -= 1
    opens_after_comma = before_subject >= lo and (tokens[before_subject].text in {",", ";", "—"} or ctx.is_quote_mark(before_subject))
    if closing and opens_after_comma:
        content = _content_span(ctx, lo, before_subject + (1 if ctx.is_quote_mark(before_subject) else 0))
        if content is not None and sum(1 for t in tokens[lo:before_subject] if t.text[:1].isalnum()) >= 3:
            return _Attribution(content[0], content[1], found[0], cue, found[1])
        if j < hi and tokens[j].text == ",":
            # a parenthetical: `But now, experts say, Beijing might ...`
            content = _content_span(ctx, j + 1, hi)
            if content is not None:
                return _Attribution(content[0], content[1], found[0], cue, found[1])
        return None
    if subject_start < claimed_until:
        return None
    # a leading attribution: the reported clause follows the cue
    start = rest
    if tokens[k].text.lower() in {"told", "tells", "tell", "telling", "asked", "informed", "reminded", "warned", "urged"}:
        start = _noun_phrase_end(ctx, start, hi)
    for m in range(start, min(hi, start + 15)):
        if tokens[m].text.lower() == "that" and all(
            t.text.lower() in adjuncts or t.tag.startswith(("NN", "IN", "DT", "JJ", "CD", "PRP")) for t in tokens[start:m]
        ):
            start = m + 1
            break
        if tokens[m].text in {":", ","} or ctx.is_quote_mark(m) or tokens[m].tag.startswith("VB"):
            break
    while start < hi and tokens[start].text.lower() in {"that", ":", ","}:
        start += 1
    end = hi
    for m in range(start, hi):
        if tokens[m].text == "," and m + 1 < hi and tokens[m + 1].text.lower() == "according" and ctx.in_quote(tokens[m].start) is None:
            end = m
            break
    content = _content_span(ctx, start, end)
    if content is None:
        return None
    return _Attribution(content[0], content[1], found[0], cue, found[1])


# ---------------------------------------------------------------------------
# 3. and 4. Quotes from attributions and passages
# ---------------------------------------------------------------------------


def _kind_and_span(ctx: _Context, attribution: _Attribution) -> list[tuple[str, int, int]]:
    """Direct quotes (one per passage) when the content is only quoted text, else one mixed or indirect span."""
    inside = [p for p in ctx.passages if p.start < attribution.end and p.end > attribution.start and not p.single]
    if not inside:
        return [("indirect", attribution.start, attribution.end)]
    outside_words = 0
    cursor = attribution.start
    for p in inside:
        outside_words += _word_count(ctx.text[cursor : max(cursor, p.start)])
        cursor = max(cursor, p.end)
    outside_words += _word_count(ctx.text[cursor : attribution.end])
    if outside_words == 0:
        return [("direct", p.start, p.end) for p in inside]
    start = min(attribution.start, inside[0].start)
    end = max(attribution.end, inside[-1].end if inside[-1].closed else attribution.end)
    if not inside[-1].closed:
        end = attribution.end
    return [("mixed", start, end)]


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def find_quotes(
    text: str,
    paragraphs: Sequence[Paragraph],
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    actors: Sequence[Actor],
) -> tuple[Quote, ...]:
    """All quotes of the document, in text order."""
    passages = find_passages(text, paragraphs)
    ctx = _Context(text, tokens, actors, passages)
    quotes: list[Quote] = []
    covered: set[Passage] = set()
    for sentence in sentences:
        for attribution in _attributions_in_sentence(ctx, sentence):
            for kind, start, end in _kind_and_span(ctx, attribution):
                quotes.append(Quote(start, end, text[start:end], kind, attribution.speaker, attribution.actor, attribution.cue))
                covered.update(p for p in passages if p.start < end and p.end > start)

    # Passages no cue claimed: a quote running on from the previous one, or unattributed.
    by_start = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in by_start]
    for passage in passages:
        if passage in covered or passage.single:
            continue
        k = bisect.bisect_left(starts, passage.start) - 1
        previous = None
        while k >= 0:
            q = by_start[k]
            q_paragraph = _paragraph_of(paragraphs, q.start)
            if q.kind != "indirect" or q_paragraph == passage.paragraph:
                previous = q if q_paragraph >= passage.paragraph - 1 else None
                break
            k -= 1
        if previous is not None and previous.speaker is not None:
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", previous.speaker, previous.actor, None)
        elif _word_count(text[passage.start : passage.end]) >= 6:
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", None, None, None)
        else:
            continue  # a short unattributed phrase in marks: a title or scare quotes
        quotes.append(quote)
        bisect.insort(by_start, quote, key=lambda q: q.start)
        starts = [q.start for q in by_start]
    quotes.sort(key=lambda q: (q.start, q.end))
    return tuple(_dedupe(quotes))


def _paragraph_of(paragraphs: Sequence[Paragraph], position: int) -> int:
    starts = [p.start for p in paragraphs]
    return max(0, bisect.bisect_right(starts, position) - 1)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen = set()
    result = []
    for q in quotes:
        key = (q.start, q.end, q.speaker.start if q.speaker else None)
        if key not in seen:
            seen.add(key)
            result.append(q)
    return result
