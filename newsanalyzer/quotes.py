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
import re
from collections.abc import Sequence
from itertools import compress, pairwise
from operator import attrgetter
from typing import NamedTuple

from newsanalyzer import lexicon
from newsanalyzer.actors import TokenColumns, token_columns
from newsanalyzer.model import Actor, Paragraph, Quote, Sentence, Span, Token

_OPENING = {"“", "„", "«"}
_CLOSING = {"”", "»"}
_AMBIGUOUS = {'"'}
_SINGLE_OPEN = {"‘"}
_SINGLE_CLOSE = {"’"}
_BEFORE_OPENING = set(" \t([{—–-/:;,") | _OPENING
_MAY_OPEN = _AMBIGUOUS | _CLOSING  # straight or closing marks that open a passage where one may begin
_REOPENING = _OPENING | _AMBIGUOUS  # marks that reopen a passage in the next paragraph
_QUOTE_TOKENS = {"“", "”", '"', "«", "»", "„", "''", "``", "‘", "’", "'"}
_STRONG_CUES = {"said", "says", "told", "added", "wrote", "tweeted"}  # cues whatever their tag
_START = attrgetter("start")  # sort keys
_START_END = attrgetter("start", "end")
_TYPE_PRIORITY = {"person": 0, "group": 1, "organization": 2, "other": 3, "place": 4}
_MARK_CHARS = "“”\"«»„"  # and the doubled apostrophe `''`
# A passage longer than this without a closing mark is a stray mark, not a quote.
_MAX_UNCLOSED_CHARS = 4000
# A passage of at most this many words before a noun modifies it (scare quotes).
_MAX_MODIFIER_WORDS = 3
# A character that str.isalnum() accepts (\w less the underscore): a word's mark, found in C.
_HAS_ALNUM = re.compile(r"[^\W_]").search


# Named tuples rather than frozen dataclasses: a dataclass with slots costs
# ~1 ms to create at import, and each instance is slower to build and hash.
class Passage(NamedTuple):
    """Text inside quotation marks: text[start:end], marks excluded."""

    start: int
    end: int
    paragraph: int
    closed: bool
    single: bool = False  # inside ‘single’ marks


class _Attribution(NamedTuple):
    start: int
    end: int
    speaker: Span | None
    cue: Span | None
    actor: str | None


def _reporting_verb_forms() -> frozenset[str]:
    forms = set()
    for base, values in lexicon.table("reporting_verbs").items():
        forms.add(base)
        forms.update(values)
    return frozenset(f for f in forms if " " not in f)


def _phrasal_cue_ends() -> dict[str, frozenset[str]]:
    """{w1: {w2, ...}} for each phrasal cue `w1 w2` split at each of its spaces:
    `f"{w1} {w2}" in phrasal_cues` without building the string."""
    ends: dict[str, set[str]] = {}
    for phrase in lexicon.lower_words("phrasal_cues"):
        for i, ch in enumerate(phrase):
            if ch == " ":
                ends.setdefault(phrase[:i], set()).add(phrase[i + 1 :])
    return {first: frozenset(rest) for first, rest in ends.items()}


# The word lists the rules read, loaded once here rather than looked up in each rule.
_CUE_FORMS = _reporting_verb_forms()
_ATTRIBUTION_OPENERS = _CUE_FORMS | {"according"}  # where `_attributions_in_sentence` may find one
_SUBJECT_PRONOUNS = frozenset(w for w, columns in lexicon.table("pronouns").items() if columns[1:2] == ("subject",))
_NAMING_CUES = lexicon.lower_words("naming_cues")
_WEAK_CUES = lexicon.lower_words("weak_cues")
_ADDRESSEE_CUES = lexicon.lower_words("addressee_cues")
_CLOSING_CUES = lexicon.lower_words("closing_cues")
_PHRASAL_CUE_ENDS = _phrasal_cue_ends()
_FRAME_VERB_WORDS = _CUE_FORMS | _PHRASAL_CUE_ENDS.keys()  # the words where `_frame_verb(..., False)` may hold
_CUE_SKIP_BEFORE = lexicon.lower_words("cue_skip_before")
_TIME_WORDS = lexicon.lower_words("time_words")
_TIME_WORD_OPENERS = lexicon.lower_words("time_word_openers")
_SPEAKER_NOUNS = lexicon.lower_words("speaker_nouns")
_ATTRIBUTION_ADJUNCTS = lexicon.lower_words("attribution_adjuncts")


# ---------------------------------------------------------------------------
# 1. Passages inside quotation marks
# ---------------------------------------------------------------------------


def _mark_positions(text: str) -> list[tuple[int, int]]:
    """(offset, width) of every one-character quotation mark in text, in order.

    str.find runs in C at memchr speed; a regular expression with a character
    class of non-ASCII marks tests every character (~15 times slower here)."""
    found = []
    for mark in filter(text.__contains__, _MARK_CHARS):  # (most sentences have none)
        i = text.find(mark)
        while i >= 0:
            found.append((i, 1))
            i = text.find(mark, i + 1)
    found.sort()
    return found


def _paragraph_marks(
    text: str, start: int, end: int, singles: list[tuple[int, int]], offsets: list[int], doubled: bool
) -> list[tuple[int, int]]:
    """(offset, width) of the marks in text[start:end]: the one-character
    marks, and when `doubled` the doubled apostrophes (`''`, matched left to
    right without overlap, inside the paragraph)."""
    marks = singles[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]
    i = text.find("''", start, end) if doubled else -1
    if i >= 0:
        while i >= 0:
            marks.append((i, 2))
            i = text.find("''", i + 2, end)
        marks.sort()
    return marks


def find_passages(text: str, paragraphs: Sequence[Paragraph]) -> list[Passage]:
    """Quoted passages, in order; one linear scan per paragraph."""
    passages: list[Passage] = []
    singles = _mark_positions(text)
    doubled = "''" in text
    if singles or doubled:
        offsets = [i for i, _ in singles]
        for p_index, paragraph in enumerate(paragraphs):
            start, end = paragraph.start, paragraph.end
            open_at = -1
            for i, width in _paragraph_marks(text, start, end, singles, offsets, doubled):
                ch = '"' if width == 2 else text[i]  # `''`: the New York Times' doubled apostrophes
                if open_at < 0:
                    if ch in _OPENING:
                        open_at = i + width
                    elif ch in _MAY_OPEN:
                        # a straight or closing mark opens after a space or bracket, before a word
                        before = text[i - 1] if i > start else " "
                        after = text[i + 1] if i + 1 < end else " "
                        if (before.isspace() or before in _BEFORE_OPENING) and not after.isspace():
                            open_at = i + width
                else:
                    after = text[i + width] if i + width < end else " "
                    closes = (
                        ch in _CLOSING
                        or ch in _AMBIGUOUS
                        or (ch == "“" and text[open_at - 1] == "„")
                        # a misprinted closing mark: `here,“ said Jim`
                        or (ch in _OPENING and (after.isspace() or after in ".,;:") and text[i - 1] in ".,?!")
                    )
                    if closes:
                        if i > open_at:
                            passages.append(Passage(open_at, i, p_index, True))
                        open_at = -1
                    elif ch in _OPENING and i - open_at > 0:
                        # a new opening mark while one is open: the first was never closed
                        passages.append(Passage(open_at, _trim_end(text, open_at, i), p_index, False))
                        open_at = i + width
            if open_at >= 0:
                content_end = _trim_end(text, open_at, end)
                reopened = p_index + 1 < len(paragraphs) and text[paragraphs[p_index + 1].start] in _REOPENING
                if content_end > open_at and (reopened or content_end - open_at <= _MAX_UNCLOSED_CHARS):
                    passages.append(Passage(open_at, content_end, p_index, False))
    if "‘" in text:
        passages.extend(_single_passages(text, paragraphs, passages))
    if len(passages) > 1:
        passages.sort(key=_START)
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

    def __init__(
        self, text: str, tokens: Sequence[Token], actors: Sequence[Actor], passages: list[Passage], columns: TokenColumns | None = None
    ):
        self.text = text
        self.passages = passages
        self.passage_starts = [p.start for p in passages]
        self.passage_ends = [p.end for p in passages]
        # disjoint passages in order (single marks rarely nest in double ones):
        # those that overlap a span are one slice of the list
        self.passages_apart = len(passages) < 2 or all(a.end < b.start for a, b in pairwise(passages))
        # passages in double marks, which `in_quote` looks up: when they are
        # disjoint and in order and no single-quoted passage starts inside one
        # (as `find_passages` makes them), the one that starts last at or
        # before a position is the only one that may hold it
        if self.passages_apart:  # then so are these
            self.doubles = [p for p in passages if not p.single] if passages else passages
            self.doubles_apart = True
        else:
            doubles = self.doubles = [p for p in passages if not p.single]
            starts = [p.start for p in doubles]
            self.doubles_apart = all(a.end < b.start for a, b in pairwise(doubles)) and not any(
                (k := bisect.bisect_right(starts, p.start) - 1) >= 0 and p.start <= doubles[k].end for p in passages if p.single
            )
        self.double_starts = [p.start for p in self.doubles]
        if columns is None:
            columns = token_columns(tokens)
        self.token_starts = columns.starts
        self.token_ends = columns.ends
        self.texts = columns.texts
        self.tags = columns.tags
        self.count = len(self.texts)  # of tokens
        self.lowers = columns.lowers  # the rules compare lower-case words throughout
        # token indices of the openers, in order (the set test and the selection run in C)
        self.openers = list(compress(range(len(self.lowers)), map(_ATTRIBUTION_OPENERS.__contains__, self.lowers)))
        self.mention_of: dict[int, tuple[int, int, str, str]] = {}  # token index -> (start, end, actor, type)
        mention_of, starts, count = self.mention_of, self.token_starts, self.count
        for actor in actors:
            name, kind = actor.name, actor.type
            priority = _TYPE_PRIORITY[kind]
            for m in actor.mentions:
                start, end = m.start, m.end
                k = bisect.bisect_left(starts, start)
                while k < count and starts[k] < end:
                    current = mention_of.get(k)
                    if current is None or priority < _TYPE_PRIORITY[current[3]]:
                        mention_of[k] = (start, end, name, kind)
                    k += 1

    def overlapping(self, start: int, end: int) -> list[Passage]:
        """Passages that overlap text[start:end], in order (a bisection, not a scan)."""
        if self.passages_apart:  # their ends are in order too
            return self.passages[bisect.bisect_right(self.passage_ends, start) : bisect.bisect_left(self.passage_starts, end)]
        return self._overlapping_walk(start, end)

    def _overlapping_walk(self, start: int, end: int) -> list[Passage]:
        """`overlapping` for passages that may nest: a walk back from the last that starts before end."""
        k = bisect.bisect_left(self.passage_starts, end)
        found = []
        misses = 0
        while k > 0 and misses < 3:  # passages barely nest: a few misses end the walk
            k -= 1
            p = self.passages[k]
            if p.end > start:
                found.append(p)
            else:
                misses += 1
        found.reverse()
        return found

    def in_quote(self, position: int) -> Passage | None:
        """The passage in double marks that holds position (or ends just before it)."""
        if self.doubles_apart:
            k = bisect.bisect_right(self.double_starts, position) - 1
            if k >= 0 and position < self.doubles[k].end + 1:
                return self.doubles[k]
            return None
        return self._in_quote_walk(position)

    def _in_quote_walk(self, position: int) -> Passage | None:
        """`in_quote` for passages that may nest: a walk back over all passages."""
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
        return self.texts[k] in _QUOTE_TOKENS

    def token_span(self, k: int) -> Span:
        """Token k as a Span (a cue, a colon)."""
        return Span(self.token_starts[k], self.token_ends[k], self.texts[k])


