"""The actors stage's fast paths give what the code they replaced gave."""

from __future__ import annotations

import bisect
import random

from newsanalyzer import lexicon
from newsanalyzer.actors import (
    _classify,
    _in_sentences,
    _is_compound,
    _known,
    _name_facts,
    _run_reading,
    _strip_title,
    _trimmed_words,
)


def _reference_in_sentences(firsts, ends, positions):  # as first written, over Sentence objects
    count = len(positions)
    for index, (first, end) in enumerate(zip(firsts, ends)):
        p = bisect.bisect_left(positions, first)
        while p < count and positions[p] < end:
            yield index, positions[p]
            p += 1


def test_positions_fall_in_the_sentences_they_fell_in_before():
    rng = random.Random(7)
    for _ in range(3000):
        cuts = sorted(rng.choices(range(30), k=rng.randint(0, 8)))  # empty sentences too
        start = rng.choice([0, 0, 2])
        firsts, ends = [start, *cuts], [*cuts, 30]
        firsts, ends = [f for f, e in zip(firsts, ends) if f <= e], [e for f, e in zip(firsts, ends) if f <= e]
        if rng.random() < 0.3 and firsts:  # gaps or overlaps between sentences: not tiled
            k = rng.randrange(len(firsts))
            firsts[k] = max(0, firsts[k] + rng.choice([-2, -1, 1, 2]))
            ends[k] = max(firsts[k], ends[k])
        tiled = bool(firsts) and firsts[1:] == ends[:-1]
        positions = sorted(set(rng.choices(range(34), k=rng.randint(0, 12))))
        expected = list(_reference_in_sentences(firsts, ends, positions))
        assert list(_in_sentences((firsts, ends, tiled), positions)) == expected, (firsts, ends, positions)


def _reference_pass_one(words, before):
    """The first pass as first written, for a run of `words` (tokens first..end) after `before`:
    (first, end, titled, gender) of the name, or None."""
    trimmed, honorifics = _trimmed_words(), lexicon.table("honorifics")
    texts = [before, *words]
    first, end = 1, len(texts)
    while first < end and texts[first] in trimmed and not _known(texts[first:end]):
        first += 1
    while first < end and texts[end - 1] in trimmed:
        end -= 1
    if first == end:
        return None
    name = tuple(texts[first:end])
    start, gender = _strip_title(name)
    previous = texts[first - 1] if first > 1 else before
    if not start and not gender and previous in honorifics:
        return first - 1, end - 1, 1, honorifics[previous][0].replace("-", "")
    if start and start < len(name) and not _classify(name[start:]):
        return first - 1 + start, end - 1, 1, gender
    return first - 1, end - 1, 0, gender


def _reference_facts(words, titled):
    name = " ".join(words)
    aliases, demonyms = lexicon.table("aliases"), lexicon.table("demonyms")
    word = words[0]
    label = len(words) == 1 and word.isupper() and word.isalpha() and len(word) > 2 and word.title() not in lexicon.words("not_names")
    type_ = "person" if titled else _classify(words)
    if not type_ and len(words) > 1:
        decided = None  # a person only if all name words
    else:
        decided = type_ if type_ and (len(words) > 1 or titled or type_ != "person") else ""
    return name, "-" in name and _is_compound(name), label, aliases.get(name), name in demonyms, decided


