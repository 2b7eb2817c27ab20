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
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import compress, product, repeat
from operator import attrgetter, itemgetter

from newsanalyzer import lexicon
from newsanalyzer.frozen import ColumnBuilder
from newsanalyzer.model import Actor, Mention, Sentence, Sentiment, Token, Tokens

_NAME_TAGS = frozenset({"NNP", "NNPS"})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
_NOT_OPENING_TAGS = frozenset({"PRP", "PRP$", "WP", "WDT"})  # a name never begins at these
_OPENING_MARKS = frozenset({"“", '"', "‘", "'", "(", "``", "''"})
_CLOSING_MARKS = frozenset({",", "?", "!", "—", "–"})
_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "del", "la", "von", "van", "bin", "al", "on", "&"})
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}$|[A-Z][A-Z&]{1,6}s?$")  # used with match(): no `^` to compile
# A name word: a capital, then letters, digits and `_'’.-` (`U.S.`, `O'Neill`, `Jean-Luc`).
# It is matched with `’` read as `'`: a character class holding a character beyond
# Latin-1 costs the re compiler 0.15 ms at import, in every process.
_NAME_WORD = re.compile(r"^[A-Z][\w'.\-]*$")
_NEUTRAL = Sentiment.neutral()  # immutable: one instance serves every new actor

# While actors are built, a mention is a row (start, end, text, sentence, kind,
# token): Mention's fields, then the index of the token that starts at `start`
# (None for a part of a hyphenated token). Rows are cheap to make; the Mentions
# are made at the end, all at once.
_Row = tuple[int, int, str, int, str, "int | None"]
# A run of capitalised tokens: (first, end, sentence) for tokens[first:end].
_Run = tuple[int, int, int]


class _Entity:
    """An actor while it is being built (mutable, internal to this module)."""

    __slots__ = ("gender", "mentions", "name", "type")

    def __init__(self, name: str, type_: str):
        self.name = name
        self.type = type_
        self.gender = ""  # "m", "f", "plural" or unknown
        self.mentions: list[_Row] = []


_MENTIONS = ColumnBuilder(Mention, ("start", "end", "text", "sentence", "kind"))
_ACTORS = ColumnBuilder(Actor, ("name", "type", "mentions", "quotes", "said", "received"))


class TokenColumns:
    """One document's token columns, and their lower-case texts: the rules of `find_actors` and
    `find_quotes` read each token's text, tag and lower-case text many times.
    Build them with `token_columns`, which shares them between the two."""

    __slots__ = ("ends", "lowers", "name_words", "starts", "tags", "texts", "tokens")

    def __init__(self, tokens: Sequence[Token]):
        self.tokens = tokens = Tokens.of(tokens)
        self.texts, self.tags, self.starts, self.ends = tokens.texts, tokens.tags, tokens.starts, tokens.ends
        self.lowers = list(map(str.lower, self.texts))
        # The cheap first-letter test (A to Z) spares the regular expression most
        # tokens, and so do words of letters only, which it always matches. (replace()
        # returns a word without a character beyond Latin-1 as it is, at once.) Its
        # upper bound comes first: it alone turns away lower-case words, most tokens.
        match = _NAME_WORD.match
        self.name_words = [k for k, w in enumerate(self.texts) if w < "[" and "A" <= w and (w.isalpha() or match(w.replace("’", "'")))]

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
        return _tagged_words()


@cache
def _tagged_words() -> dict:
    from newsanalyzer.textblob_data import tagger_lexicon

    return tagger_lexicon()


_last_columns: tuple[Sequence[Token], TokenColumns] | None = None  # the tokens of the last call, and their columns


def token_columns(tokens: Sequence[Token]) -> TokenColumns:
    """The columns of `tokens`; for Tokens or a tuple, the same columns as the last call on them.

    The pipeline hands one immutable Tokens to the actors and then the quotes
    stage: they share one set of columns (never changed after they are built)
    instead of building it twice.
    """
    global _last_columns
    last = _last_columns
    if last is not None and last[0] is tokens:
        return last[1]
    columns = TokenColumns(tokens)
    if type(tokens) in (Tokens, tuple):  # a list could change before the next call
        _last_columns = (tokens, columns)
    return columns