def _is_cue(ctx: _Context, k: int, lo: int) -> bool:
    word = ctx.lowers[k]
    if word not in _CUE_FORMS:
        return False
    if not (
        ctx.tags[k].startswith("VB")
        or word in _STRONG_CUES
        or k > lo and ctx.lowers[k - 1] in _SUBJECT_PRONOUNS
        # `The Post reports that`: a cue read as a plural noun after a name, before `that`
        or k > lo and ctx.tags[k] == "NNS" and ctx.tags[k - 1] == "NNP" and k + 1 < ctx.count and ctx.lowers[k + 1] == "that"
    ):
        return False
    if ctx.in_quote(ctx.token_starts[k]) is not None:
        return False
    prev = ctx.lowers[k - 1] if k > lo else ""
    if word in _NAMING_CUES and prev in _BE:
        return False  # `a group called “X”`, `what is called`
    if word == "said" and prev in {"that", "having", "so-called", "aforesaid"} and k - 1 == lo:
        return False  # `That said, ...`
    nxt = ctx.lowers[k + 1] if k + 1 < ctx.count else ""
    if nxt == "to" and prev in {"is", "was", "are", "were", "be", "been"}:
        return False  # `is said to be`: hearsay with no speaker
    return True


def _noun_phrase_end(ctx: _Context, k: int, hi: int) -> int:
    """End of the noun phrase starting at token k (exclusive), bounded by hi."""
    j = k
    while j < hi:
        tag = ctx.tags[j]
        if tag.startswith(("NN", "JJ", "DT", "CD", "PRP", "POS")) or j in ctx.mention_of or ctx.texts[j] in {"-", "&", "'s", "’s"}:
            j += 1
        elif tag in {"VBG", "VBN"} and (j == k or ctx.tags[j - 1] in {"DT", "JJ", "CD"}) and j + 1 < hi and ctx.tags[j + 1].startswith(("NN", "JJ")):
            j += 1  # `another leading lawyer`, `one unaligned strategist`, `retired Army Gen. X`
        elif tag in {"VB", "VBP"} and j > k and ctx.tags[j - 1] in {"JJ", "NN"} and j + 1 < hi and ctx.tags[j + 1] in {"NN", "NNS"}:
            j += 1  # a noun read as a verb inside a compound: `conservative talk radio host`
        elif ctx.lowers[j] in {"of", "for", "at"} and j + 1 < hi and ctx.tags[j + 1].startswith(("NN", "DT", "JJ", "CD")) and j + 1 - k < 6:
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
    # a noun or pronoun, or a noun tagged as an adjective: `audio obtained by`
    has_noun = any(tag.startswith(("NN", "PRP")) for tag in ctx.tags[first:end])
    if not has_noun and not (ctx.tags[end - 1] == "JJ" and end < ctx.count and ctx.tags[end] in {"VBN", "IN"}):
        return None
    s, e = ctx.token_starts[first], ctx.token_ends[end - 1]
    return Span(s, e, ctx.text[s:e]), None


def _skip_back(ctx: _Context, j: int, lo: int, skip: frozenset[str]) -> int:
    """The last token at or before j that is not an auxiliary, an adverb, a
    time adjunct or a short parenthesis (`Sen. Jane Roe (D-Ore.) said`)."""
    times = _TIME_WORDS
    while j >= lo:
        word = ctx.lowers[j]
        if word in skip or ctx.tags[j] == "RB":
            j -= 1
        elif word in times and j > lo:
            # `Trump on Friday described`, `Kim this week said`
            j -= 1
            while j >= lo and ctx.lowers[j] in _TIME_WORD_OPENERS:
                j -= 1
        elif ctx.texts[j] == ")":
            m = j - 1
            while m >= lo and m > j - 8 and ctx.texts[m] not in {"(", ")"}:
                m -= 1
            if m < lo or ctx.texts[m] != "(" or m == lo:
                return j
            j = m - 1
        else:
            return j
    return j


def _relative_who(ctx: _Context, lo: int, v: int) -> tuple[Span, str | None] | None:
    """`Jane Roe, who joked of it, “...”`: the relative pronoun before verb v
    speaks for the name before its comma."""
    w = _skip_back(ctx, v - 1, lo, _CUE_SKIP_BEFORE)
    if w < lo or ctx.lowers[w] != "who":
        return None
    antecedent = ctx.mention_of.get(w - 2) if w - 2 >= lo and ctx.texts[w - 1] == "," else None
    return ctx.token_span(w), antecedent[2] if antecedent else None


_APPOSITIVE_LINKS = {"of", "for", "at", "in", "from", "on", "and", "with", "to"}


def _appositive_chain(ctx: _Context, lo: int, comma: int) -> tuple[tuple[Span, str | None], int] | None:
    """`Dan Brown, the editor of the city's paper, The Daily Planet, said`:
    noun phrases between commas before the cue; the leftmost that names a
    speaker is the head. Only for chains of three or more phrases (the
    plain `X, appositive, said` has its own rule)."""
    segments: list[tuple[int, int]] = []
    right = comma
    while len(segments) < 4:
        left = right - 1
        while (
            left >= lo
            and right - left <= 14
            and ctx.texts[left] != ","
            and (_is_np_token(ctx, left) and ctx.texts[left] not in {"(", ")"} or ctx.lowers[left] in _APPOSITIVE_LINKS)
        ):
            left -= 1
        if left + 1 == right:
            return None
        segments.append((left + 1, right))
        if left >= lo and ctx.texts[left] == ",":
            right = left
            continue
        break
    if len(segments) < 3:
        return None
    for index in range(len(segments) - 1, -1, -1):
        a, b = segments[index]
        while a < b and ctx.lowers[a] in _APPOSITIVE_LINKS:
            a += 1
        if a == b:
            continue
        found = _head_speaker(ctx, a, b)
        if found is None:
            continue
        named = found[1] is not None and ctx.mention_of.get(bisect.bisect_left(ctx.token_starts, found[0].start), ("", "", "", "place"))[3] != "place"
        if not (_speaker_like(ctx, found[0], found[1]) or index == len(segments) - 1 and named):
            continue
        if found[1] is None and index > 0:
            named = _appositive_name(ctx, a, b, segments[index - 1][1])
            if named is not None:
                return named, a
        return found, a
    return None


def _speaker_before(ctx: _Context, k: int, lo: int) -> tuple[tuple[Span, str | None] | None, int]:
    """Speaker ending just before cue k, and the index where it starts."""
    skip = _CUE_SKIP_BEFORE
    j = _skip_back(ctx, k - 1, lo, skip)
    if j - 1 > lo and ctx.texts[j] == "," and ctx.texts[j - 1] == ")":
        j = _skip_back(ctx, j - 1, lo, skip)  # `Gov. Jane Roe (R-Ohio), said`: a stray comma
    if j >= lo and ctx.lowers[j] == "who":
        found = _relative_who(ctx, lo, k)
        if found is not None and found[1] is not None:
            return found, j
    if j >= lo and ctx.texts[j] == ",":
        # an appositive: `Gary Samore, former coordinator ..., said`
        comma = j
        chained = _appositive_chain(ctx, lo, comma)
        if chained is not None:
            return chained
        m = comma - 1
        while m >= lo and m > comma - 30 and ctx.texts[m] not in {",", "“", "”", '"'}:
            m -= 1
        if m >= lo and ctx.texts[m] == ",":
            end = m
            start = end
            while start > lo and (ctx.tags[start - 1].startswith(("NN", "PRP")) or start - 1 in ctx.mention_of):
                start -= 1
            named = _appositive_name(ctx, start, end, comma) if start < end else None
            if named is not None:
                return named, start  # `the union’s chief executive, Jane Doe, said`
            found = _speaker_in(ctx, start, end)
            if found is not None and start < end:
                return found, start
        return None, k
    end = j + 1
    start = end
    while start > lo:
        tag = ctx.tags[start - 1]
        if tag.startswith(("NN", "JJ", "DT", "CD", "POS")) or start - 1 in ctx.mention_of or ctx.texts[start - 1] in {"'s", "’s"}:
            start -= 1
        elif tag in {"PRP"} and start == end:
            start -= 1
            break
        else:
            break
    while start < end and ctx.tags[start] in {"DT"} and ctx.lowers[start] in {"that", "this", "which"}:
        start += 1
    if start == end:
        return None, k
    if start - 2 >= lo and ctx.tags[start - 1] == "IN" and all(
        ctx.mention_of[m][3] == "place" for m in range(start, end) if m in ctx.mention_of
    ):
        # `Jane Roe of Ohio said`, `the senator from Vermont said`: the phrase before the preposition speaks
        if start - 2 in ctx.mention_of:
            s, e, actor, _ = ctx.mention_of[start - 2]
            first = bisect.bisect_left(ctx.token_starts, s)
            return (Span(s, e, ctx.text[s:e]), actor), first
        if ctx.lowers[start - 1] in {"of", "from"} and ctx.tags[start - 2].startswith("NN"):
            head = start - 2
            while head > lo and (ctx.tags[head - 1].startswith(("NN", "JJ", "DT")) and head - 1 not in ctx.mention_of):
                head -= 1
            found = _speaker_in(ctx, head, start - 1)
            if found is not None and _speaker_like(ctx, found[0], found[1]):
                s, e = ctx.token_starts[head], ctx.token_ends[end - 1]
                return (Span(s, e, ctx.text[s:e]), None), head
    return _speaker_in(ctx, start, end), start


