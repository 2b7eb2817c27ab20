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
from dataclasses import dataclass, field

from newsanalyzer import lexicon
from newsanalyzer.model import Actor, Mention, Sentence, Token

_NAME_TAGS = {"NNP", "NNPS"}
_CONNECTORS = {"of", "for", "and", "the", "de", "del", "la", "von", "van", "bin", "al", "on", "&"}
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}s?$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.\-]*$")
_CAPITALISED = re.compile(r"^[A-Z]")
_SUBJECT_GAP_TAGS = {"RB", "MD", "VBD", "VBZ", "VBP", "VB"}


@dataclass
class _Entity:
    """An actor while it is being built (mutable, internal to this module)."""

    name: str
    type: str
    gender: str = ""  # "m", "f", "plural" or unknown
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class _Run:
    """A run of capitalised tokens: tokens[first:end]."""

    first: int
    end: int
    sentence: int


def _is_headline(text: str, sentences: Sequence[Sentence], index: int, tokens: Sequence[Token]) -> bool:
    """Title-case lines and headings say nothing by their capitals."""
    sentence = sentences[index]
    words = [t.text for t in tokens[sentence.first_token : sentence.end_token] if t.text[:1].isalpha()]
    if len(words) < 2 or text[sentence.end - 1] in ".?!\"”:":
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.6 * len(words)  # title case; a sentence-case heading keeps its names


def _name_runs(tokens: Sequence[Token], sentence: Sentence, index: int) -> list[_Run]:
    """Maximal runs of capitalised tokens, allowing `of`-style connectors inside."""
    runs = []
    i, end = sentence.first_token, sentence.end_token
    while i < end:
        if not _starts_name(tokens, i, sentence):
            i += 1
            continue
        j = i + 1
        while j < end:
            if _NAME_WORD.match(tokens[j].text) and tokens[j].tag not in {"PRP", "PRP$"}:
                j += 1
            elif (
                tokens[j].text in _CONNECTORS
                and j + 1 < end
                and _NAME_WORD.match(tokens[j + 1].text)
                and tokens[j + 1].text not in lexicon.words("not_names")
            ):
                j += 2
            else:
                break
        runs.extend(_split_at_connectors(tokens, _Run(i, j, index)))
        i = j
    return runs


_NOT_NAME_TAGS = ("VB", "RB", "JJ", "IN", "DT", "CC", "PRP", "MD", "TO", "WP", "WR", "CD", "UH")


def _headline_names(tokens: Sequence[Token], run: _Run) -> list[_Run]:
    """In a title-case line every word is capitalised: keep the stretches that read as names.

    A word reads as a name when the tagger's lexicon does not know its lower-case
    form as a common word (`Bannon`, `Carson`); inside a stretch of two or more,
    a word the lexicon knows as a proper noun may also be a common noun
    (`Elizabeth Warren`, `Donald Trump`). Single words must be unknown in lower case.
    """
    from newsanalyzer.textblob_data import tagger_lexicon

    tagged_words = tagger_lexicon()  # the PatternTagger's own word list

    def strict(word: str) -> bool:
        return word.lower() not in tagged_words and word.isalpha()

    def loose(word: str) -> bool:
        lower = tagged_words.get(word.lower())
        return strict(word) or (tagged_words.get(word) == "NNP" and not (lower or "").startswith(_NOT_NAME_TAGS))

    pieces, k = [], run.first
    while k < run.end:
        known = next(
            (n for n in range(min(4, run.end - k), 0, -1) if _known([t.text for t in tokens[k : k + n]])), 0
        )
        if known:  # `North Korea`, `U.S.`: places and aliases from our lists
            pieces.append(_Run(k, k + known, run.sentence))
            k += known
            continue
        if not loose(tokens[k].text):
            k += 1
            continue
        j = k
        while j < run.end and loose(tokens[j].text) and not _known([tokens[j].text]):
            j += 1
        if j - k > 1 and any(strict(t.text) for t in tokens[k:j]) or j - k == 1 and strict(tokens[k].text):
            pieces.append(_Run(k, j, run.sentence))
        k = j
    return pieces