# A document's sentences as token bounds: (first tokens, end tokens, tiled) where tiled
# says each sentence ends where the next begins (as `segment` makes them).
_Bounds = tuple[list[int], list[int], bool]


_first_token, _end_token = attrgetter("first_token"), attrgetter("end_token")


def _sentence_bounds(sentences: Sequence[Sentence]) -> _Bounds:
    firsts, ends = list(map(_first_token, sentences)), list(map(_end_token, sentences))
    return firsts, ends, bool(firsts) and firsts[1:] == ends[:-1]


def _in_sentences(bounds: _Bounds, positions: list[int]) -> list[tuple[int, int]]:
    """(sentence index, token index) for each of the sorted token indices
    `positions` inside a sentence, sentence by sentence."""
    firsts, ends, tiled = bounds
    if not tiled:  # sentences out of order, apart or overlapping (never from `segment`)
        left = bisect.bisect_left
        return [(index, k) for index, (first, end) in enumerate(zip(firsts, ends)) for k in positions[left(positions, first) : left(positions, end)]]
    # One walk through the positions and the sentences together (a bisection costs
    # more than the few steps between one position's sentence and the next's).
    found = []
    index, count = 0, len(ends)
    for k in positions:
        while index < count and ends[index] <= k:
            index += 1
        if index == count:
            break
        if k >= firsts[index]:
            found.append((index, k))
    return found


def _headlines(text: str, sentences: Sequence[Sentence], texts: list[str]) -> list[bool]:
    """For each sentence, whether it is a title-case line or heading: their capitals say nothing.

    A line that ends as a sentence does (or leads into one, with a colon) is none.
    """
    return [text[sentence.end - 1] not in ".?!\"”:" and _title_case(sentence, texts) for sentence in sentences]


def _title_case(sentence: Sentence, texts: list[str]) -> bool:
    """Most of the sentence's words are capitalised."""
    words = [w for w in texts[sentence.first_token : sentence.end_token] if w[:1].isalpha()]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.6 * len(words)  # title case; a sentence-case heading keeps its names


def _name_runs(doc: TokenColumns, sentences: Sequence[Sentence], name_set: set[int], not_names: frozenset[str]) -> list[_Run]:
    """Maximal runs of capitalised tokens in each sentence, allowing `of`-style connectors inside.

    `name_set` holds the indices of `doc.name_words`.
    """
    texts, tags = doc.texts, doc.tags
    runs = []
    names = doc.name_words
    # The sentence's name words, names[p:q], found by walking on from the last
    # sentence's (a bisection costs more than the few steps).
    p, count = 0, len(names)
    for index, sentence in enumerate(sentences):
        first, end = sentence.first_token, sentence.end_token
        if p and names[p - 1] >= first:  # sentences out of order or overlapping (never from `segment`)
            p = bisect.bisect_left(names, first)
        while p < count and names[p] < first:
            p += 1
        q = p
        while q < count and names[q] < end:
            q += 1
        free = first  # tokens before this belong to a run already
        for i in names[p:q]:
            if i < free or tags[i] in _NOT_OPENING_TAGS:
                continue
            if (i == first or texts[i - 1] in _OPENING_MARKS) and not _opening_is_name(doc, i, sentence):
                continue
            j = i + 1
            connected = False  # a connector joins name words: the run may be two names
            while j < end:
                if j in name_set and tags[j] not in _PRONOUN_TAGS:
                    j += 1
                elif texts[j] in _CONNECTORS and j + 1 < end and j + 1 in name_set and texts[j + 1] not in not_names:
                    j += 2
                    connected = True
                else:
                    break
            if connected:
                runs.extend(_split_at_connectors(texts, (i, j, index)))
            else:  # name words only: no connector to split at
                runs.append((i, j, index))
            free = j
        p = q
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
    first, end, sentence = run

    def strict(word: str) -> bool:
        return word.lower() not in tagged_words and word.isalpha()

    def loose(word: str) -> bool:
        lower = tagged_words.get(word.lower())
        return strict(word) or (tagged_words.get(word) == "NNP" and not (lower or "").startswith(_NOT_NAME_TAGS))

    pieces, k = [], first
    while k < end:
        known = next((n for n in range(min(4, end - k), 0, -1) if _known(texts[k : k + n])), 0)
        if known:  # `North Korea`, `U.S.`: places and aliases from our lists
            pieces.append((k, k + known, sentence))
            k += known
            continue
        if not loose(texts[k]):
            k += 1
            continue
        j = k
        while j < end and loose(texts[j]) and not _known([texts[j]]):
            j += 1
        if j - k > 1 and any(strict(w) for w in texts[k:j]) or j - k == 1 and strict(texts[k]):
            pieces.append((k, j, sentence))
        k = j
    return pieces


