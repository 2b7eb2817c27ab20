"""Actors: the people, organisations, places and groups an article talks about.

Reads tokens (with part-of-speech tags) and sentences; finds capitalised name
runs, strips titles (`Russian Defense Minister Sergei Shoigu` -> `Sergei
Shoigu`), types them with the shipped word lists, merges aliases (`Putin` ->
`Vladimir Putin`, `U.S.` -> `United States`), adds group descriptions
(`experts`, `U.S. officials`) and resolves third-person pronouns to the person
or group they most plausibly refer to. No model is downloaded.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter, itemgetter
from typing import NamedTuple

from newsanalyzer import lexicon
from newsanalyzer.model import Actor, Mention, Sentence, Sentiment, Token
from newsanalyzer.segment import columns_of

_NAME_TAGS = {"NNP", "NNPS"}
_CONNECTORS = {"of", "for", "and", "the", "de", "del", "la", "von", "van", "bin", "al", "on", "&"}
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}s?$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.\-]*$")
_CAPITALISED = re.compile(r"^[A-Z]")
_NEUTRAL = Sentiment.neutral()  # immutable: one instance serves every new actor


@dataclass
class _Entity:
    """An actor while it is being built (mutable, internal to this module)."""

    name: str
    type: str
    gender: str = ""  # "m", "f", "plural" or unknown
    mentions: list[Mention] = field(default_factory=list)


class _Run(NamedTuple):
    """A run of capitalised tokens: tokens[first:end]."""

    first: int
    end: int
    sentence: int


class TokenColumns:
    """One document's tokens as plain lists: the rules of `find_actors` and
    `find_quotes` read each token's text, tag and lower-case text many times.
    Build them with `token_columns`, which shares them between the two."""

    __slots__ = ("_starts", "_tagged_words", "lowers", "name_words", "tags", "texts", "tokens")

    def __init__(self, tokens: Sequence[Token]):
        self.tokens = tokens
        self._starts: list[int] | None = None
        built = columns_of(tokens)  # segment's own columns, for the pipeline's token tuple
        if built is None:
            self.texts = [t.text for t in tokens]
            self.tags = [t.tag for t in tokens]
        else:
            self.texts, self.tags, self._starts = built
        self.lowers = list(map(str.lower, self.texts))
        match = _NAME_WORD.match
        # the cheap first-letter test (A to Z, as _NAME_WORD begins) spares the regular expression on most tokens
        self.name_words = [k for k, w in enumerate(self.texts) if "A" <= w < "[" and match(w)]
        self._tagged_words: dict | None = None

    @property
    def starts(self) -> list[int]:
        """Each token's start offset."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return self._starts

    def token_starting_at(self, offset: int) -> int | None:
        """The index of the token that starts at `offset`, if one does."""
        # a bisection of `starts`, which quotes read as well, instead of a dict
        # of every token for the few dozen mentions looked up
        starts = self.starts
        k = bisect.bisect_left(starts, offset)
        return k if k < len(starts) and starts[k] == offset else None

    @property
    def tagged_words(self) -> dict:
        """The PatternTagger's own word list (loaded only when a rule needs it)."""
        if self._tagged_words is None:
            from newsanalyzer.textblob_data import tagger_lexicon

            self._tagged_words = tagger_lexicon()
        return self._tagged_words


_last_columns: TokenColumns | None = None


def token_columns(tokens: Sequence[Token]) -> TokenColumns:
    """The columns of `tokens`; for a tuple, the same columns as the last call on that tuple.

    The pipeline hands one immutable tuple of frozen tokens to the actors and
    then the quotes stage: they share one set of columns (never changed after
    they are built) instead of building it twice.
    """
    global _last_columns
    last = _last_columns
    if last is not None and last.tokens is tokens:
        return last
    columns = TokenColumns(tokens)
    if type(tokens) is tuple:  # a list could change before the next call
        _last_columns = columns
    return columns