def _split_at_connectors(tokens: Sequence[Token], run: _Run) -> list[_Run]:
    """`China and Russia` is two names; `Bank of America`, `Secretary of State X` one."""
    words = [t.text for t in tokens[run.first : run.end]]
    inner = [k for k, w in enumerate(words) if w in _CONNECTORS]
    if not inner:
        return [run]
    if any(w in lexicon.words("org_words") for w in words[inner[0] + 1 :]):
        return [run]
    if all(words[k] not in {"and", "&"} for k in inner) and any(w in lexicon.words("org_words") for w in words):
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


def _starts_name(tokens: Sequence[Token], i: int, sentence: Sentence) -> bool:
    token = tokens[i]
    if not _NAME_WORD.match(token.text) or token.tag in {"PRP", "PRP$", "WP", "WDT"}:
        return False
    closing = i - 2 >= sentence.first_token and tokens[i - 2].text in {",", "?", "!", "—", "–"}  # `,” Cuban said`
    if i == sentence.first_token or tokens[i - 1].text in {"“", '"', "‘", "'", "(", "``", "''"} and not closing:
        # A sentence opener is capitalised anyway: trust a proper-noun tag, a place, a word
        # the tagger's lexicon does not know (`DuBois was`), or a transcript label (`MARTIN:`).
        label = token.text.isupper() and i + 1 < sentence.end_token and tokens[i + 1].text == ":"
        return token.tag in _NAME_TAGS or token.text in lexicon.words("places") or _unknown_word(token.text) or label
    return True


def _is_label(tokens: Sequence[Token], sentences: Sequence[Sentence], run: _Run) -> bool:
    """`MARTIN:` opening a sentence: a transcript's speaker label, not an acronym."""
    word = tokens[run.first].text
    return (
        run.end - run.first == 1
        and run.first == sentences[run.sentence].first_token
        and word.isupper()
        and word.isalpha()
        and len(word) > 2
        and run.end < len(tokens)
        and tokens[run.end].text == ":"
        and word.title() not in lexicon.words("not_names")
    )


def _unknown_word(word: str) -> bool:
    """A capitalised word whose lower-case form the tagger's lexicon does not know."""
    from newsanalyzer.textblob_data import tagger_lexicon

    return word.isalpha() and len(word) > 1 and word.lower() not in tagger_lexicon()


def _strip_title(words: list[str]) -> tuple[int, str]:
    """(index where the name starts after any leading titles, gender the title implies)."""
    lower = [w.lower() for w in words]
    titles = lexicon.lower_words("titles")
    honorifics = lexicon.table("honorifics")
    start, gender = 0, ""
    i = 0
    while i < len(words):
        # the longest title beginning at i
        match = 0
        for length in range(min(5, len(words) - i), 0, -1):
            if " ".join(lower[i : i + length]) in titles:
                match = length
                break
        if match:
            if words[i] in honorifics:
                gender = honorifics[words[i]][0].replace("-", "")
            i += match
            start = i
        else:
            i += 1
    return start, gender


def _known(words: list[str]) -> bool:
    """The words as they stand name a place or a known alias (`North Korea`)."""
    name = " ".join(words)
    return name in lexicon.words("places") or name in lexicon.table("aliases") or name in lexicon.table("demonyms")