def _split_at_connectors(texts: list[str], run: _Run) -> list[_Run]:
    """`China and Russia` is two names; `Bank of America`, `Secretary of State X` one."""
    first, end, sentence = run
    words = texts[first:end]
    if _CONNECTORS.isdisjoint(words):  # most runs: no connector at all
        return [run]
    inner = [k for k, w in enumerate(words) if w in _CONNECTORS]
    org_words = lexicon.words("org_words")
    if not org_words.isdisjoint(words[inner[0] + 1 :]):
        return [run]
    if all(words[k] not in {"and", "&"} for k in inner) and not org_words.isdisjoint(words):
        return [run]  # `Ministry of Finance`, `Bank of America`
    if _strip_title(tuple(words))[0] > inner[0]:
        return [run]
    pieces, start = [], first
    for k in inner:
        if first + k > start:
            pieces.append((start, first + k, sentence))
        start = first + k + 1
    if end > start:
        pieces.append((start, end, sentence))
    return pieces


def _opening_is_name(doc: TokenColumns, i: int, sentence: Sentence) -> bool:
    """Token i, a name word that opens the sentence or follows an opening mark, opens a name.

    A sentence opener is capitalised anyway: trust a proper-noun tag, a place, a word
    the tagger's lexicon does not know (`DuBois was`), or a transcript label (`MARTIN:`).
    """
    texts = doc.texts
    if i - 2 >= sentence.first_token and texts[i - 2] in _CLOSING_MARKS:
        return True  # `,” Cuban said`: the mark before closes a quotation
    word = texts[i]
    label = word.isupper() and i + 1 < sentence.end_token and texts[i + 1] == ":"
    return doc.tags[i] in _NAME_TAGS or _opens_a_name(word) or label


def _is_label(doc: TokenColumns, sentences: Sequence[Sentence], run: _Run) -> bool:
    """`MARTIN:` opening a sentence: a transcript's speaker label, not an acronym."""
    first, end, sentence = run
    if end - first != 1 or first != sentences[sentence].first_token:
        return False
    word = doc.texts[first]
    return (
        word.isupper()
        and word.isalpha()
        and len(word) > 2
        and end < len(doc.texts)
        and doc.texts[end] == ":"
        and word.title() not in lexicon.words("not_names")
    )


# Names recur within an article and across articles (2 of 3 runs repeat one seen
# before in the PolNeAR articles): what their words alone say is kept for these many.
_NAMES_KEPT = 4096


@lru_cache(maxsize=_NAMES_KEPT)
def _opens_a_name(word: str) -> bool:
    """A capitalised word that names something even where any word is capitalised: a place,
    or a word whose lower-case form the tagger's lexicon does not know (sentence openers
    are a few common words: a word's answer is kept)."""
    return word in lexicon.words("places") or word.isalpha() and len(word) > 1 and word.lower() not in _tagged_words()


@cache
def _title_first_words() -> frozenset[str]:
    """The first word of each title: a title can begin only at one of these."""
    return frozenset(title.split(" ")[0] for title in lexicon.lower_words("titles"))


def _strip_title(words: tuple[str, ...]) -> tuple[int, str]:
    """(index where the name starts after any leading titles, gender the title implies)."""
    # (Not kept: `_run_reading`, which keeps its answers, asks once for each new run.)
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


def _known(words: Sequence[str]) -> bool:
    """The words as they stand name a place or a known alias (`North Korea`)."""
    return " ".join(words) in _known_names()


@lru_cache(maxsize=_NAMES_KEPT)
def _classify(words: tuple[str, ...]) -> str:
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


# What a name's words alone say: (name, hyphenated compound, one word that may be a
# transcript label, (canonical name, type) if an alias, a demonym, type) where type is
# the type it is recorded with, "" if it waits for pass 2 as a single word, or None
# for untyped words, a person if they are all name words (`name_set`).
_Name = tuple[str, bool, bool, "tuple[str, str] | None", bool, "str | None"]