def _in_sentences(sentences: Sequence[Sentence], positions: list[int]) -> Iterator[tuple[int, Sentence, int]]:
    """(sentence index, sentence, token index) for each of the sorted token
    indices `positions` inside a sentence, sentence by sentence."""
    count = len(positions)
    for index, sentence in enumerate(sentences):
        p = bisect.bisect_left(positions, sentence.first_token)
        while p < count and positions[p] < sentence.end_token:
            yield index, sentence, positions[p]
            p += 1


def _is_headline(text: str, sentence: Sentence, texts: list[str]) -> bool:
    """Title-case lines and headings say nothing by their capitals."""
    if text[sentence.end - 1] in ".?!\"”:":
        return False
    words = [w for w in texts[sentence.first_token : sentence.end_token] if w[:1].isalpha()]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.6 * len(words)  # title case; a sentence-case heading keeps its names


def _name_runs(doc: TokenColumns, sentence: Sentence, index: int) -> list[_Run]:
    """Maximal runs of capitalised tokens, allowing `of`-style connectors inside."""
    texts, tags = doc.texts, doc.tags
    not_names = lexicon.words("not_names")
    runs = []
    first, end = sentence.first_token, sentence.end_token
    names = doc.name_words
    free = first  # tokens before this belong to a run already
    for i in names[bisect.bisect_left(names, first) : bisect.bisect_left(names, end)]:
        if i < free or not _starts_name(doc, i, sentence):
            continue
        j = i + 1
        while j < end:
            if _NAME_WORD.match(texts[j]) and tags[j] not in {"PRP", "PRP$"}:
                j += 1
            elif (
                texts[j] in _CONNECTORS
                and j + 1 < end
                and _NAME_WORD.match(texts[j + 1])
                and texts[j + 1] not in not_names
            ):
                j += 2
            else:
                break
        runs.extend(_split_at_connectors(texts, _Run(i, j, index)))
        free = j
    return runs


_NOT_NAME_TAGS = ("VB", "RB", "JJ", "IN", "DT", "CC", "PRP", "MD", "TO", "WP", "WR", "CD", "UH")


def _headline_names(doc: TokenColumns, run: _Run) -> list[_Run]:
    """In a title-case line every word is capitalised: keep the stretches that read as names.

    A word reads as a name when the tagger's lexicon does not know its lower-case
    form as a common word (`Bannon`, `Carson`); inside a stretch of two or more,
    a word the lexicon knows as a proper noun may also be a common noun
    (`Elizabeth Warren`, `Donald Trump`). Single words must be unknown in lower case.
    """
    tagged_words = doc.tagged_words  # the PatternTagger's own word list
    texts = doc.texts

    def strict(word: str) -> bool:
        return word.lower() not in tagged_words and word.isalpha()

    def loose(word: str) -> bool:
        lower = tagged_words.get(word.lower())
        return strict(word) or (tagged_words.get(word) == "NNP" and not (lower or "").startswith(_NOT_NAME_TAGS))

    pieces, k = [], run.first
    while k < run.end:
        known = next((n for n in range(min(4, run.end - k), 0, -1) if _known(texts[k : k + n])), 0)
        if known:  # `North Korea`, `U.S.`: places and aliases from our lists
            pieces.append(_Run(k, k + known, run.sentence))
            k += known
            continue
        if not loose(texts[k]):
            k += 1
            continue
        j = k
        while j < run.end and loose(texts[j]) and not _known([texts[j]]):
            j += 1
        if j - k > 1 and any(strict(w) for w in texts[k:j]) or j - k == 1 and strict(texts[k]):
            pieces.append(_Run(k, j, run.sentence))
        k = j
    return pieces


def _split_at_connectors(texts: list[str], run: _Run) -> list[_Run]:
    """`China and Russia` is two names; `Bank of America`, `Secretary of State X` one."""
    words = texts[run.first : run.end]
    if _CONNECTORS.isdisjoint(words):  # most runs: no connector at all
        return [run]
    inner = [k for k, w in enumerate(words) if w in _CONNECTORS]
    org_words = lexicon.words("org_words")
    if not org_words.isdisjoint(words[inner[0] + 1 :]):
        return [run]
    if all(words[k] not in {"and", "&"} for k in inner) and not org_words.isdisjoint(words):
        return [run]  # `Ministry of Finance`, `Bank of America`
    if _strip_title(words)[0] > inner[0]:
        return [run]
    pieces, first = [], run.first
    for k in inner:
        if run.first + k > first:
            pieces.append(_Run(first, run.first + k, run.sentence))
        first = run.first + k + 1
    if run.end > first:
        pieces.append(_Run(first, run.end, run.sentence))
    return pieces