_BE = {"is", "are", "was", "were", "be", "been", "being"}


def _speaks(ctx: _Context, found: tuple[Span, str | None], first: int, cue: int) -> bool:
    """A person, a group or a pronoun (`who` too): subjects that think, fear or expect."""
    for k in range(first, cue):
        mention = ctx.mention_of.get(k)
        if mention and mention[3] in {"person", "group"}:
            return True
        if ctx.tags[k] == "PRP" or ctx.lowers[k] in _SPEAKER_NOUNS or ctx.lowers[k] == "who":
            return True
    return False


def _organization_reports(ctx: _Context, first: int, cue: int, hi: int) -> bool:
    """`The Post reports that ...`: an organisation before a cue that a `that` clause follows."""
    if cue + 1 >= hi or ctx.lowers[cue + 1] != "that":
        return False
    return any(ctx.mention_of.get(k, _NOT_A_MENTION)[3] == "organization" for k in range(first, cue))


def _speaker_after(ctx: _Context, k: int, hi: int) -> tuple[tuple[Span, str | None] | None, int]:
    """Speaker right after cue k (`said Ken Gause, director of ...`), and where it ends."""
    first = k + 1
    end = _noun_phrase_end(ctx, first, hi)
    if end == first:
        return None, first
    return _speaker_in(ctx, first, end), end


def _words_at_least(texts: list[str], first: int, end: int, count: int) -> bool:
    """At least `count` of texts[first:end] start with a letter or a digit."""
    for text in texts[first:end]:
        if text[:1].isalnum():
            count -= 1
            if count == 0:
                return True
    return count <= 0


def _content_span(ctx: _Context, first: int, end: int) -> tuple[int, int] | None:
    """Character span of tokens[first:end] without edge punctuation; None if no words."""
    texts = ctx.texts
    while first < end and not _HAS_ALNUM(texts[first]) and texts[first] not in _QUOTE_TOKENS:
        first += 1
    while end > first and not _HAS_ALNUM(texts[end - 1]) and texts[end - 1] not in _QUOTE_TOKENS:
        end -= 1
    words = filter(_HAS_ALNUM, texts[first:end])
    if next(words, None) is None or next(words, None) is None:  # two words are enough
        return None
    return ctx.token_starts[first], ctx.token_ends[end - 1]


# News sentences hold at most 4 attributions (PolNeAR's 924 articles and 2,000 NewsMTSC
# sentences); in a run of hundreds of cues (`he said he said …`) each one's content
# would reach the sentence's end, making work and output grow with their square.
MAX_ATTRIBUTIONS_PER_SENTENCE = 12


def _attributions_in_sentence(ctx: _Context, sentence: Sentence, openers: list[int]) -> list[_Attribution]:
    """The attributions at the sentence's `openers` (its tokens in `ctx.openers`: no other can start one)."""
    lowers = ctx.lowers
    lo, hi = sentence.first_token, sentence.end_token
    found: list[_Attribution] = []
    claimed_until = lo
    free = lo  # tokens before this are taken (the `to` of `according to`)
    for k in openers:
        if len(found) == MAX_ATTRIBUTIONS_PER_SENTENCE:
            break
        if k < free:
            continue
        word = lowers[k]
        if word == "according" and k + 1 < hi and lowers[k + 1] == "to" and ctx.in_quote(ctx.token_starts[k]) is None:
            attribution = _according_to(ctx, k, lo, hi)
            if attribution is not None:
                found.append(attribution)
            free = k + 2
            continue
        if not _is_cue(ctx, k, lo):
            continue
        attribution = _verb_attribution(ctx, k, lo, hi, claimed_until)
        if attribution is None and found and k - 1 > lo and lowers[k - 1] in {"and", "but", "then"}:
            attribution = _coordinated(ctx, k, hi, found[-1])  # `Roe called it a disaster and said ...`
        if attribution is not None and any(
            a.start <= ctx.token_starts[k] < a.end for a in found
        ) and word in _WEAK_CUES:
            attribution = None  # a verb of thinking inside reported content: `said that she expected`
        if attribution is not None:
            found.append(attribution)
            claimed_until = max(claimed_until, k + 1)
    return _trim_at_cues(ctx, found)


def _coordinated(ctx: _Context, k: int, hi: int, previous: _Attribution) -> _Attribution | None:
    """Cue k follows `and`: its subject is the previous attribution's speaker
    when that cue came just before (`Roe called the plan a disaster and said
    it was “...”`)."""
    if previous.cue is None or previous.speaker is None or previous.cue.start >= ctx.token_starts[k]:
        return None
    if ctx.tags[k] not in {"VBD", "VBZ"} or ctx.lowers[k] in _WEAK_CUES:
        return None
    if not previous.start <= ctx.token_starts[k] < previous.end + 1:
        return None  # the previous content must run into this cue
    start = k + 1
    if ctx.lowers[k] in _ADDRESSEE_CUES:
        start = _noun_phrase_end(ctx, start, hi)
    while start < hi and ctx.lowers[start] in {"that", ":", ","}:
        start += 1
    content = _content_span(ctx, start, hi)
    if content is None:
        return None
    cue = ctx.token_span(k)
    return _Attribution(content[0], content[1], previous.speaker, cue, previous.actor)


_TRAILING = {"and", "but", "or", "as", "while", "when", "because", "before", "after", "by"}
_CLAUSE_BREAK = {",", ";", "and", "but", "—", "–", "--"}
# Words that join a participle cue to the clause before it: `calling it X and asserting that`, `before claiming`
_PARTICIPLE_LINKS = {"and", "before", "while", "after", "by"}


def _trim_at_cues(ctx: _Context, found: list[_Attribution]) -> list[_Attribution]:
    """Reported content ends where another attribution of the sentence begins:
    `he did not disclose X, but he did say Y` gives `X`, not `X, but he did say Y`."""
    if len(found) < 2:
        return found
    result = []
    for a in found:
        end = a.end
        for b in found:
            if b is a or b.cue is None:
                continue
            cut = b.cue.start
            if b.speaker is not None and a.start < b.speaker.start < cut:
                cut = b.speaker.start
            if a.start < cut < end and a.start < b.cue.start < a.end:
                k = bisect.bisect_left(ctx.token_starts, cut) - 1
                if k > 0 and ctx.is_quote_mark(k) and ctx.texts[k - 1] == "," and not _according(a):
                    k -= 1  # `could be “messy,” adding, “...”`: the comma inside the marks
                if k >= 0 and (ctx.lowers[k] in _CLAUSE_BREAK or ctx.lowers[k] in _PARTICIPLE_LINKS and ctx.tags[k + 1] == "VBG"):
                    end = cut
        if end != a.end:
            first = bisect.bisect_left(ctx.token_starts, a.start)
            last = bisect.bisect_left(ctx.token_starts, end)
            while last > first and (ctx.lowers[last - 1] in _TRAILING or not _HAS_ALNUM(ctx.texts[last - 1]) and not ctx.is_quote_mark(last - 1)):
                last -= 1
            span = _content_span(ctx, first, last)
            if span is not None:
                a = _Attribution(span[0], span[1], a.speaker, a.cue, a.actor)
        result.append(a)
    return result


def _according(a: _Attribution | Quote) -> bool:
    return a.cue is not None and a.cue.text.lower() == "according to"


def _according_to(ctx: _Context, k: int, lo: int, hi: int) -> _Attribution | None:
    found, np_end = _speaker_after(ctx, k + 1, hi)
    cue = Span(ctx.token_starts[k], ctx.token_ends[k + 1], ctx.text[ctx.token_starts[k] : ctx.token_ends[k + 1]])
    before = k
    while before > lo and ctx.texts[before - 1] in {",", "—", "-", "("}:
        before -= 1
    if before - lo >= 3:
        content = _content_span(ctx, lo, before)
    else:
        after = np_end
        while after < hi and ctx.texts[after] != ",":
            after += 1
        content = _content_span(ctx, after + 1, hi)
    if content is None:
        return None
    speaker, actor = found if found else (None, None)
    return _Attribution(content[0], content[1], speaker, cue, actor)


def _clause_before(ctx: _Context, lo: int, prev: int) -> bool:
    """tokens[lo:prev] hold a verb or a quotation mark."""
    return any(ctx.tags[m].startswith(("VB", "MD")) or ctx.is_quote_mark(m) for m in range(lo, max(lo, prev)))