def _name_facts(words: tuple[str, ...], titled: bool) -> _Name:
    """What `find_actors` reads from a (trimmed, title-stripped) name's words, `titled` or not.

    (Not kept: `_run_reading` keeps what it finds, and a cache that misses costs more than it saves.)
    """
    name = " ".join(words)
    compound = "-" in name and _is_compound(name)
    word = words[0]
    label_word = (
        len(words) == 1 and word.isupper() and word.isalpha() and len(word) > 2 and word.title() not in lexicon.words("not_names")
    )  # what `_is_label` asks of the word itself
    alias = lexicon.table("aliases").get(name)
    demonym = name in lexicon.table("demonyms")
    type_ = "person" if titled else _classify(words)
    if not type_ and len(words) > 1:
        type_ = None
    elif type_ and not (len(words) > 1 or titled or type_ != "person"):
        type_ = ""
    return name, compound, label_word, alias, demonym, type_


@lru_cache(maxsize=_NAMES_KEPT)
def _run_reading(words: tuple[str, ...]) -> tuple[int, int, int, bool, str, _Name] | None:
    """A name run's words read on their own: (lead, stop, cut, titled, gender, facts), None if nothing is left.

    The name is words[lead + cut : stop]: leading and trailing function words and
    determiners trimmed (words[lead:stop]), then leading titles cut (`cut` > 0 only
    for a titled person). `titled`: a title or honorific makes the name a person's;
    `gender` is what it implies. A lead of -1 stands for 0 when the name has no title
    and no gender: an honorific before the run (a token outside it) may still title it.
    """
    trimmed = _trimmed_words()
    first, end = 0, len(words)
    while first < end and words[first] in trimmed and not _known(words[first:end]):
        first += 1
    while first < end and words[end - 1] in trimmed:
        end -= 1
    if first == end:
        return None
    name = words[first:end]
    start, gender = _strip_title(name)
    honorifics = lexicon.table("honorifics")
    if not start and not gender:
        if not first:
            return -1, end, 0, False, gender, _name_facts(name, False)
        if words[first - 1] in honorifics:  # a trimmed word before the name: `Mr.`
            return first, end, 0, True, honorifics[words[first - 1]][0].replace("-", ""), _name_facts(name, True)
    if start and start < len(name) and not _classify(name[start:]):
        return first, end, start, True, gender, _name_facts(name[start:], True)  # titled: a person
    return first, end, 0, False, gender, _name_facts(name, False)


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
    texts, starts, ends = doc.texts, doc.starts, doc.ends
    registry = _Registry()
    aliases = lexicon.table("aliases")
    demonyms = lexicon.table("demonyms")
    honorifics = lexicon.table("honorifics")
    not_names = lexicon.words("not_names")
    name_set = set(doc.name_words)  # these tokens' texts are name words
    headline = _headlines(text, sentences, texts)

    # Pass 1: full names, typed by titles and word lists; single words wait.
    confident: set[_Run] = set()  # name runs inside title-case lines that look like names anyway
    runs = _name_runs(doc, sentences, name_set, not_names)
    if any(headline):
        runs = [piece for run in runs for piece in (_headline_names(doc, run) if headline[run[2]] else (run,))]
        confident.update(run for run in runs if headline[run[2]])

    def record(entity: _Entity, first: int, end: int, sentence: int, kind: str) -> None:
        s, e = starts[first], ends[end - 1]
        while e > s + 1 and text[e - 1] == "-":
            e -= 1
        entity.mentions.append((s, e, text[s:e], sentence, kind, first))

    single: list[tuple[_Run, str, bool, _Name]] = []  # (run, gender, trusted, what its words say)
    for first, end, index in runs:
        reading = _run_reading(texts[first:end])  # a slice of the tuple of texts: a tuple
        if reading is None:
            continue  # function words only
        lead, stop, cut, titled, gender, facts = reading
        if lead < 0:  # no title: an honorific before the run may stand for one
            lead = 0
            before = texts[first - 1] if first > sentences[index].first_token else ""
            if before in honorifics:
                # `Ms.` opening a sentence is not tagged as part of the name
                gender = honorifics[before][0].replace("-", "")
                titled = True
                facts = _name_facts(texts[first : first + stop], True)
        end = first + stop
        first += lead + cut
        name, compound, label_word, alias, demonym, type_ = facts
        if headline[index] and not titled and ((first, end, index) not in confident or end - first == 1):
            single.append(((first, end, index), gender, (first, end, index) in confident, facts))
            continue
        if compound or label_word and _is_label(doc, sentences, (first, end, index)):
            single.append(((first, end, index), gender, True, facts))
            continue
        if alias is not None:
            canonical, alias_type = alias
            record(registry.get(canonical, alias_type), first, end, index, "alias" if canonical != name else "name")
            continue
        if demonym and not _demonym_as_surname(name, doc, (first, end, index)):
            continue  # `Russian` modifies; it names no actor by itself
        if type_ is None:  # untyped words: a person if they are all name words
            type_ = "person" if name_set.issuperset(range(first, end)) else ""
        if type_:
            entity = registry.get(name, type_)
            if gender and not entity.gender:
                entity.gender = gender
            record(entity, first, end, index, "name")
        else:
            single.append(((first, end, index), gender, True, facts))

    # Pass 2: single words become aliases of full names seen anywhere, else actors of their own.
    for run, gender, trusted, facts in single:
        first, end, s_index = run
        name, compound, label_word, _, _, _ = facts
        if compound and _record_compound(text, starts[first], ends[end - 1], s_index, registry, doc):
            continue
        if name.endswith("-"):  # `U.S.-Japan` halves, `U.S.-` before a bracket
            name = name.rstrip("-")
        label = label_word and _is_label(doc, sentences, run)
        if label:  # a transcript's speaker label: `TRUMP:` is Donald Trump, `MARTIN:` someone named Martin
            name = name.title()
            gender = gender or ""
        owners = registry.person_words.get(name) if end - first == 1 else None
        if owners:
            owner = _nearest(owners, starts[first])
            record(owner, first, end, s_index, "alias")
        elif name in registry.by_name:
            record(registry.by_name[name], first, end, s_index, "name")
        elif name in aliases:
            canonical, type_ = aliases[name]
            record(registry.get(canonical, type_), first, end, s_index, "alias")
        elif trusted and (name not in demonyms or _demonym_as_surname(name, doc, run)):
            # `Jean-Luc Picard`: two name words with a hyphenated first name read as a person
            words = texts[first:end]
            multiword = len(words) > 1 and name_set.issuperset(range(first, end))
            type_ = ("person" if label else "") or _classify(words) or ("person" if gender or multiword or _is_subject(doc, end) else "other")
            entity = registry.get(name, type_)
            if gender and not entity.gender:
                entity.gender = gender
            record(entity, first, end, s_index, "name")

    # the tokens the last three steps start from, found in one pass over the words
    marked_words = _marked_words()
    marked = list(compress(range(len(doc.lowers)), map(marked_words.__contains__, doc.lowers)))
    bounds = _sentence_bounds(sentences)
    _add_groups(text, bounds, doc, registry, marked)
    _add_descriptions(text, bounds, doc, registry, marked)
    _resolve_pronouns(bounds, doc, registry, marked)
    return _actors(registry)