def _starts_name(doc: TokenColumns, i: int, sentence: Sentence) -> bool:
    """Token i, a name word, opens a name (the caller checks `_NAME_WORD`)."""
    texts, tags = doc.texts, doc.tags
    if tags[i] in {"PRP", "PRP$", "WP", "WDT"}:
        return False
    closing = i - 2 >= sentence.first_token and texts[i - 2] in {",", "?", "!", "—", "–"}  # `,” Cuban said`
    if i == sentence.first_token or texts[i - 1] in {"“", '"', "‘", "'", "(", "``", "''"} and not closing:
        # A sentence opener is capitalised anyway: trust a proper-noun tag, a place, a word
        # the tagger's lexicon does not know (`DuBois was`), or a transcript label (`MARTIN:`).
        word = texts[i]
        label = word.isupper() and i + 1 < sentence.end_token and texts[i + 1] == ":"
        return tags[i] in _NAME_TAGS or word in lexicon.words("places") or _unknown_word(doc, word) or label
    return True


def _is_label(doc: TokenColumns, sentences: Sequence[Sentence], run: _Run) -> bool:
    """`MARTIN:` opening a sentence: a transcript's speaker label, not an acronym."""
    word = doc.texts[run.first]
    return (
        run.end - run.first == 1
        and run.first == sentences[run.sentence].first_token
        and word.isupper()
        and word.isalpha()
        and len(word) > 2
        and run.end < len(doc.texts)
        and doc.texts[run.end] == ":"
        and word.title() not in lexicon.words("not_names")
    )


def _unknown_word(doc: TokenColumns, word: str) -> bool:
    """A capitalised word whose lower-case form the tagger's lexicon does not know."""
    return word.isalpha() and len(word) > 1 and word.lower() not in doc.tagged_words


@cache
def _title_first_words() -> frozenset[str]:
    """The first word of each title: a title can begin only at one of these."""
    return frozenset(title.split(" ")[0] for title in lexicon.lower_words("titles"))


def _strip_title(words: list[str]) -> tuple[int, str]:
    """(index where the name starts after any leading titles, gender the title implies)."""
    titles = lexicon.lower_words("titles")
    first_words = _title_first_words()
    start, gender = 0, ""
    i = 0
    while i < len(words):
        # the longest title beginning at i (most words begin none: only those lower-case the rest)
        match = 0
        word = words[i].lower()
        if word in first_words or " " in word:
            lower = [w.lower() for w in words[i : i + 5]]
            for length in range(len(lower), 0, -1):
                if " ".join(lower[:length]) in titles:
                    match = length
                    break
        if match:
            honorifics = lexicon.table("honorifics")
            if words[i] in honorifics:
                gender = honorifics[words[i]][0].replace("-", "")
            i += match
            start = i
        else:
            i += 1
    return start, gender


@cache
def _known_names() -> frozenset[str]:
    """Places, aliases and demonyms: names the word lists know as they stand."""
    return lexicon.words("places").union(lexicon.table("aliases"), lexicon.table("demonyms"))


def _known(words: list[str]) -> bool:
    """The words as they stand name a place or a known alias (`North Korea`)."""
    return " ".join(words) in _known_names()


def _classify(words: list[str]) -> str:
    """The type of a capitalised name from its words alone ("" when unsure)."""
    name = " ".join(words)
    if name in lexicon.words("places"):
        return "place"
    if not lexicon.words("org_words").isdisjoint(words):
        return "organization"
    if len(words) > 1 and not lexicon.words("place_words").isdisjoint(words):
        return "place"
    if len(words) == 1 and _ACRONYM.match(name):
        return "organization"
    return ""