def _verb_attribution(ctx: _Context, k: int, lo: int, hi: int, claimed_until: int) -> _Attribution | None:
    cue = ctx.token_span(k)
    prev = k - 1
    while prev >= lo and ctx.tags[prev] == "RB":
        prev -= 1
    word = ctx.lowers[k]
    participle = word.endswith("ing")
    if participle and prev >= lo and (ctx.texts[prev] == "," or ctx.is_quote_mark(prev) or ctx.lowers[prev] in _PARTICIPLE_LINKS and prev > lo):
        # `..., saying the city embodied ...`, `... before claiming that ...`: the main clause's subject speaks
        subject = _main_subject(ctx, lo, prev)
        if subject is None:
            return None
        start = k + 1
        while start < hi and ctx.lowers[start] in {"that", ":", ","}:
            start += 1
        content = _content_span(ctx, start, hi)
        if content is None:
            return None
        return _Attribution(content[0], content[1], subject[0], cue, subject[1])
    inverted = (
        not participle
        and word not in _ADDRESSEE_CUES
        and prev >= lo
        and (ctx.is_quote_mark(prev) or ctx.texts[prev] == "," and _clause_before(ctx, lo, prev))
        and k + 1 < hi
        and (ctx.tags[k + 1].startswith(("NN", "DT", "JJ")) or ctx.lowers[k + 1] in _SUBJECT_PRONOUNS or k + 1 in ctx.mention_of)
        and ctx.lowers[k + 1] not in _TIME_WORDS  # `..., said Tuesday`, but not `..., described it as`
    )
    if inverted:
        found, np_end = _speaker_after(ctx, k, hi)
        # `..., said China probably feels ...` is an appositive subject, not an inversion
        inverted = ctx.is_quote_mark(prev) or np_end >= hi or ctx.texts[np_end] in {",", ".", ";", "("} or ctx.tags[np_end] in {"IN", "TO"}
    if inverted:
        # `“...,” said Ken Gause, director of ...` / `..., said the official.`
        content = _content_span(ctx, lo, prev)
        if found is None or content is None:
            return None
        return _Attribution(content[0], content[1], found[0], cue, found[1])

    found, subject_start = _speaker_before(ctx, k, lo)
    if not participle and prev > lo and ctx.lowers[prev] in {"and", "but"} and (found is None or not _speaker_like(ctx, *found)):
        # `Roe referred to the massacre and said ...`: the verbs share the clause's subject
        subject = _clause_subject(ctx, lo, prev, True)
        if subject is not None:
            found, subject_start = (subject[0], subject[1]), k
    if participle and found is not None and subject_start - 1 >= lo and ctx.tags[subject_start - 1].startswith("VB"):
        # `The town released a statement saying ...`: the object does not speak, the subject does
        subject = _clause_subject(ctx, lo, subject_start)
        found = (subject[0], subject[1]) if subject is not None else None
    if found is not None:
        main = _what_pronoun(ctx, lo, found[0])
        found = (main[0], main[1]) if main is not None else found
    if found is None:
        return None
    if not word.endswith("ing") and not _BE.isdisjoint(ctx.lowers[max(lo, k - 3) : k]):
        return None  # passive: `specifics were not announced` (but `Trump is insisting`)
    if ctx.lowers[k] in _WEAK_CUES and (
        not (_speaks(ctx, found, subject_start, k) or _organization_reports(ctx, subject_start, k, hi))
        or k + 1 < hi and ctx.lowers[k + 1] == "to"
    ):
        return None  # `Beijing feel`, `They agreed to hold` (but `The Post reports that`)
    rest = k + 1
    adjuncts = _ATTRIBUTION_ADJUNCTS
    # a closing attribution: `..., Gause said.` or `..., Zakharova said Wednesday, according to ...`
    j = rest
    while j < hi and (ctx.lowers[j] in adjuncts or ctx.tags[j] in {"NNP", "CD"} and j + 1 < hi and ctx.texts[j + 1] in {",", "."}):
        j += 1
    closing = j >= hi or ctx.texts[j] in {",", ".", "?", "!", ";"} and (j + 1 >= hi or ctx.lowers[j + 1] in {"according", "adding", "noting", "saying"} or j + 1 >= hi - 1)
    quoted_before = (
        subject_start - 2 >= lo
        and ctx.is_quote_mark(subject_start - 1)
        and ctx.texts[subject_start - 2] in {",", "?", "!"}
        and ctx.in_quote(ctx.token_starts[subject_start - 2]) is not None
    )
    closing = closing or quoted_before  # `“...,” Roe declared in an interview, in the latest ...`
    before_subject = subject_start - 1
    while before_subject >= lo and (
        ctx.tags[before_subject] == "RB"
        or ctx.tags[before_subject] in {"VBN", "JJ"} and subject_start - before_subject <= 2  # `retired general X said`
    ):
        before_subject -= 1
    opens_after_comma = before_subject >= lo and (ctx.texts[before_subject] in {",", ";", "—"} or ctx.is_quote_mark(before_subject))
    if closing and opens_after_comma:
        content = _content_span(ctx, lo, before_subject + (1 if ctx.is_quote_mark(before_subject) else 0))
        if content is not None and _words_at_least(ctx.texts, lo, before_subject, 3):
            return _Attribution(content[0], content[1], found[0], cue, found[1])
        if j < hi and ctx.texts[j] == ",":
            # a parenthetical: `But now, experts say, Beijing might ...`
            content = _content_span(ctx, j + 1, hi)
            if content is not None:
                return _Attribution(content[0], content[1], found[0], cue, found[1])
        return None
    if subject_start < claimed_until:
        return None
    # a leading attribution: the reported clause follows the cue
    start = rest
    if ctx.lowers[k] in {"told", "tells", "tell", "telling", "asked", "informed", "reminded", "warned", "urged"}:
        start = _noun_phrase_end(ctx, start, hi)
    lowers = ctx.lowers
    for m in range(start, min(hi, start + 15)):  # `that` after adjuncts and noun phrases
        if lowers[m] == "that":
            start = m + 1
            break
        word, tag = ctx.texts[m], ctx.tags[m]
        if word in {":", ","} or word in _QUOTE_TOKENS or tag.startswith("VB"):
            break
        if not (lowers[m] in adjuncts or tag.startswith(("NN", "IN", "DT", "JJ", "CD", "PRP"))):
            break  # a word of the reported clause: a later `that` is its own
    while start < hi and ctx.lowers[start] in {"that", ":", ","}:
        start += 1
    if start < hi and ctx.texts[start] in _DASHES:
        return None  # `Pollsters agree - Jane Roe: “...”`: a heading, then its source
    end = hi
    # the content ends at `, according to` (every `according` is among the openers)
    openers = ctx.openers
    for c in openers[bisect.bisect_left(openers, start + 1) : bisect.bisect_left(openers, hi)]:
        if ctx.lowers[c] == "according" and ctx.texts[c - 1] == "," and ctx.in_quote(ctx.token_starts[c - 1]) is None:
            end = c - 1
            break
    content = _content_span(ctx, start, end)
    if content is None:
        return None
    return _Attribution(content[0], content[1], found[0], cue, found[1])


# ---------------------------------------------------------------------------
# 2b. Quoted passages framed by an attribution (`“A,” he said`, `X said: “A”`)
# ---------------------------------------------------------------------------

_NP_TAGS = ("NN", "JJ", "DT", "CD", "POS", "PRP", "PRP$", "NNP")
_NP_TEXT = {"-", "&", "'s", "’s", ".", "(", ")", "’", "'"}
_PREPOSITIONS = {"of", "for", "at", "with", "from", "in", "on", "to", "and"}
_NOT_SPEECH = frozenset(
    "is was are were be been am has had have do does did got get gets ended began made came went".split()
)
_SENTENCE_END = {".", "?", "!"}
_DASHES = {"-", "—", "–", "--"}
_NO_SPEAKER = Span(-1, -1, "")  # a frame that names no speaker (a passive cue)
_NOT_A_MENTION = (0, 0, None, "")  # `ctx.mention_of.get(k, _NOT_A_MENTION)[3]`: no type
_MAX_FRAME = 30  # tokens looked at on either side of a passage


def _frame_verb(ctx: _Context, k: int, loose: bool) -> bool:
    """Token k reports speech: a reporting verb or, when `loose`, any finite verb."""
    word = ctx.lowers[k]
    if word in _CUE_FORMS and (ctx.tags[k].startswith("VB") or word in _STRONG_CUES):
        return True
    if k + 1 < ctx.count and ctx.lowers[k + 1] in _PHRASAL_CUE_ENDS.get(word, ()):
        return True  # `shot back`, `went on`
    if loose and word in _CLOSING_CUES:
        return True  # `,” the letter read.`
    return loose and ctx.tags[k] in {"VBD", "VBZ"} and word not in _NOT_SPEECH


def _named(ctx: _Context, k: int) -> bool:
    """Token k belongs to a name; a capitalised past-tense cue taken for a
    name of unknown type (`, Tweeted on Friday`) does not."""
    mention = ctx.mention_of.get(k)
    if mention is None:
        return False
    word = ctx.texts[k]
    return not (mention[3] == "other" and mention[1] - mention[0] == len(word) and word.lower() in _CUE_FORMS and word.endswith("ed"))


def _abbreviation_dot(ctx: _Context, k: int) -> bool:
    """A full stop glued to a word and followed by a comma or a lower-case
    word ends an abbreviation (`R-Ky.,`, `Allentown, Pa., said`), not a sentence."""
    if ctx.texts[k] != "." or k == 0 or k + 1 >= ctx.count or ctx.token_ends[k - 1] != ctx.token_starts[k]:
        return False
    nxt = ctx.texts[k + 1]
    return nxt == "," or nxt[:1].islower()


def _is_np_token(ctx: _Context, k: int) -> bool:
    return ctx.tags[k].startswith(_NP_TAGS) or k in ctx.mention_of or ctx.texts[k] in _NP_TEXT


def _head_speaker(ctx: _Context, a: int, b: int) -> tuple[Span, str | None] | None:
    """The speaker named by the noun phrase tokens[a:b]: the mention that ends
    its core (before any `of`/`for` complement), else the core phrase itself."""
    while a < b and ctx.texts[a] in {",", "—", "-", "–"}:
        a += 1
    core_end = a
    while core_end < b and ctx.texts[core_end] not in {",", "("}:
        word = ctx.texts[core_end]
        if word.lower() == "of" and core_end > a and all(ctx.tags[m] in {"CD", "DT"} for m in range(a, core_end)):
            core_end += 1  # `one of two witnesses`, `some of the donors`: the head follows
            continue
        if word.lower() in _PREPOSITIONS and (
            core_end == a
            or not ctx.texts[core_end - 1][:1].isupper()
            or ctx.mention_of.get(core_end - 1, _NOT_A_MENTION)[3] == "person"
        ):
            break  # `a spokesman for the ministry`, `Jane Roe of Ohio`, but `Secretary of State X`
        core_end += 1
    if core_end == a:
        return None
    last = core_end - 1
    while last > a and ctx.texts[last] in _NP_TEXT:
        last -= 1
    mention = ctx.mention_of.get(last)
    if mention is not None:
        s, e, actor, _ = mention
        return Span(s, e, ctx.text[s:e]), actor
    if not any(ctx.tags[k].startswith(("NN", "PRP")) for k in range(a, core_end)) and not (
        ctx.tags[a] == "DT" and core_end - a >= 2 and ctx.tags[core_end - 1].startswith(("JJ", "CD"))
    ):
        return None
    # a description: `a spokesperson for the ministry`, `the 46-year-old`
    end = b
    while end > a and ctx.texts[end - 1] in {",", "—", "-", "–", "("}:
        end -= 1
    end = min(end, a + 12)
    s, e = ctx.token_starts[a], ctx.token_ends[end - 1]
    return Span(s, e, ctx.text[s:e]), None


def _subject_np(ctx: _Context, a: int, b: int) -> tuple[Span, str | None] | None:
    """tokens[a:b] is a subject noun phrase, possibly with an appositive
    (`Sarandon, 69,` / `Gary Samore, former coordinator for ...,`)."""
    if b <= a or b - a > 25:
        return None
    comma = next((k for k in range(a, b) if ctx.texts[k] == ","), b)
    head_end = comma
    if head_end - a > 8:
        return None
    for k in range(a, head_end):
        if not (
            _is_np_token(ctx, k)
            or ctx.lowers[k] in {"of", "for", "at", "in", "from", "with", "on"} and k > a
            or ctx.lowers[k] == "and" and a < k < head_end - 1  # `the senator and candidate told`
        ):
            return None
    if comma < b and ctx.texts[b - 1] != ",":
        return None  # `X, who ..., said`: the appositive must close with a comma
    return _head_speaker(ctx, a, head_end)