@cache
def _trimmed_words() -> frozenset[str]:
    """Words that neither begin nor end a name: not-names, and connectors in any case.

    (A set of every spelling that lower-cases to a connector spares a `lower()`
    a run: the connectors are ASCII, and only ASCII letters lower-case to them.)
    """
    spellings = ("".join(chars) for word in _CONNECTORS for chars in product(*({c, c.upper()} for c in word)))
    return lexicon.words("not_names").union(spellings)


@cache
def _marked_words() -> frozenset[str]:
    """Lower-case words that may open a group, a description or a pronoun mention."""
    return lexicon.lower_words("speaker_nouns").union(["the"], lexicon.table("pronouns"))


def _actors(registry: _Registry) -> tuple[Actor, ...]:
    """The registry's entities that have mentions, in order of first mention, each
    with its mentions in text order."""
    found = [entity for entity in registry.entities if entity.mentions]
    if not found:
        return ()
    by_offsets = itemgetter(0, 1)
    for entity in found:  # the registry is done with: sorted in place
        if len(entity.mentions) > 1:
            entity.mentions.sort(key=by_offsets)
    if len(found) > 1:
        found.sort(key=_first_start)  # stable: entities first mentioned at one offset keep their order
    rows = [row for entity in found for row in entity.mentions]
    mentions = _MENTIONS.build(tuple(zip(*rows))[:5], len(rows))
    grouped, end = [], 0
    for entity in found:
        start, end = end, end + len(entity.mentions)
        grouped.append(tuple(mentions[start:end]))
    count = len(found)
    names = [entity.name for entity in found]
    types_ = [entity.type or "other" for entity in found]
    actors = _ACTORS.build((names, types_, grouped, repeat(0, count), repeat(_NEUTRAL, count), repeat(_NEUTRAL, count)), count)
    return tuple(actors)