def _classify(words: list[str]) -> str:
    """The type of a capitalised name from its words alone ("" when unsure)."""
    name = " ".join(words)
    places = lexicon.words("places")
    if name in places:
        return "place"
    if any(w in lexicon.words("org_words") for w in words):
        return "organization"
    if len(words) > 1 and any(w in lexicon.words("place_words") for w in words):
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
    registry = _Registry()
    aliases = lexicon.table("aliases")
    demonyms = lexicon.table("demonyms")
    not_names = lexicon.words("not_names")
    headline = [_is_headline(text, sentences, k, tokens) for k in range(len(sentences))]

    # Pass 1: full names, typed by titles and word lists; single words wait.
    pending: list[tuple[_Run, int, str]] = []  # (run, name start, gender)
    confident: set[_Run] = set()  # name runs inside title-case lines that look like names anyway
    for index, sentence in enumerate(sentences):
        runs = _name_runs(tokens, sentence, index)
        if headline[index]:
            runs = [piece for run in runs for piece in _headline_names(tokens, run)]
            confident.update(runs)
        for run in runs:
            words = [t.text for t in tokens[run.first : run.end]]
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
            before = tokens[run.first - 1].text if run.first > sentence.first_token else ""
            if not start and not gender and before in lexicon.table("honorifics"):
                # `Ms.` opening a sentence is not tagged as part of the name
                gender = lexicon.table("honorifics")[before][0].replace("-", "")
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
        words = [t.text for t in tokens[run.first : run.end]]
        name = " ".join(words)
        if headline[run.sentence] and not titled and (run not in confident or run.end - run.first == 1):
            single.append((run, gender, run in confident))
            continue
        if _is_compound(name) or _is_label(tokens, sentences, run):
            single.append((run, gender, True))
            continue
        if name in aliases:
            canonical, type_ = aliases[name]
            record(registry.get(canonical, type_), run.first, run.end, run.sentence, "alias" if canonical != name else "name")
            continue
        if name in demonyms and not _demonym_as_surname(name, tokens, run):
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
        words = [t.text for t in tokens[run.first : run.end]]
        name = " ".join(words)
        if _is_compound(name) and _record_compound(text, tokens[run.first].start, tokens[run.end - 1].end, run.sentence, registry):
            continue
        if name.endswith("-"):  # `U.S.-Japan` halves, `U.S.-` before a bracket
            name = name.rstrip("-")
        label = _is_label(tokens, sentences, run)
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
        elif trusted and (name not in demonyms or _demonym_as_surname(name, tokens, run)):
            # `Jean-Luc Picard`: two name words with a hyphenated first name read as a person
            multiword = len(words) > 1 and all(_NAME_WORD.match(w) for w in words)
            type_ = ("person" if label else "") or _classify(words) or ("person" if gender or multiword or _is_subject(tokens, run) else "other")
            entity = registry.get(name, type_)
            if gender and not entity.gender:
                entity.gender = gender
            record(entity, run.first, run.end, run.sentence, "name")

    _add_groups(text, sentences, tokens, registry)
    _add_descriptions(text, sentences, tokens, registry)
    _resolve_pronouns(text, sentences, tokens, registry)

    actors = []
    for entity in registry.entities:
        if not entity.mentions:
            continue
        mentions = tuple(sorted(entity.mentions, key=lambda m: (m.start, m.end)))
        actors.append(Actor(entity.name, entity.type or "other", mentions))
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


def _demonym_as_surname(name: str, tokens: Sequence[Token], run: _Run) -> bool:
    """A singular demonym right before a verb names a person (`Cuban said`,
    `English argued`); before a noun it only modifies (`Cuban officials`), and
    after a determiner it is the people (`what the Chinese say`)."""
    if run.first > 0 and tokens[run.first - 1].text.lower() in {"the", "a", "an", "some", "many", "most", "few", "all"}:
        return False
    return " " not in name and not name.endswith("s") and run.end < len(tokens) and (
        tokens[run.end].tag.startswith("VB") or tokens[run.end].tag == "MD"
    )


def _is_subject(tokens: Sequence[Token], run: _Run) -> bool:
    """The run is followed by a verb (`Trump said`, `Obama has argued`)."""
    j = run.end
    if j < len(tokens) and tokens[j].text in {"'s", "’s"}:
        return False
    for k in range(j, min(j + 3, len(tokens))):
        tag = tokens[k].tag
        if tag.startswith("VB") or tag == "MD":
            return True
        if tag not in {"RB", ","}:
            return False
    return False


def _add_groups(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], registry: _Registry) -> None:
    """Plural descriptions of speakers (`experts`, `U.S. officials`) as group actors."""
    nouns = lexicon.lower_words("speaker_nouns")
    claimed = {(m.start, m.end) for e in registry.entities for m in e.mentions}
    claimed_starts = sorted(s for s, _ in claimed)
    for index, sentence in enumerate(sentences):
        for i in range(sentence.first_token, sentence.end_token):
            token = tokens[i]
            if token.tag != "NNS" or token.text.lower() not in nouns:
                continue
            if i + 1 < sentence.end_token and tokens[i + 1].tag.startswith("NN"):
                continue  # `officials` modifies the next noun
            first = i
            while first > sentence.first_token and tokens[first - 1].tag in {"NNP", "NNPS", "JJ"} and _CAPITALISED.match(tokens[first - 1].text):
                first -= 1
            start, end = tokens[first].start, token.end
            k = bisect.bisect_left(claimed_starts, start)
            if k < len(claimed_starts) and claimed_starts[k] < end and first != i:
                first, start = i, token.start
            name = " ".join(t.text for t in tokens[first : i + 1])
            if first == i:
                name = name.lower()
            entity = registry.get(name, "group")
            entity.gender = "plural"
            entity.mentions.append(Mention(start, end, text[start:end], index, "description"))