def _subject_before(ctx: _Context, lo: int, v: int) -> tuple[Span, str | None] | None:
    """The subject noun phrase that ends just before verb v (auxiliaries and
    adverbs skipped), with an appositive between commas allowed:
    `Gary Samore, former coordinator ..., said`."""
    skip = _CUE_SKIP_BEFORE
    end = _skip_back(ctx, v - 1, lo, skip) + 1
    if end - 2 > lo and ctx.texts[end - 1] == "," and ctx.texts[end - 2] == ")":
        end = _skip_back(ctx, end - 2, lo, skip) + 1  # `Gov. Jane Roe (R-Ohio), said`: a stray comma
    if end > lo and ctx.texts[end - 1] == ",":
        m = end - 2
        while m >= lo and m > end - 25 and ctx.texts[m] != "," and not ctx.is_quote_mark(m):
            m -= 1
        if m < lo or ctx.texts[m] != ",":
            return None
        appositive = (m + 1, end - 1)
        end = m
    else:
        appositive = None
    start = end
    while start > lo:
        if _is_np_token(ctx, start - 1):
            start -= 1
        elif ctx.lowers[start - 1] in {"of", "for", "from"} and start - 2 >= lo and _is_np_token(ctx, start - 2) and start < end:
            start -= 1
        else:
            break
    if start == end or end - start > 12:
        return None
    if start > lo and not (ctx.texts[start - 1] in {",", ";", "—", "–", ":", "(", "-"} or ctx.tags[start - 1] in {"CC", "IN", "RB", "WRB"} or ctx.is_quote_mark(start - 1)):
        return None
    if appositive is not None:
        named = _appositive_name(ctx, start, end, appositive[1])
        if named is not None:
            return named
    return _head_speaker(ctx, start, end)


def _appositive_name(ctx: _Context, head_start: int, head_end: int, close: int) -> tuple[Span, str | None] | None:
    """`the union’s president, Jane Doe, said`: a description whose appositive
    (tokens[head_end + 1:close]) is a person's name names the speaker."""
    if any(ctx.mention_of.get(m, _NOT_A_MENTION)[3] == "person" for m in range(head_start, head_end)):
        return None
    first = head_end + 1
    if close - first < 1 or close - first > 5:
        return None
    mention = ctx.mention_of.get(close - 1)
    if mention is None or mention[3] != "person" or ctx.mention_of.get(first) != mention:
        return None
    s, e, actor, _ = mention
    return Span(s, e, ctx.text[s:e]), actor


def _passive(ctx: _Context, lo: int, v: int) -> bool:
    """`Blumenthal was asked`: a participle after a form of `be`."""
    m = v - 1
    while m >= lo and ctx.tags[m] == "RB":
        m -= 1
    return ctx.tags[v] in {"VBN", "VBD"} and m >= lo and ctx.lowers[m] in _BE


def _clause_subject(ctx: _Context, lo: int, hi: int, first: bool = False) -> tuple[Span, str | None, int] | None:
    """The subject of the clause in tokens[lo:hi]: the noun phrase before its
    first finite verb (`Hillary Clinton’s aide rallied supporters, saying`),
    with the index of that verb."""
    for v in range(lo, hi) if first else range(hi - 1, lo - 1, -1):
        tag = ctx.tags[v]
        if tag not in {"VBD", "VBZ", "VBP", "MD", "VBN"} or v in ctx.mention_of or ctx.is_quote_mark(v):
            continue
        if tag == "VBN":
            m = v - 1
            while m > lo and ctx.tags[m] == "RB":
                m -= 1  # `Roe later referred`
            if v == lo or not (_is_np_token(ctx, m) or ctx.texts[m] == ","):
                continue  # a participle after an auxiliary, not a mis-tagged past tense (`Roe, 69, delivered`)
        found = _subject_before(ctx, lo, v)
        if found is not None and _speaker_like(ctx, found[0], found[1]):
            return found[0], found[1], v
    return None


_CLAUSE_OPENERS = {",", ";", ":", "—", "–", "--", "(", "and", "but"}


def _main_subject(ctx: _Context, lo: int, hi: int) -> tuple[Span, str | None, int] | None:
    """The subject of the main clause in tokens[lo:hi], for a participle that
    follows it (`Jones, the governor, repeated claims that Smith reads ...,
    calling him ...` -> Jones): the first subject that opens the sentence or
    follows a comma, not one inside a `that`/`after` clause; else the nearest."""
    for v in range(lo, hi):
        tag = ctx.tags[v]
        if tag not in {"VBD", "VBZ", "VBP", "MD", "VBN"} or v in ctx.mention_of or ctx.is_quote_mark(v):
            continue
        if tag == "VBN" and (v == lo or not _is_np_token(ctx, v - 1) and ctx.texts[v - 1] != ","):
            continue
        if ctx.in_quote(ctx.token_starts[v]) is not None:
            continue
        found = _subject_before(ctx, lo, v)
        if found is None or not _speaker_like(ctx, found[0], found[1]):
            continue
        k = bisect.bisect_left(ctx.token_starts, found[0].start)
        while k > lo and (_is_np_token(ctx, k - 1) and ctx.texts[k - 1] not in {"(", ")"}):
            k -= 1
        if k == lo or ctx.lowers[k - 1] in _CLAUSE_OPENERS or ctx.is_quote_mark(k - 1):
            return found[0], found[1], v
    return _clause_subject(ctx, lo, hi)


def _reporting_subject(ctx: _Context, lo: int, hi: int) -> tuple[Span, str | None, int] | None:
    """The subject of the nearest reporting verb in tokens[lo:hi] (`Trump is
    questioning whether X would have come “...”` -> Trump), with its index."""
    lowers = ctx.lowers
    for v in range(hi - 1, lo - 1, -1):
        if lowers[v] not in _FRAME_VERB_WORDS or lowers[v] in _WEAK_CUES:
            continue  # (the cheap test first: a strict `_frame_verb` stands only at these words)
        if ctx.is_quote_mark(v) or ctx.in_quote(ctx.token_starts[v]) is not None:
            continue
        if not _frame_verb(ctx, v, False) or v in ctx.mention_of:
            continue
        if ctx.tags[v] == "VBG":
            found = _main_subject(ctx, lo, v)
            return found if found is not None else None
        found = _subject_before(ctx, lo, v)
        if found is not None and _speaker_like(ctx, found[0], found[1]):
            return _what_pronoun(ctx, lo, found[0]) or (found[0], found[1], v)
        return None
    return None


def _what_pronoun(ctx: _Context, lo: int, speaker: Span) -> tuple[Span, str | None, int] | None:
    """`Cruz railed against what he calls the “cartel”`: the pronoun of a
    `what he calls` clause stands for the subject of the main clause."""
    k = bisect.bisect_left(ctx.token_starts, speaker.start)
    if k <= lo or k >= ctx.count or ctx.tags[k] != "PRP" or ctx.lowers[k - 1] != "what":
        return None
    return _main_subject(ctx, lo, k - 1)


def _speaker_like(ctx: _Context, span: Span, actor: str | None) -> bool:
    """A person, group or organisation mention, a pronoun, or a speaker noun."""
    k = bisect.bisect_left(ctx.token_starts, span.end) - 1
    if k < 0:
        return False
    mention = ctx.mention_of.get(k)
    if mention and mention[3] in {"person", "group", "organization"}:
        return True
    word = ctx.lowers[k]
    return word in _SUBJECT_PRONOUNS or word in _SPEAKER_NOUNS


def _passage_marks(ctx: _Context, passage: Passage) -> tuple[int, int]:
    """(index of the first token after the opening mark's token, index of the
    first token after the closing mark), both token indices."""
    first = bisect.bisect_left(ctx.token_starts, passage.start)
    after = bisect.bisect_left(ctx.token_starts, passage.end)
    if passage.closed and after < ctx.count and ctx.is_quote_mark(after):
        after += 1
    return first, after


def _after_frame(ctx: _Context, k: int, hi: int, loose: bool) -> tuple[Span, str | None, Span] | None:
    """`,” Zucker said during ...` / `,” said Ken Gause, director of ...`."""
    while k < hi and ctx.texts[k] in {",", "—", "–", "-"}:
        k += 1
    limit = min(hi, k + 16)
    # inverted: `said the 46-year-old`
    j = k
    while j < limit and ctx.tags[j] == "RB":
        j += 1
    if j < limit and _frame_verb(ctx, j, loose) and j + 1 < hi:
        np_end = _noun_phrase_end(ctx, j + 1, hi)
        if np_end > j + 1:
            found = None
            if np_end + 1 < hi and ctx.texts[np_end] == ",":
                # `said another lawyer, Jane Roe of ...`: the appositive names the speaker
                named = ctx.mention_of.get(np_end + 1)
                described = not ctx.mention_of.keys().isdisjoint(range(j + 1, np_end))
                if named is not None and named[3] == "person" and named[0] == ctx.token_starts[np_end + 1] and not described:
                    found = Span(named[0], named[1], ctx.text[named[0] : named[1]]), named[2]
            found = found or _head_speaker(ctx, j + 1, np_end)
            if found is not None:
                return found[0], found[1], ctx.token_span(j)
    # subject first: `Zucker said`, `Sarandon, 69, told`, `he later added`
    skip = _CUE_SKIP_BEFORE
    head_end = k
    while head_end < hi and head_end - k < 8 and _is_np_token(ctx, head_end):
        head_end += 1
    if head_end > k and head_end < hi and ctx.texts[head_end] == ",":
        # an appositive up to the comma before the verb
        for c in range(head_end + 1, min(hi, head_end + 40)):
            if ctx.is_quote_mark(c) or ctx.texts[c] in _SENTENCE_END and not _abbreviation_dot(ctx, c):
                break
            if ctx.texts[c] != ",":
                continue
            v = c + 1
            while v < hi and ctx.tags[v] == "RB":
                v += 1
            if v < hi and _frame_verb(ctx, v, loose) and not _named(ctx, v):
                found = _appositive_name(ctx, k, head_end, c) or _head_speaker(ctx, k, head_end)
                if found is not None:
                    return found[0], found[1], ctx.token_span(v)
                break
    for v in range(k + 1, limit):
        if ctx.is_quote_mark(v) or ctx.texts[v] in _SENTENCE_END and not _abbreviation_dot(ctx, v):
            return None
        mistagged = (  # `,” Bozell answers.`: a cue tagged as a plural noun
            loose
            and ctx.lowers[v] in _CUE_FORMS
            and v + 1 < ctx.count
            and ctx.texts[v + 1] in {".", ",", "?", "!"}
        )
        if not (_frame_verb(ctx, v, loose) or mistagged):
            continue
        if _named(ctx, v):
            continue
        end = v
        while end > k and (ctx.lowers[end - 1] in skip or ctx.tags[end - 1] == "RB"):
            end -= 1
        found = _subject_np(ctx, k, end)
        if found is None:
            return None
        return found[0], found[1], ctx.token_span(v)
    return None