def _first_start(entity: _Entity) -> int:
    return entity.mentions[0][0]


def _is_compound(name: str) -> bool:
    """`Putin-Kim`, `Russia-North Korea`: names joined by hyphens."""
    if "-" not in name:  # most names: one part
        return False
    parts = name.strip("-").split("-")
    return len(parts) > 1 and all(part[:1].isupper() for part in parts)


def _record_compound(text: str, start: int, end: int, sentence: int, registry: _Registry, doc: TokenColumns) -> bool:
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
        entity.mentions.append((offset, offset + len(part), part, sentence, "alias", doc.token_starting_at(offset)))
    return bool(found)


def _nearest(owners: list[_Entity], position: int) -> _Entity:
    """The owner mentioned most recently before `position` (else the first one)."""
    if len(owners) == 1:  # most words name one person: no mention to look at
        return owners[0]
    best, best_pos = owners[0], -1
    for owner in owners:
        for m in owner.mentions:
            if best_pos < m[0] <= position:
                best, best_pos = owner, m[0]
    return best


def _demonym_as_surname(name: str, doc: TokenColumns, run: _Run) -> bool:
    """A singular demonym right before a verb names a person (`Cuban said`,
    `English argued`); before a noun it only modifies (`Cuban officials`), and
    after a determiner it is the people (`what the Chinese say`)."""
    first, end, _ = run
    if first > 0 and doc.lowers[first - 1] in {"the", "a", "an", "some", "many", "most", "few", "all"}:
        return False
    return " " not in name and not name.endswith("s") and end < len(doc.tags) and (
        doc.tags[end].startswith("VB") or doc.tags[end] == "MD"
    )


def _is_subject(doc: TokenColumns, j: int) -> bool:
    """The name ending before token j is followed by a verb (`Trump said`, `Obama has argued`)."""
    tags = doc.tags
    if j < len(tags) and doc.texts[j] in {"'s", "’s"}:
        return False
    for tag in tags[j : j + 3]:
        if tag.startswith("VB") or tag == "MD":
            return True
        if tag not in {"RB", ","}:
            return False
    return False


def _add_groups(text: str, bounds: _Bounds, doc: TokenColumns, registry: _Registry, marked: list[int]) -> None:
    """Plural descriptions of speakers (`experts`, `U.S. officials`) as group actors.

    `marked`: token indices, in order, of at least every speaker noun.
    """
    starts, ends, texts, tags, lowers = doc.starts, doc.ends, doc.texts, doc.tags, doc.lowers
    nouns = lexicon.lower_words("speaker_nouns")
    plural_nouns = [k for k in marked if tags[k] == "NNS" and lowers[k] in nouns]
    if not plural_nouns:
        return
    claimed_starts = sorted({m[0] for e in registry.entities for m in e.mentions})
    firsts, ends_at = bounds[0], bounds[1]
    for index, i in _in_sentences(bounds, plural_nouns):
        if i + 1 < ends_at[index] and tags[i + 1].startswith("NN"):
            continue  # `officials` modifies the next noun
        first = i
        sentence_first = firsts[index]
        # a capitalised (A to Z) proper noun or adjective before: `U.S. officials`
        while first > sentence_first and tags[first - 1] in {"NNP", "NNPS", "JJ"} and "A" <= texts[first - 1] < "[":
            first -= 1
        start, end = starts[first], ends[i]
        k = bisect.bisect_left(claimed_starts, start)
        if k < len(claimed_starts) and claimed_starts[k] < end and first != i:
            first, start = i, starts[i]
        name = " ".join(texts[first : i + 1])
        if first == i:
            name = name.lower()
        entity = registry.get(name, "group")
        entity.gender = "plural"
        entity.mentions.append((start, end, text[start:end], index, "description", first))