def test_run_readings_match_the_first_pass_as_first_written():
    titles = sorted(lexicon.lower_words("titles"))
    honorifics = sorted(lexicon.table("honorifics"))
    vocabulary = [
        *honorifics, *sorted(lexicon.words("not_names"))[:40], "of", "Of", "the", "The", "and", "&", "de", "van",
        *[t.title() for t in titles[:60]], *[w.title() for t in titles[:20] for w in t.split()],
        *sorted(lexicon.words("places"))[:30], *sorted(lexicon.table("aliases"))[:30], *sorted(lexicon.table("demonyms"))[:20],
        *sorted(lexicon.words("org_words"))[:20], *sorted(lexicon.words("place_words"))[:10],
        "John", "Smith", "Putin", "NATO", "TRUMP", "MARTIN", "U.S.-Japan", "Putin-Kim", "Russia-North", "U.S.-", "Jean-Luc", "AB",
    ]
    rng = random.Random(13)
    for _ in range(20000):
        words = tuple(rng.choice(vocabulary) for _ in range(rng.randint(1, 5)))
        before = rng.choice(["", "said", *honorifics[:3], *vocabulary[:5]])
        expected = _reference_pass_one(words, before)
        reading = _run_reading(words)
        if reading is None:
            assert expected is None, words
            continue
        lead, stop, cut, titled, gender, facts = reading
        if lead < 0 and before in lexicon.table("honorifics"):
            lead, titled, gender = 0, True, lexicon.table("honorifics")[before][0].replace("-", "")
            facts = _name_facts(words[:stop], True)
        lead = max(lead, 0)
        assert (lead + cut, stop, int(titled), gender) == expected, (words, before)
        assert facts == _reference_facts(words[lead + cut : stop], titled), words


def test_a_word_opens_a_name_as_the_first_written_test_said():
    from newsanalyzer.actors import _opens_a_name, _tagged_words

    def reference(word):  # a place, or a word the tagger's lexicon does not know in lower case
        return word in lexicon.words("places") or (word.isalpha() and len(word) > 1 and word.lower() not in _tagged_words())

    words = [*sorted(lexicon.words("places"))[:50], "The", "But", "DuBois", "Cuban", "A", "I", "U.S.", "Éire", "Xq", "MARTIN", "O'Neill", ""]
    rng = random.Random(2)
    words += ["".join(rng.choice("AZaeiouxqé'.-") for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    for word in words:
        assert _opens_a_name(word) == reference(word), word


def _reference_name_runs(doc, sentences, name_set, not_names):  # as first written: a bisection per sentence
    from newsanalyzer.actors import (
        _CONNECTORS,
        _NOT_OPENING_TAGS,
        _OPENING_MARKS,
        _PRONOUN_TAGS,
        _opening_is_name,
        _split_at_connectors,
    )

    texts, tags = doc.texts, doc.tags
    runs = []
    names = doc.name_words
    for index, sentence in enumerate(sentences):
        first, end = sentence.first_token, sentence.end_token
        free = first
        for i in names[bisect.bisect_left(names, first) : bisect.bisect_left(names, end)]:
            if i < free or tags[i] in _NOT_OPENING_TAGS:
                continue
            if (i == first or texts[i - 1] in _OPENING_MARKS) and not _opening_is_name(doc, i, sentence):
                continue
            j = i + 1
            connected = False
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
            else:
                runs.append((i, j, index))
            free = j
    return runs


def test_name_runs_walk_to_each_sentence_as_a_bisection_finds_it():
    from newsanalyzer.actors import TokenColumns, _name_runs
    from newsanalyzer.model import Sentence, Token

    words = ["Jane", "Doe", "met", "the", "Bank", "of", "America", ".", "Putin", "said", "“", "Kim", "and", "Xi", "”", "U.S.", "officials", "He", "The"]
    tags = ["NNP", "NNP", "NNP", "NN", "PRP", "DT", "VBD", "NNS"]
    rng = random.Random(9)
    not_names = lexicon.words("not_names")
    for _ in range(3000):
        texts = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        doc = TokenColumns([Token(k, k + 1, w, rng.choice(tags)) for k, w in enumerate(texts)])
        cuts = sorted(rng.choices(range(len(texts) + 1), k=rng.randint(0, 6)))
        spans = list(zip([0, *cuts], [*cuts, len(texts)]))  # tiled, some empty
        if rng.random() < 0.4:  # apart or overlapping
            spans = [(max(0, a + rng.randint(-2, 2)), b) for a, b in spans]
            spans = [(a, max(a, b)) for a, b in spans]
        if rng.random() < 0.2:
            rng.shuffle(spans)
        sentences = [Sentence(a, b, 0, a, b) for a, b in spans]
        name_set = set(doc.name_words)
        assert _name_runs(doc, sentences, name_set, not_names) == _reference_name_runs(doc, sentences, name_set, not_names), (texts, spans)