def _bare_attribution(ctx: _Context, k: int, hi: int) -> bool:
    """tokens[k:hi] are only a short subject, a reporting verb and a full
    stop (`Jane Roe said.`, `he added Tuesday.`): a sentence that reports
    nothing of its own attributes the quote before it."""
    v = k
    while v < hi and v - k < 6 and (_is_np_token(ctx, v) and ctx.texts[v] != "." or ctx.tags[v] == "RB"):
        v += 1
    if v == k or v >= hi or not _frame_verb(ctx, v, False) or ctx.lowers[v].endswith("ing"):
        return False
    times = _TIME_WORDS
    j = v + 1
    while j < hi and (ctx.lowers[j] in times or ctx.tags[j] == "RB"):
        j += 1
    return j >= hi or ctx.texts[j] in _SENTENCE_END


def _before_frame(ctx: _Context, lo: int, k: int) -> tuple[Span, str | None, Span] | None:
    """`Ryan said, “` / `Trump told reporters: “` / `Continued Stone: “` /
    `Republican pollster Daron Shaw: “` / `..., saying, “`: tokens[lo:k] end
    just before the opening mark."""
    end = k
    punct = None
    if end > lo and ctx.texts[end - 1] in {",", ":", "—", "–"}:
        punct = ctx.texts[end - 1]
        end -= 1
    if end <= lo:
        return None
    adjuncts = _ATTRIBUTION_ADJUNCTS
    if (
        punct is not None
        and ctx.texts[lo][:1].isupper()
        and _frame_verb(ctx, lo, False)
        and not ctx.lowers[lo].endswith("ing")
        and (lo == 0 or ctx.texts[lo - 1] in _SENTENCE_END or ctx.is_quote_mark(lo - 1))
    ):
        # an inverted sentence opener: `Said Jane Doe, who grew up there, “`
        head_end = lo + 1
        while head_end < end and _is_np_token(ctx, head_end) and ctx.texts[head_end] != "(":
            head_end += 1
        if head_end > lo + 1 and (head_end == end or ctx.texts[head_end] == ","):
            found = _head_speaker(ctx, lo + 1, head_end)
            if found is not None:
                return found[0], found[1], ctx.token_span(lo)
    # the cue, possibly followed by adjuncts (`said in a statement on Tuesday`)
    v = end - 1
    steps = 0
    mistagged = ctx.tags[v] == "NNS" and ctx.lowers[v] in _CUE_FORMS and v - 1 in ctx.mention_of
    if punct == ":" and (ctx.tags[v] in {"VBD", "VBZ"} and _frame_verb(ctx, v, True) or mistagged):
        found = _subject_before(ctx, lo, v)  # `17-year-old Jared Potts echoed:`
        if found is not None:
            return found[0], found[1], ctx.token_span(v)
    def reports(m: int) -> bool:
        if _frame_verb(ctx, m, False):
            return True
        # `The ad claims “...”`: a cue after its subject, tagged as a plural noun
        return (
            ctx.tags[m] == "NNS"
            and ctx.lowers[m] in _CUE_FORMS
            and m - 1 >= lo
            and (ctx.tags[m - 1].startswith("NN") or m - 1 in ctx.mention_of)
            and all(ctx.lowers[n] == "that" for n in range(m + 1, end))
        )

    while v >= lo and steps < 10 and not reports(v):
        word = ctx.texts[v]
        if punct == ":" and word in _DASHES:
            v = -1  # `Pollsters agree - Jane Roe: “`: the dash sets a heading apart
            break
        if not (ctx.lowers[v] in adjuncts or ctx.tags[v].startswith(("NN", "IN", "DT", "CD", "JJ", "PRP", "POS", "RP", "RB")) or v in ctx.mention_of or word in _NP_TEXT):
            v = -1
            break
        v -= 1
        steps += 1
    if v >= lo and punct is None and any(ctx.lowers[m] != "that" for m in range(v + 1, end)):
        v = -1  # `Cruz says his “friend”`: the quote is inside the reported clause
    if v >= lo and steps < 10 and reports(v):
        cue = ctx.token_span(v)
        if ctx.tags[v] == "VBG" or ctx.lowers[v].endswith("ing"):
            # `..., saying, “`: the subject of the main clause speaks
            addressee = ctx.lowers[v] in _ADDRESSEE_CUES and all(
                ctx.tags[m].startswith(("PRP", "NN", "DT")) for m in range(v + 1, end)
            )  # `..., telling them, “`
            if v + 1 >= end or addressee and end - v <= 4:
                subject = _main_subject(ctx, lo, v)
                if subject is not None:
                    return subject[0], subject[1], cue
            return None
        if _passive(ctx, lo, v):
            if ctx.lowers[v] in _NAMING_CUES:
                return None  # `the plan is called “Fresh Start”`: a name, not a quote
            return _NO_SPEAKER, None, cue  # `Blumenthal was asked, “`
        found = _subject_before(ctx, lo, v) or _relative_who(ctx, lo, v)
        if found is not None:
            return found[0], found[1], cue
        # inverted: `Continued Stone: “`, `said Smith, “`, `Said Jane Doe, who ..., “`
        if v + 1 < end and (v == lo or ctx.texts[v - 1] in {",", ";", ":"}):
            head_end = v + 1
            while head_end < end and _is_np_token(ctx, head_end):
                head_end += 1
            if head_end == end or ctx.texts[head_end] == ",":
                found = _head_speaker(ctx, v + 1, head_end)
                if found is not None:
                    return found[0], found[1], cue
        return None
    if punct == ":":
        # a colon after a name: `Republican pollster Daron Shaw: “`
        mention = ctx.mention_of.get(end - 1)
        m = end - 1
        while m > lo and (_is_np_token(ctx, m - 1) and ctx.tags[m - 1] != "PRP" and ctx.texts[m - 1] not in _DASHES):
            m -= 1
        while m - 2 >= lo and ctx.lowers[m - 1] in {"and", "&"} and m - 2 in ctx.mention_of:
            m = bisect.bisect_left(ctx.token_starts, ctx.mention_of[m - 2][0])  # `Jane Roe and John Doe:`
        dashed = m > lo and ctx.texts[m - 1] in _DASHES
        alone = m == lo or dashed
        colon = ctx.token_span(end)
        if alone and mention and mention[3] in {"person", "group", "organization"} and ctx.tags[end - 1] != "PRP":
            s, e, actor, _ = mention
            return Span(s, e, ctx.text[s:e]), actor, colon
        if dashed and end - m <= 5 and all(ctx.texts[j][:1].isupper() for j in range(m, end)):
            # `Media shares blame - HuffPollster: “`: a named source after a heading
            s, e = ctx.token_starts[m], ctx.token_ends[end - 1]
            return Span(s, e, ctx.text[s:e]), mention[2] if mention else None, colon
    return None


def _attribute_passages(
    ctx: _Context, sentences: Sequence[Sentence], paragraphs: Sequence[Paragraph]
) -> tuple[dict[Passage, tuple[Span, str | None, Span]], dict[Passage, int]]:
    """Passages that open a sentence (or follow an introducing clause) with
    the speaker and cue that frame them; and the passages embedded in a
    sentence, with the index of the sentence's first token in the frame."""
    found: dict[Passage, tuple[Span, str | None, Span]] = {}
    embedded: dict[Passage, int] = {}
    if not ctx.passages:
        return found, embedded
    sentence_starts = [s.first_token for s in sentences]
    previous_close = -1  # token index after the previous passage's closing mark
    for passage in ctx.passages:
        if passage.single:
            continue
        first, after = _passage_marks(ctx, passage)
        open_mark = first - 1 if first > 0 and ctx.is_quote_mark(first - 1) else first
        s_index = max(0, bisect.bisect_right(sentence_starts, open_mark) - 1)
        lo = max(sentences[s_index].first_token if sentences else 0, previous_close, open_mark - _MAX_FRAME)
        if previous_close > lo - 1 and previous_close <= open_mark:
            lo = max(lo, previous_close)
        p_start = paragraphs[passage.paragraph].start
        while lo < open_mark and ctx.token_starts[lo] < p_start:
            lo += 1
        before_words = any(map(_HAS_ALNUM, ctx.texts[lo:open_mark]))
        result = None
        intro = _before_frame(ctx, lo, open_mark) if before_words else None
        inner = ctx.text[passage.start : passage.end].rstrip().rstrip("’'‘").rstrip()  # `‘miracles,’”` ends with its comma
        heading = _heading_before(ctx, p_start, open_mark) if before_words and intro is None else None
        byline = _dash_byline(ctx, passage, after, paragraphs[passage.paragraph].end)
        if byline is not None:
            found[passage] = byline  # `“...” ― Jane Roe`: a quote signed with a dash
            previous_close = after
            continue
        if heading is not None:
            found[passage] = heading  # `NEWS IN BRIEF “...” [Source.]`: a newsletter item quoting its heading's story
            previous_close = after
            continue
        if before_words and intro is None:
            s_lo = sentences[s_index].first_token if sentences else 0
            while s_lo < open_mark and ctx.token_starts[s_lo] < p_start:
                s_lo += 1
            embedded[passage] = max(s_lo, open_mark - 60)
        elif intro is not None and inner[-1:] not in {",", "—", "–"}:
            result = intro  # `X said, “A.”`: what follows is another sentence
        else:
            if passage.closed and after < ctx.count:
                a_index = max(0, bisect.bisect_right(sentence_starts, after) - 1)
                hi = sentences[a_index].end_token if sentences else ctx.count
                p_end = paragraphs[passage.paragraph].end
                hi = min(hi, after + _MAX_FRAME)
                if hi > after:  # not past the paragraph's end
                    hi = bisect.bisect_left(ctx.token_starts, p_end, after, hi)
                loose = not before_words and inner[-1:] in {",", "?", "!", "—", "–"}
                # `“A.” He said, twice, that ...`: after a full stop a new sentence begins
                if not (inner[-1:] == "." and after < ctx.count and ctx.texts[after][:1].isupper()):
                    result = _after_frame(ctx, after, hi, loose)
                elif _bare_attribution(ctx, after, hi):
                    result = _after_frame(ctx, after, hi, False)  # `“A.” Jane Roe said.`: nothing else to report
            if result is None:
                result = intro
        if result is None and not before_words:
            result = _colon_intro(ctx, sentences, s_index, open_mark)
        if result is None and before_words and open_mark > lo and ctx.texts[open_mark - 1] == ":":
            if passage.closed and inner[-1:] in {",", "?", "!"} and after < ctx.count:
                # `Roe seemed irritated: “A,” she wrote.`: the cue after the quote names its speaker
                a_index = max(0, bisect.bisect_right(sentence_starts, after) - 1)
                hi = min(sentences[a_index].end_token if sentences else ctx.count, after + _MAX_FRAME)
                result = _after_frame(ctx, after, hi, False)
            if result is None:
                result = _colon_subject(ctx, lo, open_mark - 1) or _colon_label(ctx, lo, open_mark - 1)
            if result is not None:
                embedded.pop(passage, None)
        if result is not None:
            found[passage] = result
        previous_close = after
    return found, embedded