def _add_descriptions(text: str, bounds: _Bounds, doc: TokenColumns, registry: _Registry, marked: list[int]) -> None:
    """`the president`, `the former governor`: a person named by role.

    It is the person most recently named with that role before their name
    (`President Barack Obama … the president`) within the last five
    sentences; else an actor of its own, named by the description.
    `marked`: token indices, in order, of at least every `the`.
    """
    starts, ends, texts, tags, lowers = doc.starts, doc.ends, doc.texts, doc.tags, doc.lowers
    roles = lexicon.lower_words("person_roles")
    demonyms = lexicon.table("demonyms")
    articles = [k for k in marked if lowers[k] == "the"]
    if not articles:
        return
    claimed: list[tuple[int, int]] | None = None  # the mentions so far: made at the first description
    ends_at = bounds[1]
    for index, i in _in_sentences(bounds, articles):
        last = ends_at[index] - 1
        if i >= last:
            continue  # a sentence's last token opens no description
        j = i + 1
        while j < last and (tags[j] == "JJ" or texts[j] in demonyms):
            j += 1
        role = lowers[j]
        if role not in roles or not tags[j].startswith("NN") or texts[j][0].isupper():
            continue
        if j < last and tags[j + 1].startswith("NN"):
            continue  # `the president Barack Obama`, `the president's` handled as a name's title
        if claimed is None:  # this loop adds mentions only after this point
            claimed = sorted((m[0], m[1]) for e in registry.entities for m in e.mentions)
            claimed_starts = [c[0] for c in claimed]
            titled = _titled_mentions(doc, registry, roles)
        start, end = starts[i], ends[j]
        k = bisect.bisect_left(claimed_starts, start)
        if k < len(claimed_starts) and claimed_starts[k] < end or k > 0 and claimed[k - 1][1] > start:
            continue
        person = None
        for s_index, m_start, title, entity in reversed(titled):
            if m_start < start and index - s_index <= 5 and title == role:
                person = entity
                break
        if person is None:
            person = registry.get(" ".join(("the", *texts[i + 1 : j + 1])), "person")
        person.mentions.append((start, end, text[start:end], index, "description", i))


def _titled_mentions(doc: TokenColumns, registry: _Registry, roles: frozenset[str]) -> list[tuple[int, int, str, _Entity]]:
    """(sentence, start, role, person) for each `Role Name` mention of a person, by start."""
    lowers = doc.lowers
    titled = []
    for entity in registry.entities:
        if entity.type != "person":
            continue
        for m in entity.mentions:
            k = m[5]
            if k is None:
                continue
            before = lowers[k - 4 if k > 4 else 0 : k]
            if not roles.isdisjoint(before):  # (most names have no role before them)
                titled.extend((m[3], m[0], word, entity) for word in before if word in roles)
    titled.sort(key=itemgetter(1))
    return titled


_PRONOUN_WINDOW = 40  # the most recent mentions a pronoun may refer back to
_MINUS_INFINITY = float("-inf")


def _antecedent(reached: list[tuple[int, int, int, _Entity, float]], gender: str, index: int, position: int, oldest: int) -> _Entity | None:
    """The best-scoring entity for a pronoun of `gender` at `position` in sentence
    `index`, among the (rank, start, sentence, entity, bonus) entries `reached`
    (in text order) of rank `oldest` or more and at most three sentences back."""
    best, best_score = None, _MINUS_INFINITY
    scale = position if position > 1 else 1
    for rank, start, s_index, entity, bonus in reversed(reached):
        # Mentions come in text order: the first one out of reach ends the search,
        # and so does the first that cannot outscore the best: a score is at most
        # 3.5 less twice the sentences back (bonus <= 3.0; start < position, so the
        # last term <= 0.5), and mentions further back are as many sentences back or more.
        if rank < oldest or index - s_index > 3 or 3.5 - (index - s_index) * 2 <= best_score:
            break
        if gender == "plural":
            if entity.type != "group":
                continue
        elif entity.type != "person" or (entity.gender and entity.gender != gender):
            continue
        score = -(index - s_index) * 2 + bonus + start / scale * 0.5
        if score > best_score:
            best, best_score = entity, score
    return best