class _Registry:
    """Entities by name and by alias, with the order they were first seen."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []
        self.by_name: dict[str, _Entity] = {}
        self.person_words: dict[str, list[_Entity]] = {}

    def get(self, name: str, type_: str) -> _Entity:
        entity = self.by_name.get(name)
        if entity is None:
            entity = _Entity(name, type_)
            self.entities.append(entity)
            self.by_name[name] = entity
            if type_ == "person":
                for word in name.split():
                    if len(word) > 1 and not word.endswith("."):
                        self.person_words.setdefault(word, []).append(entity)
        elif type_ and not entity.type:
            entity.type = type_
        return entity


def find_actors(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token]) -> tuple[Actor, ...]:
    """Actors with their mentions, in order of first mention."""
    doc = token_columns(tokens)
    texts = doc.texts
    registry = _Registry()
    aliases = lexicon.table("aliases")
    demonyms = lexicon.table("demonyms")
    honorifics = lexicon.table("honorifics")
    not_names = lexicon.words("not_names")
    headline = [_is_headline(text, sentence, texts) for sentence in sentences]

    # Pass 1: full names, typed by titles and word lists; single words wait.
    pending: list[tuple[_Run, int, str]] = []  # (run, name start, gender)
    confident: set[_Run] = set()  # name runs inside title-case lines that look like names anyway
    for index, sentence in enumerate(sentences):
        runs = _name_runs(doc, sentence, index)
        if headline[index]:
            runs = [piece for run in runs for piece in _headline_names(doc, run)]
            confident.update(runs)
        for run in runs:
            words = texts[run.first : run.end]
            # leading function words and determiners are not part of a name
            while words and (words[0] in not_names or words[0].lower() in _CONNECTORS) and not _known(words):
                words.pop(0)
                run = _Run(run.first + 1, run.end, run.sentence)
            while words and (words[-1] in not_names or words[-1].lower() in _CONNECTORS):
                words.pop()
                run = _Run(run.first, run.end - 1, run.sentence)
            if not words:
                continue
            start, gender = _strip_title(words)
            before = texts[run.first - 1] if run.first > sentence.first_token else ""
            if not start and not gender and before in honorifics:
                # `Ms.` opening a sentence is not tagged as part of the name
                gender = honorifics[before][0].replace("-", "")
                start = -1
            if start == -1:
                pending.append((run, 1, gender))
                continue
            if start and start < len(words) and not _classify(words[start:]):
                pending.append((_Run(run.first + start, run.end, index), 1, gender))  # titled: a person
                continue
            pending.append((run, 0, gender))

    def record(entity: _Entity, first: int, end: int, sentence: int, kind: str) -> None:
        s, e = tokens[first].start, tokens[end - 1].end
        while e > s + 1 and text[e - 1] == "-":
            e -= 1
        entity.mentions.append(Mention(s, e, text[s:e], sentence, kind))

    single: list[tuple[_Run, str, bool]] = []
    for run, titled, gender in pending:
        words = texts[run.first : run.end]
        name = " ".join(words)
        if headline[run.sentence] and not titled and (run not in confident or run.end - run.first == 1):
            single.append((run, gender, run in confident))
            continue
        if _is_compound(name) or _is_label(doc, sentences, run):
            single.append((run, gender, True))
            continue
        if name in aliases:
            canonical, type_ = aliases[name]
            record(registry.get(canonical, type_), run.first, run.end, run.sentence, "alias" if canonical != name else "name")
            continue
        if name in demonyms and not _demonym_as_surname(name, doc, run):
            continue  # `Russian` modifies; it names no actor by itself
        type_ = "person" if titled else _classify(words)
        if not type_ and len(words) > 1 and all(_NAME_WORD.match(w) for w in words):
            type_ = "person"
        if type_ and (len(words) > 1 or titled or type_ != "person"):
            entity = registry.get(name, type_)
            if gender and not entity.gender:
                entity.gender = gender
            record(entity, run.first, run.end, run.sentence, "name")
        else:
            single.append((run, gender, True))

    # Pass 2: single words become aliases of full names seen anywhere, else actors of their own.
    for run, gender, trusted in single:
        words = texts[run.first : run.end]
        name = " ".join(words)
        if _is_compound(name) and _record_compound(text, tokens[run.first].start, tokens[run.end - 1].end, run.sentence, registry):
            continue
        if name.endswith("-"):  # `U.S.-Japan` halves, `U.S.-` before a bracket
            name = name.rstrip("-")
        label = _is_label(doc, sentences, run)
        if label:  # a transcript's speaker label: `TRUMP:` is Donald Trump, `MARTIN:` someone named Martin
            name = name.title()
            gender = gender or ""
        owners = registry.person_words.get(name) if len(words) == 1 else None
        if owners:
            owner = _nearest(owners, tokens[run.first].start)
            record(owner, run.first, run.end, run.sentence, "alias")
        elif name in registry.by_name:
            record(registry.by_name[name], run.first, run.end, run.sentence, "name")
        elif name in aliases:
            canonical, type_ = aliases[name]
            record(registry.get(canonical, type_), run.first, run.end, run.sentence, "alias")
        elif trusted and (name not in demonyms or _demonym_as_surname(name, doc, run)):
            # `Jean-Luc Picard`: two name words with a hyphenated first name read as a person
            multiword = len(words) > 1 and all(_NAME_WORD.match(w) for w in words)
            type_ = ("person" if label else "") or _classify(words) or ("person" if gender or multiword or _is_subject(doc, run.end) else "other")
            entity = registry.get(name, type_)
            if gender and not entity.gender:
                entity.gender = gender
            record(entity, run.first, run.end, run.sentence, "name")

    _add_groups(text, sentences, doc, registry)
    _add_descriptions(text, sentences, doc, registry)
    _resolve_pronouns(sentences, doc, registry)

    actors = []
    by_offsets = attrgetter("start", "end")
    for entity in registry.entities:
        if not entity.mentions:
            continue
        mentions = tuple(sorted(entity.mentions, key=by_offsets))
        actors.append(Actor(entity.name, entity.type or "other", mentions, 0, _NEUTRAL, _NEUTRAL))
    actors.sort(key=lambda a: a.mentions[0].start)
    return tuple(actors)


def _is_compound(name: str) -> bool:
    """`Putin-Kim`, `Russia-North Korea`: names joined by hyphens."""
    parts = name.strip("-").split("-")
    return len(parts) > 1 and all(part[:1].isupper() for part in parts)


def _record_compound(text: str, start: int, end: int, sentence: int, registry: _Registry) -> bool:
    """Each known part of a hyphenated compound is a mention; False if none is known."""
    aliases = lexicon.table("aliases")
    found: list[tuple[_Entity, int, str]] = []
    offset = start
    for part in text[start:end].split("-"):
        entity = None
        if part in registry.by_name:
            entity = registry.by_name[part]
        elif part in registry.person_words:
            entity = _nearest(registry.person_words[part], offset)
        elif part in aliases:
            entity = registry.get(aliases[part][0], aliases[part][1])
        elif part in lexicon.words("places"):
            entity = registry.get(part, "place")
        if entity is not None:
            found.append((entity, offset, part))
        offset += len(part) + 1
    for entity, offset, part in found:
        entity.mentions.append(Mention(offset, offset + len(part), part, sentence, "alias"))
    return bool(found)


def _nearest(owners: list[_Entity], position: int) -> _Entity:
    """The owner mentioned most recently before `position` (else the first one)."""
    best, best_pos = owners[0], -1
    for owner in owners:
        before = [m.start for m in owner.mentions if m.start <= position]
        if before and max(before) > best_pos:
            best, best_pos = owner, max(before)
    return best


def _demonym_as_surname(name: str, doc: TokenColumns, run: _Run) -> bool:
    """A singular demonym right before a verb names a person (`Cuban said`,
    `English argued`); before a noun it only modifies (`Cuban officials`), and
    after a determiner it is the people (`what the Chinese say`)."""
    if run.first > 0 and doc.lowers[run.first - 1] in {"the", "a", "an", "some", "many", "most", "few", "all"}:
        return False
    return " " not in name and not name.endswith("s") and run.end < len(doc.tags) and (
        doc.tags[run.end].startswith("VB") or doc.tags[run.end] == "MD"
    )


def _is_subject(doc: TokenColumns, j: int) -> bool:
    """The name ending before token j is followed by a verb (`Trump said`, `Obama has argued`)."""
    tags = doc.tags
    if j < len(tags) and doc.texts[j] in {"'s", "’s"}:
        return False
    for k in range(j, min(j + 3, len(tags))):
        tag = tags[k]
        if tag.startswith("VB") or tag == "MD":
            return True
        if tag not in {"RB", ","}:
            return False
    return False


def _add_groups(text: str, sentences: Sequence[Sentence], doc: TokenColumns, registry: _Registry) -> None:
    """Plural descriptions of speakers (`experts`, `U.S. officials`) as group actors."""
    tokens, texts, tags, lowers = doc.tokens, doc.texts, doc.tags, doc.lowers
    nouns = lexicon.lower_words("speaker_nouns")
    claimed_starts = sorted({m.start for e in registry.entities for m in e.mentions})
    plural_nouns = [k for k, tag in enumerate(tags) if tag == "NNS" and lowers[k] in nouns]
    for index, sentence, i in _in_sentences(sentences, plural_nouns):
        token = tokens[i]
        if i + 1 < sentence.end_token and tags[i + 1].startswith("NN"):
            continue  # `officials` modifies the next noun
        first = i
        while first > sentence.first_token and tags[first - 1] in {"NNP", "NNPS", "JJ"} and _CAPITALISED.match(texts[first - 1]):
            first -= 1
        start, end = tokens[first].start, token.end
        k = bisect.bisect_left(claimed_starts, start)
        if k < len(claimed_starts) and claimed_starts[k] < end and first != i:
            first, start = i, token.start
        name = " ".join(texts[first : i + 1])
        if first == i:
            name = name.lower()
        entity = registry.get(name, "group")
        entity.gender = "plural"
        entity.mentions.append(Mention(start, end, text[start:end], index, "description"))


def _add_descriptions(text: str, sentences: Sequence[Sentence], doc: TokenColumns, registry: _Registry) -> None:
    """`the president`, `the former governor`: a person named by role.

    It is the person most recently named with that role before their name
    (`President Barack Obama … the president`) within the last five
    sentences; else an actor of its own, named by the description.
    """
    tokens, texts, tags, lowers = doc.tokens, doc.texts, doc.tags, doc.lowers
    roles = lexicon.lower_words("person_roles")
    demonyms = lexicon.table("demonyms")
    claimed = sorted((m.start, m.end) for e in registry.entities for m in e.mentions)
    claimed_starts = [c[0] for c in claimed]
    token_starting_at = doc.token_starting_at
    titled: list[tuple[int, int, str, _Entity]] = []  # (sentence, start, role, person) for `Role Name` mentions
    for entity in registry.entities:
        if entity.type != "person":
            continue
        for m in entity.mentions:
            k = token_starting_at(m.start)
            if k is None:
                continue
            for j in range(max(0, k - 4), k):
                if lowers[j] in roles:
                    titled.append((m.sentence, m.start, lowers[j], entity))
    titled.sort(key=itemgetter(1))
    articles = [k for k, word in enumerate(lowers) if word == "the"]
    for index, sentence, i in _in_sentences(sentences, articles):
        if i >= sentence.end_token - 1:
            continue  # a sentence's last token opens no description
        j = i + 1
        while j < sentence.end_token - 1 and (tags[j] == "JJ" or texts[j] in demonyms):
            j += 1
        role = lowers[j]
        if role not in roles or not tags[j].startswith("NN") or texts[j][0].isupper():
            continue
        if j + 1 < sentence.end_token and tags[j + 1].startswith("NN"):
            continue  # `the president Barack Obama`, `the president's` handled as a name's title
        start, end = tokens[i].start, tokens[j].end
        k = bisect.bisect_left(claimed_starts, start)
        if k < len(claimed_starts) and claimed_starts[k] < end or k > 0 and claimed[k - 1][1] > start:
            continue
        person = None
        for s_index, m_start, title, entity in reversed(titled):
            if m_start < start and index - s_index <= 5 and title == role:
                person = entity
                break
        if person is None:
            person = registry.get(" ".join(["the"] + texts[i + 1 : j + 1]), "person")
        person.mentions.append(Mention(start, end, text[start:end], index, "description"))


_PRONOUN_WINDOW = 40  # the most recent mentions a pronoun may refer back to


def _resolve_pronouns(sentences: Sequence[Sentence], doc: TokenColumns, registry: _Registry) -> None:
    """Attach he/she/they pronouns to the most plausible recent actor.

    Candidates are actors mentioned in this sentence before the pronoun or in
    the three sentences before it. A candidate must agree in gender where its
    gender is known; subjects are preferred over other mentions (`Putin gave
    Kim a tour and said he…` -> Putin), then recency.
    """
    tokens, tags, lowers = doc.tokens, doc.tags, doc.lowers
    pronouns = lexicon.table("pronouns")
    timeline: list[tuple[int, int, _Entity, bool]] = []  # (start, sentence, entity, is_subject)
    token_starting_at = doc.token_starting_at
    count = len(tokens)
    for entity in registry.entities:
        for m in entity.mentions:
            k = token_starting_at(m.start)
            subject = False
            if k is not None:
                end_k = k
                while end_k < count and tokens[end_k].end <= m.end:
                    end_k += 1
                subject = _is_subject(doc, end_k)
            timeline.append((m.start, m.sentence, entity, subject))
    timeline.sort(key=itemgetter(0))
    first_person: dict[int, int] = {}  # sentence -> start of its first person mention
    for start, s_index, entity, _ in timeline:
        if entity.type in {"person", "group"}:
            first_person.setdefault(s_index, start)

    # Mentions in text order, as they come into reach. Only a person (or a
    # group, for `they`) can be chosen, so each kind has its own list; an
    # entry keeps its rank among all mentions, for the window of the last
    # _PRONOUN_WINDOW. An entity of no type yet goes in both (checked when read).
    people: list[tuple[int, int, int, _Entity, bool]] = []  # (rank, start, sentence, entity, is_subject)
    groups: list[tuple[int, int, int, _Entity, bool]] = []
    seen = 0

    def reach(start: int, s_index: int, entity: _Entity, subject: bool) -> None:
        nonlocal seen
        entry = (seen, start, s_index, entity, subject)
        seen += 1
        if entity.type in ("person", ""):
            people.append(entry)
        if entity.type in ("group", ""):
            groups.append(entry)

    pointer = 0
    candidates = [k for k, word in enumerate(lowers) if word in pronouns]
    for index, _, k in _in_sentences(sentences, candidates):
        token = tokens[k]
        while pointer < len(timeline) and timeline[pointer][0] < token.start:
            reach(*timeline[pointer])
            pointer += 1
        word = lowers[k]
        if tags[k] not in {"PRP", "PRP$"} and word != "her":
            continue
        info = pronouns[word]
        gender = info[0]
        best, best_score = None, float("-inf")
        oldest = seen - _PRONOUN_WINDOW
        for rank, start, s_index, entity, subject in reversed(groups if gender == "plural" else people):
            # mentions come in text order: the first one out of reach ends the search
            if rank < oldest or index - s_index > 3:
                break
            if gender == "plural":
                if entity.type != "group":
                    continue
            elif entity.type != "person" or (entity.gender and entity.gender != gender):
                continue
            lead = subject and first_person.get(s_index) == start
            score = -(index - s_index) * 2 + (3.0 if lead else 1.5 if subject else 0) + start / max(1, token.start) * 0.5
            if score > best_score:
                best, best_score = entity, score
        if best is None:
            # No antecedent in reach (a lead sentence, a lone quote): the pronoun still
            # names someone, so it becomes a mention of an actor that says so.
            best = registry.get(f"{'they' if gender == 'plural' else 'he' if gender == 'm' else 'she'} (unresolved)",
                                "group" if gender == "plural" else "person")
            best.gender = gender
        if not best.gender and gender != "plural":
            best.gender = gender
        best.mentions.append(Mention(token.start, token.end, token.text, index, "pronoun"))
        reach(token.start, index, best, tags[k] == "PRP" and info[1] == "subject")