_BYLINE_DASHES = {"―", "—", "–", "--"}


def _dash_byline(ctx: _Context, passage: Passage, after: int, p_end: int) -> tuple[Span, str | None, Span] | None:
    """`“...” ― Jane Roe` / `“...” — Jane Roe, a teacher`: a closed passage
    followed by a dash and a capitalised name that ends the paragraph."""
    if not passage.closed or after + 1 >= ctx.count or ctx.texts[after] not in _BYLINE_DASHES:
        return None
    if ctx.token_starts[after] >= p_end:
        return None
    first = after + 1
    end = first
    while end < ctx.count and ctx.token_starts[end] < p_end and end - first < 6 and (
        ctx.texts[end][:1].isupper() or ctx.texts[end] == "." and end > first
    ):
        end += 1
    rest = end
    if rest < ctx.count and ctx.token_starts[rest] < p_end and ctx.texts[rest] == ",":
        rest += 1  # `, a teacher in Ohio`: a short description may follow
        while rest < ctx.count and ctx.token_starts[rest] < p_end and rest - end < 10 and ctx.texts[rest] not in _SENTENCE_END | {"“", "”", '"'}:
            rest += 1
        while rest < ctx.count and ctx.token_starts[rest] < p_end and ctx.texts[rest] in _SENTENCE_END:
            rest += 1
    if end == first or not ctx.texts[first][:1].isalpha() or rest < ctx.count and ctx.token_starts[rest] < p_end:
        return None
    while end > first and ctx.texts[end - 1] == ".":
        end -= 1
    mention = ctx.mention_of.get(first)
    if mention is not None and mention[3] in {"person", "group", "organization"}:
        s, e, actor = mention[0], mention[1], mention[2]
    else:
        s, e, actor = ctx.token_starts[first], ctx.token_ends[end - 1], None
    return Span(s, e, ctx.text[s:e]), actor, ctx.token_span(after)


def _heading_before(ctx: _Context, p_start: int, open_mark: int) -> tuple[Span, None, None] | None:
    """An upper-case heading that opens the paragraph right before the opening mark."""
    first = bisect.bisect_left(ctx.token_starts, p_start)
    words = 0
    for word in ctx.texts[first:open_mark]:
        if any(map(str.isalpha, word)):
            if any(map(str.islower, word)):
                return None  # most paragraphs: the first word with a lower-case letter decides
            words += 1
    if words < 2:
        return None
    s, e = ctx.token_starts[first], ctx.token_ends[open_mark - 1]
    return Span(s, e, ctx.text[s:e]), None, None


def _colon_intro(ctx: _Context, sentences: Sequence[Sentence], s_index: int, open_mark: int) -> tuple[Span, str | None, Span] | None:
    """A passage that opens its sentence after one ending in a colon (`Dr. Ward stated:`)."""
    k = open_mark - 1
    if k < 0 or ctx.texts[k] != ":":
        return None
    index = s_index if sentences[s_index].first_token <= k else s_index - 1
    while index > 0 and sentences[index].first_token > k:
        index -= 1
    lo = max(sentences[index].first_token, k - _MAX_FRAME)
    return _before_frame(ctx, lo, k + 1) or _colon_subject(ctx, lo, k) or _colon_label(ctx, lo, k)


def _colon_label(ctx: _Context, lo: int, colon: int) -> tuple[Span, str | None, Span] | None:
    """`Rep. Jane Roe (R-Ohio): “...”`, `Here is Jane Roe in 1992: “...”`: a person's
    name alone (titles, a parenthesis, a trailing time or place) labels the quote."""
    k = lo
    if ctx.lowers[k] == "here" and k + 1 < colon and ctx.lowers[k + 1] in {"is", "'s", "’s"}:
        k += 2
    mention = ctx.mention_of.get(k)
    while mention is None and k < colon and (ctx.tags[k] in {"NNP", "NN", "DT", "JJ"} or ctx.lowers[k] == "of"):
        k += 1  # a title before the name: `Former secretary of state X`
        mention = ctx.mention_of.get(k)
    if mention is None or mention[3] != "person":
        return None
    m = k
    while m < colon and ctx.mention_of.get(m) == mention:
        m += 1
    if m < colon and ctx.texts[m] == "(":  # `(R-S.C.)`
        while m < colon and ctx.texts[m] != ")":
            m += 1
        m += 1
    if m < colon and ctx.tags[m] == "IN":  # `in December 1992`
        m += 1
        while m < colon and _is_np_token(ctx, m):
            m += 1
    if m != colon:
        return None
    s, e, actor, _ = mention
    return Span(s, e, ctx.text[s:e]), actor, ctx.token_span(colon)


def _colon_subject(ctx: _Context, lo: int, colon: int) -> tuple[Span, str | None, Span] | None:
    """`President Clinton released the following statement:` -> its subject."""
    subject = _clause_subject(ctx, lo, colon)
    if subject is None:
        return None
    return subject[0], subject[1], ctx.token_span(colon)


# ---------------------------------------------------------------------------
# 3. and 4. Quotes from attributions and passages
# ---------------------------------------------------------------------------


def _kind_and_span(ctx: _Context, attribution: _Attribution) -> list[tuple[str, int, int]]:
    """Direct quotes (one per passage) when the content is only quoted text, else one mixed or indirect span."""
    inside = [p for p in ctx.overlapping(attribution.start, attribution.end) if not p.single]
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
    return len(list(filter(_HAS_ALNUM, text.split())))