def _resolve_pronouns(bounds: _Bounds, doc: TokenColumns, registry: _Registry, marked: list[int]) -> None:
    """Attach he/she/they pronouns to the most plausible recent actor.

    Candidates are actors mentioned in this sentence before the pronoun or in
    the three sentences before it. A candidate must agree in gender where its
    gender is known; subjects are preferred over other mentions (`Putin gave
    Kim a tour and said he…` -> Putin), then recency.
    `marked`: token indices, in order, of at least every pronoun.
    """
    starts, ends, tags, lowers = doc.starts, doc.ends, doc.tags, doc.lowers
    pronouns = lexicon.table("pronouns")
    # a pronoun by its tag (`her` whatever its tag: the tagger reads some as a noun's)
    candidates = [k for k in marked if lowers[k] in pronouns and (tags[k] in _PRONOUN_TAGS or lowers[k] == "her")]
    if not candidates:
        return
    timeline: list[tuple[int, int, _Entity, bool]] = []  # (start, sentence, entity, is_subject)
    count = len(ends)
    for entity in registry.entities:
        # only people and groups are chosen or lead a sentence (a typed entity keeps its type)
        if entity.type in ("person", "group", ""):
            for start, end, _, s_index, _, k in entity.mentions:
                subject = False
                if k is not None:
                    end_k = k  # the first token after the mention (a few steps on)
                    while end_k < count and ends[end_k] <= end:
                        end_k += 1
                    subject = _is_subject(doc, end_k)
                timeline.append((start, s_index, entity, subject))
        else:
            for start, _, _, s_index, _, _ in entity.mentions:
                timeline.append((start, s_index, entity, False))
    timeline.sort(key=itemgetter(0))
    first_person: dict[int, int] = {}  # sentence -> start of its first person mention
    for start, s_index, entity, _ in timeline:
        if entity.type in {"person", "group"}:
            first_person.setdefault(s_index, start)

    # Mentions in text order, as they come into reach. Only a person (or a
    # group, for `they`) can be chosen, so each kind has its own list; an
    # entry keeps its rank among all mentions, for the window of the last
    # _PRONOUN_WINDOW. An entity of no type yet goes in both (checked when read).
    # An entry's bonus is what being a subject adds to its score, the most for
    # the sentence's first person mention.
    people: list[tuple[int, int, int, _Entity, float]] = []  # (rank, start, sentence, entity, bonus)
    groups: list[tuple[int, int, int, _Entity, float]] = []
    seen = 0
    pointer, ahead = 0, len(timeline)
    for index, k in _in_sentences(bounds, candidates):
        token_start = starts[k]
        while pointer < ahead and timeline[pointer][0] < token_start:
            start, s_index, entity, subject = timeline[pointer]
            pointer += 1
            lead = subject and first_person.get(s_index) == start
            entry = (seen, start, s_index, entity, 3.0 if lead else 1.5 if subject else 0)
            seen += 1
            if entity.type in ("person", ""):
                people.append(entry)
            if entity.type in ("group", ""):
                groups.append(entry)
        info = pronouns[lowers[k]]
        gender = info[0]
        best = _antecedent(groups if gender == "plural" else people, gender, index, token_start, seen - _PRONOUN_WINDOW)
        if best is None:
            # No antecedent in reach (a lead sentence, a lone quote): the pronoun still
            # names someone, so it becomes a mention of an actor that says so.
            best = registry.get(f"{'they' if gender == 'plural' else 'he' if gender == 'm' else 'she'} (unresolved)",
                                "group" if gender == "plural" else "person")
            best.gender = gender
        if not best.gender and gender != "plural":
            best.gender = gender
        best.mentions.append((token_start, ends[k], doc.texts[k], index, "pronoun", k))
        # the pronoun comes into reach as a mention of `best` (as a mention above)
        subject = tags[k] == "PRP" and info[1] == "subject"
        lead = subject and first_person.get(index) == token_start
        entry = (seen, token_start, index, best, 3.0 if lead else 1.5 if subject else 0)
        seen += 1
        if best.type in ("person", ""):
            people.append(entry)
        if best.type in ("group", ""):
            groups.append(entry)