def _add_descriptions(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], registry: _Registry) -> None:
    """`the president`, `the former governor`: a person named by role.

    It is the person most recently named with that role before their name
    (`President Barack Obama … the president`) within the last five
    sentences; else an actor of its own, named by the description.
    """
    roles = lexicon.lower_words("person_roles")
    claimed = sorted((m.start, m.end) for e in registry.entities for m in e.mentions)
    claimed_starts = [c[0] for c in claimed]
    token_index = {t.start: k for k, t in enumerate(tokens)}
    titled: list[tuple[int, int, str, _Entity]] = []  # (sentence, start, role, person) for `Role Name` mentions
    for entity in registry.entities:
        if entity.type != "person":
            continue
        for m in entity.mentions:
            k = token_index.get(m.start)
            if k is None:
                continue
            for j in range(max(0, k - 4), k):
                if tokens[j].text.lower() in roles:
                    titled.append((m.sentence, m.start, tokens[j].text.lower(), entity))
    titled.sort(key=lambda item: item[1])
    for index, sentence in enumerate(sentences):
        for i in range(sentence.first_token, sentence.end_token - 1):
            if tokens[i].text.lower() != "the":
                continue
            j = i + 1
            while j < sentence.end_token - 1 and (tokens[j].tag == "JJ" or tokens[j].text in lexicon.table("demonyms")):
                j += 1
            role = tokens[j].text.lower()
            if role not in roles or not tokens[j].tag.startswith("NN") or tokens[j].text[0].isupper():
                continue
            after = tokens[j + 1] if j + 1 < sentence.end_token else None
            if after is not None and (after.tag in {"NNP", "NNPS"} or after.tag.startswith("NN")):
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
                person = registry.get(" ".join(["the"] + [t.text for t in tokens[i + 1 : j + 1]]), "person")
            person.mentions.append(Mention(start, end, text[start:end], index, "description"))


def _resolve_pronouns(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token], registry: _Registry) -> None:
    """Attach he/she/they pronouns to the most plausible recent actor.

    Candidates are actors mentioned in this sentence before the pronoun or in
    the three sentences before it. A candidate must agree in gender where its
    gender is known; subjects are preferred over other mentions (`Putin gave
    Kim a tour and said he…` -> Putin), then recency.
    """
    pronouns = lexicon.table("pronouns")
    timeline: list[tuple[int, int, _Entity, bool]] = []  # (start, sentence, entity, is_subject)
    token_at = {t.start: k for k, t in enumerate(tokens)}
    for entity in registry.entities:
        for m in entity.mentions:
            k = token_at.get(m.start)
            subject = False
            if k is not None:
                end_k = k
                while end_k < len(tokens) and tokens[end_k].end <= m.end:
                    end_k += 1
                subject = _is_subject(tokens, _Run(k, end_k, m.sentence))
            timeline.append((m.start, m.sentence, entity, subject))
    timeline.sort(key=lambda item: item[0])
    first_person: dict[int, int] = {}  # sentence -> start of its first person mention
    for start, s_index, entity, _ in timeline:
        if entity.type in {"person", "group"}:
            first_person.setdefault(s_index, start)

    pointer = 0
    recent: list[tuple[int, int, _Entity, bool]] = []
    for index, sentence in enumerate(sentences):
        for k in range(sentence.first_token, sentence.end_token):
            token = tokens[k]
            while pointer < len(timeline) and timeline[pointer][0] < token.start:
                recent.append(timeline[pointer])
                pointer += 1
            info = pronouns.get(token.text.lower())
            if info is None or token.tag not in {"PRP", "PRP$"} and token.text.lower() != "her":
                continue
            gender = info[0]
            best, best_score = None, float("-inf")
            for start, s_index, entity, subject in reversed(recent[-40:]):
                if index - s_index > 3:
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
            if best is not None:
                if not best.gender and gender != "plural":
                    best.gender = gender
                mention = Mention(token.start, token.end, token.text, index, "pronoun")
                best.mentions.append(mention)
                recent.append((token.start, index, best, token.tag == "PRP" and info[1] == "subject"))