def find_quotes(
    text: str,
    paragraphs: Sequence[Paragraph],
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    actors: Sequence[Actor],
) -> tuple[Quote, ...]:
    """All quotes of the document, in text order."""
    columns = token_columns(tokens)  # those `find_actors` built, for the pipeline's token tuple
    sentences = _join_split_sentences(sentences, columns.texts)
    passages = find_passages(text, paragraphs)
    ctx = _Context(text, tokens, actors, passages, columns)
    if not passages and not ctx.openers:
        return ()  # nothing in quotation marks and no cue
    quotes: list[Quote] = []
    covered: set[Passage] = set()
    framed, embedded = _attribute_passages(ctx, sentences, paragraphs)
    framed_cues = {cue.start for _, _, cue in framed.values() if cue is not None}
    for passage, (speaker, actor, cue) in framed.items():
        speaker = None if speaker is _NO_SPEAKER else speaker
        quotes.append(Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", speaker, actor, cue))
        covered.add(passage)
    frame_cuts = _frame_cuts(ctx, framed)
    for sentence, openers in _sentences_with(sentences, ctx.openers):
        for attribution in _attributions_in_sentence(ctx, sentence, openers):
            if attribution.cue is not None and attribution.cue.start in framed_cues:
                continue
            if attribution.cue is None or attribution.cue.text.lower() != "according to":
                attribution = _cut_at_frames(ctx, attribution, frame_cuts)
            if attribution is None:
                continue
            for kind, start, end in _kind_and_span(ctx, attribution):
                inside = [p for p in ctx.overlapping(start, end) if not p.single]
                if kind == "direct" and all(p in framed for p in inside):
                    continue
                quotes.append(Quote(start, end, text[start:end], kind, attribution.speaker, attribution.actor, attribution.cue))
                covered.update(inside)

    # Passages no cue claimed: a quote running on from the previous one, or unattributed.
    by_start = sorted(quotes, key=_START)
    actor_types = {actor.name: actor.type for actor in actors}
    starts = [q.start for q in by_start]
    for passage in passages:
        if passage in covered or passage.single:
            continue
        k = bisect.bisect_left(starts, passage.start) - 1
        previous = None
        # A quote paragraph may continue what the previous paragraph reported (`Roe said that A. ¶ “B.”`).
        continues_report = _fills_paragraph(passage, paragraphs) and _word_count(text[passage.start : passage.end]) >= 6
        while k >= 0:
            q = by_start[k]
            q_paragraph = _paragraph_of(paragraphs, q.start)
            if q.kind != "indirect" or q_paragraph == passage.paragraph:
                previous = q if q_paragraph >= passage.paragraph - 1 else None
                break
            if continues_report and q_paragraph == passage.paragraph - 1:
                while k > 0 and by_start[k - 1].end >= q.end:  # the report that holds a nested one (`Roe said that critics argued ...`)
                    k -= 1
                    q = by_start[k]
                if actor_types.get(q.actor) in ("person", "organization"):
                    previous = q
                break
            k -= 1
        subject = None
        if passage in embedded:
            # `Moore thanked him for “...”`: the subject of the sentence speaks
            first, _ = _passage_marks(ctx, passage)
            # (a reporting verb's subject first, else the main clause's), but a
            # title in marks (`read “The Art of the Deal”`) is nobody's quote
            subject = _reporting_subject(ctx, embedded[passage], first)
            if subject is None and _title_like(text, passage):
                continue
            if subject is None:
                if _modifier_in_marks(ctx, passage):
                    continue  # `a federal “supermax” prison`: scare quotes on a modifier
                if _word_count(text[passage.start : passage.end]) <= 1:
                    continue  # `upgraded to “confidential”`: with no cue, one word in marks is a scare quote
                subject = _clause_subject(ctx, embedded[passage], first, True)
                if subject is not None:
                    subject = _reporter_of_clause(ctx, embedded[passage], subject)
            if subject is not None and not _speaker_like(ctx, subject[0], subject[1]):
                subject = None
        if subject is not None:
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", subject[0], subject[1], ctx.token_span(subject[2]))
        elif (previous is None or previous.speaker is None) and (following := _following(passage, framed, passages, paragraphs)):
            # a quote paragraph whose attribution comes with the next one
            speaker, actor, cue = following
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", speaker, actor, cue)
        elif previous is not None and previous.speaker is not None:
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", previous.speaker, previous.actor, previous.cue)
        elif _word_count(text[passage.start : passage.end]) >= 6:
            quote = Quote(passage.start, passage.end, text[passage.start : passage.end], "direct", None, None, None)
        else:
            continue  # a short unattributed phrase in marks: a title or scare quotes
        quotes.append(quote)
        index = bisect.bisect_right(starts, quote.start)
        by_start.insert(index, quote)
        starts.insert(index, quote.start)
    if len(quotes) < 2:
        return tuple(quotes)  # nothing to nest, report within or repeat
    quotes.sort(key=_START_END)
    return tuple(_dedupe(_drop_reported_within(_drop_nested(text, quotes))))


def _sentences_with(sentences: list[Sentence], positions: list[int]) -> list[tuple[Sentence, list[int]]]:
    """Each sentence that holds some of the sorted token indices `positions`,
    with those (no other sentence has an attribution), in order: one walk
    over both lists while the sentences come in order, as they do."""
    found = []
    count = len(positions)
    p = 0  # the first position at or after the sentence's first token
    previous = -1
    for sentence in sentences:
        first = sentence.first_token
        if first < previous:
            p = 0  # out of order: walk again from the start
        previous = first
        while p < count and positions[p] < first:
            p += 1
        end = p
        while end < count and positions[end] < sentence.end_token:
            end += 1
        if end > p:
            found.append((sentence, positions[p:end]))
    return found


def _frame_cuts(ctx: _Context, framed: dict[Passage, tuple[Span, str | None, Span]]) -> list[tuple[int, int, int, bool]]:
    """(cue start, speaker start, first character of the frame, whether the
    speaker is borrowed by a participle cue) of the framed
    passages that open a clause of their own (`..., Roe replied: “A”`, `“A,”
    Roe replied`), in order; not a dash byline, a frame inside a subordinate
    or relative clause (`in which Roe said: “A”`, `people who feel that way,
    “A”`) nor one with a verb of thinking."""
    cuts = []
    weak = _WEAK_CUES
    for passage, (speaker, _, cue) in framed.items():
        if cue is None or cue.text in _BYLINE_DASHES or cue.text.lower() in weak:
            continue
        first = min(cue.start, passage.start - 1)
        speaker_start = cue.start
        if speaker is not _NO_SPEAKER:
            if speaker.text.lower() in _RELATIVES:
                continue
            first = min(first, speaker.start)
            speaker_start = speaker.start
        k = bisect.bisect_left(ctx.token_starts, first) - 1
        if k >= 0 and ctx.texts[k][:1].isalnum() and ctx.lowers[k] not in {"and", "but", "then", "so"}:
            continue
        cuts.append((cue.start, speaker_start, first, cue.text.lower().endswith("ing")))
    cuts.sort()
    return cuts


_RELATIVES = {"who", "which", "that", "whom"}


def _cut_at_frames(ctx: _Context, attribution: _Attribution, cuts: list[tuple[int, int, int, bool]]) -> _Attribution | None:
    """Reported content ends where a framed quote of another speaker begins:
    `Doe suggested the council would balk, and Roe shot back: “Let it.”`
    gives `the council would balk`; content that starts inside such a frame
    is none. (`according to` attributions keep theirs: `“A,” Roe said,
    according to the Post` is the Post's.)"""
    k = bisect.bisect_right(cuts, (attribution.start, len(ctx.text), 0, True))
    end = attribution.end
    while k < len(cuts) and cuts[k][0] < attribution.end:
        _, speaker_start, first, borrowed = cuts[k]
        if not (borrowed and speaker_start < attribution.start):
            end = min(end, first)  # (`Roe said she recalled thinking, “A”`: the participle's subject is this one's)
        k += 1
    if end == attribution.end:
        return attribution
    if end <= attribution.start:
        return None
    first = bisect.bisect_left(ctx.token_starts, attribution.start)
    last = bisect.bisect_left(ctx.token_starts, end)
    while last > first and (ctx.lowers[last - 1] in _TRAILING or not _HAS_ALNUM(ctx.texts[last - 1])):
        last -= 1
    span = _content_span(ctx, first, last)
    if span is None:
        return None
    return _Attribution(span[0], span[1], attribution.speaker, attribution.cue, attribution.actor)


def _drop_nested(text: str, quotes: list[Quote]) -> list[Quote]:
    """A passage embedded in the content of a mixed quote (`Roe says voters
    want what she calls “real solutions”`) is part of that quote, not a quote
    of its own; one that a colon or comma introduces (`Roe said: “A”`) stays."""
    mixed = sorted((q.start, q.end) for q in quotes if q.kind == "mixed")
    if not mixed:
        return quotes
    result = []
    i, reach = 0, -1  # quotes come sorted by start: one sweep over both lists
    for q in quotes:
        while i < len(mixed) and mixed[i][0] <= q.start:
            reach = max(reach, mixed[i][1])
            i += 1
        if q.kind == "direct" and q.end <= reach and text[max(0, q.start - 4) : q.start].rstrip("“\"'‘ ")[-1:].isalnum():
            continue
        result.append(q)
    return result


def _drop_reported_within(quotes: list[Quote]) -> list[Quote]:
    """A quote whose content and cue both lie inside the content of another
    quote is speech reported within that one (`Roe said the bill, which the
    board called “a disgrace,” would pass`, `“A,” Doe said, according to
    Roe`): the outer attribution holds it. Quotes come sorted by start; a
    prefix maximum of ends answers each in a bisection."""
    dropped = set()
    according = [_according(q) for q in quotes]
    for cited in (False, True) if any(according) else (False,):  # no `according to` quote holds another
        order = sorted((q for q, a in zip(quotes, according) if a == cited), key=lambda q: (q.start, -q.end))
        starts = [q.start for q in order]
        reach = [-1]
        for q in order:
            reach.append(max(reach[-1], q.end))
        for q in quotes:
            if q.kind == "indirect" or q.cue is None or cited and q.cue.start < q.start:
                continue  # `Roe said that ... “A,” according to Doe` keeps Roe's quote
            lo, hi = min(q.start, q.cue.start), max(q.end, q.cue.end)
            limit = bisect.bisect_right(starts, lo)
            while limit > 0 and (order[limit - 1] is q or starts[limit - 1] == q.start and order[limit - 1].end <= q.end):
                limit -= 1
            if reach[limit] >= hi:
                dropped.add(id(q))
    return [q for q in quotes if id(q) not in dropped]


def _modifier_in_marks(ctx: _Context, passage: Passage) -> bool:
    """A short passage that modifies the noun after it (`the party’s
    “establishment” candidate`): words in marks, not words reported."""
    if _word_count(ctx.text[passage.start : passage.end]) > _MAX_MODIFIER_WORDS or not passage.closed:
        return False
    _, after = _passage_marks(ctx, passage)
    if after >= ctx.count:
        return False
    return ctx.tags[after].startswith("NN") and ctx.texts[after][:1].islower() and ctx.text[passage.end - 1].isalnum()


def _title_like(text: str, passage: Passage) -> bool:
    """A short passage whose words are all capitalised: a title or a name (`“The Walking Dead”`)."""
    words = [w for w in text[passage.start : passage.end].split() if any(map(str.isalpha, w))]
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "by", "or"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _join_split_sentences(sentences: Sequence[Sentence], texts: list[str]) -> list[Sentence]:
    """Sentences as the attribution rules read them: a sentence that opens
    with a lower-case word continues the previous one in its paragraph (a
    split after an abbreviation, `Sen. Jane Roe (D-Ore.) said ...`)."""
    joined: list[Sentence] = []
    for sentence in sentences:
        first = texts[sentence.first_token] if sentence.end_token > sentence.first_token else ""
        if joined and first[:1].islower() and joined[-1].paragraph == sentence.paragraph:
            last = joined[-1]
            joined[-1] = Sentence(last.start, sentence.end, last.paragraph, last.first_token, sentence.end_token)
        else:
            joined.append(sentence)
    return joined


def _reporter_of_clause(ctx: _Context, lo: int, subject: tuple[Span, str | None, int]) -> tuple[Span, str | None, int] | None:
    """`subject`, or when it opens a `that` clause the subject of the clause holding it (`Roe
    concludes that Smith is “reckless”` -> Roe; None if not found): the subject of reported
    content does not speak it."""
    k = bisect.bisect_left(ctx.token_starts, subject[0].start)
    if k - 1 <= lo or ctx.lowers[k - 1] != "that":
        return subject
    return _clause_subject(ctx, lo, k - 1)


def _following(
    passage: Passage,
    framed: dict[Passage, tuple[Span, str | None, Span]],
    passages: list[Passage],
    paragraphs: Sequence[Paragraph],
) -> tuple[Span, str | None, Span] | None:
    """The frame of the passage that opens the next paragraph, when this
    passage fills its own paragraph."""
    if not _fills_paragraph(passage, paragraphs):
        return None
    k = bisect.bisect_right(passages, passage.start, key=lambda p: p.start)
    while k < len(passages) and passages[k].single:
        k += 1
    if k >= len(passages):
        return None
    nxt = passages[k]
    if nxt.paragraph != passage.paragraph + 1 or nxt.start > paragraphs[nxt.paragraph].start + 2:
        return None
    frame = framed.get(nxt)
    if frame is None or frame[0] is _NO_SPEAKER:
        return None
    return frame


def _fills_paragraph(passage: Passage, paragraphs: Sequence[Paragraph]) -> bool:
    """The passage is its paragraph (but for its marks and a closing stop)."""
    paragraph = paragraphs[passage.paragraph]
    return passage.start <= paragraph.start + 2 and passage.end >= paragraph.end - 2


def _paragraph_of(paragraphs: Sequence[Paragraph], position: int) -> int:
    lo, hi = 0, len(paragraphs)
    while lo < hi:  # the last paragraph starting at or before position
        mid = (lo + hi) // 2
        if paragraphs[mid].start <= position:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen = set()
    result = []
    for q in quotes:
        key = (q.start, q.end, q.speaker.start if q.speaker else None)
        if key not in seen:
            seen.add(key)
            result.append(q)
    return result
