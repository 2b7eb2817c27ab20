"""Actors: names, titles, types, aliases, groups and pronouns on hand-written text."""

from __future__ import annotations

from newsanalyzer import analyze


def actors(text):
    result = analyze(text)
    for a in result.actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text
    return {a.name: a for a in result.actors}


def test_title_is_stripped_and_surname_merges_into_full_name():
    text = "Finance Minister Jane Doe arrived on Monday. Doe said the budget was ready."
    found = actors(text)
    assert "Jane Doe" in found and found["Jane Doe"].type == "person"
    assert "Doe" not in found
    assert [m.text for m in found["Jane Doe"].mentions][:2] == ["Jane Doe", "Doe"]


def test_same_surname_goes_to_the_nearest_full_name():
    text = "John Smith met Mary Smith in Ohio. Later, Smith said the deal was done."
    found = actors(text)
    assert "Smith" not in found
    assert any(m.text == "Smith" for m in found["Mary Smith"].mentions)


def test_pronoun_resolves_by_gender():
    text = "Ms. Mary Jones met John Smith on Tuesday. He said the talks went well."
    found = actors(text)
    he = [m for m in found["John Smith"].mentions if m.kind == "pronoun"]
    assert [m.text for m in he] == ["He"]
    assert not [m for m in found["Mary Jones"].mentions if m.text == "He"]


def test_group_description_is_an_actor():
    text = "Experts said the plan would fail. They said the costs were too high."
    found = actors(text)
    assert found["experts"].type == "group"
    assert any(m.text == "They" for m in found["experts"].mentions)


def test_organisation_is_typed():
    text = "The Ministry of Finance said on Monday that taxes would rise."
    found = actors(text)
    assert found["Ministry of Finance"].type == "organization"


def test_line_ending_in_a_colon_is_not_a_heading():
    text = "Jane Doe released the following statement:\n\n“We are grateful for the support.”\n"
    found = actors(text)
    assert found["Jane Doe"].type == "person"


def test_heading_capitals_do_not_make_actors():
    text = "Big Storm Hits The Coast\n\nThe storm reached the coast on Monday night."
    found = actors(text)
    assert "Big Storm Hits The Coast" not in found
    assert "Coast" not in found


def test_local_titles_are_stripped():
    names = set(actors("Councilman David Kim spoke first. Assemblywoman Rosa Diaz spoke next."))
    assert {"David Kim", "Rosa Diaz"} <= names


def test_demonym_before_a_verb_is_a_surname_but_before_a_noun_is_not():
    found = {name: a.type for name, a in actors('"We will see," Cuban said. Russian officials said nothing.').items()}
    assert found.get("Cuban") == "person"
    assert "Russian" not in found


def test_a_demonym_after_the_is_a_people_not_a_person():
    from newsanalyzer import analyze

    actors = {a.name: a.type for a in analyze("Russia doesn’t care about what the Chinese say. On Monday, Cuban said no.").actors}
    assert actors.get("Chinese") != "person"
    assert actors.get("Cuban") == "person"


def test_a_role_after_the_refers_to_the_person_named_with_it():
    from newsanalyzer import analyze

    actors = analyze("President Barack Obama spoke on Monday. The president said the bill was dead.").actors
    obama = next(a for a in actors if a.name == "Barack Obama")
    assert [m.text for m in obama.mentions] == ["Barack Obama", "The president"]
    alone = analyze("The former governor has promised a different campaign.").actors
    assert [(a.name, a.type) for a in alone] == [("the former governor", "person")]


def test_transcript_labels_are_speakers_not_acronyms():
    from newsanalyzer import analyze

    actors = {a.name: a for a in analyze("Donald Trump spoke.\n\nTRUMP: We want to win.\n\nMARTIN: Thank you.").actors}
    assert [m.text for m in actors["Donald Trump"].mentions] == ["Donald Trump", "TRUMP"]
    assert actors["Martin"].type == "person"
    assert "Update" not in {a.name for a in analyze("UPDATE: The vote was delayed.").actors if a.type == "person"}


def test_an_unknown_capitalised_word_opening_a_sentence_is_a_name():
    from newsanalyzer import analyze

    assert [a.name for a in analyze("DuBois was referred to the clinic.").actors] == ["DuBois"]
    assert analyze("However, the clinic was closed.").actors == ()


def test_a_pronoun_looks_back_over_the_last_forty_mentions_only():
    places = ["Africa", "Asia", "Europe", "Oceania", "Balkans", "Caribbean", "Scandinavia", "Arctic"]

    def pronoun_owner(visited: int) -> str:
        tour = ", ".join(places[i % len(places)] for i in range(visited))
        found = actors(f"Mr. John Smith toured {tour} and more. He said the trip went well.")
        return next(a.name for a in found.values() for m in a.mentions if m.kind == "pronoun")

    # places are never antecedents, but they fill the window of recent mentions
    assert pronoun_owner(39) == "John Smith"
    assert pronoun_owner(40) == "he (unresolved)"


def test_token_columns_are_shared_for_one_token_tuple_only():
    from newsanalyzer.actors import TokenColumns, token_columns
    from newsanalyzer.segment import segment

    table = segment("Mr. Smith met U.S. officials. He said no.")[2]
    assert token_columns(table) is token_columns(table)  # the pipeline's Tokens
    tokens = tuple(table)
    columns = token_columns(tokens)
    assert token_columns(tokens) is columns  # find_quotes reads the columns find_actors built
    fresh = TokenColumns(tuple(list(tokens)))  # built from the tokens, not segment's columns
    assert (columns.texts, columns.tags, columns.lowers, columns.starts, columns.name_words) == (
        fresh.texts, fresh.tags, fresh.lowers, fresh.starts, fresh.name_words)
    assert token_columns(tuple(list(tokens))) is not columns  # an equal tuple is another document's
    as_list = list(tokens)
    assert token_columns(as_list) is not token_columns(as_list)  # a list may change between calls


def test_acronym_pattern_and_name_words_match_as_first_written():
    import itertools
    import random
    import re
    import sys

    from newsanalyzer.actors import _ACRONYM, TokenColumns
    from newsanalyzer.model import Token

    # the patterns as first written (compiling them costs more at import)
    acronym = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}s?$")
    name_word = re.compile(r"^[A-Z][\w'’.\-]*$")
    # letters, digits (`٣`, `²`), combining marks, `_`, punctuation, white space
    alphabet = ["A", "Z", "a", "0", "_", "'", "’", ".", "-", "&", "s", "\n", " ", "é", "É", "‘", "–", "٣", "\u0301", "²", "\t"]
    words = []
    for length in range(5):
        for letters in itertools.product(alphabet, repeat=length):
            word = "".join(letters)
            assert bool(_ACRONYM.match(word)) == bool(acronym.match(word)), repr(word)
            words.append(word)
    rng = random.Random(5)
    for _ in range(20000):  # any characters after a capital
        words.append(rng.choice("AMZ") + "".join(chr(rng.randrange(sys.maxunicode + 1)) for _ in range(rng.randint(0, 3))))
    for word in ("U.S.", "U.S.A.", "NATO", "AT&T", "CEOs", "ABCDEFGH", "Kim’s", "O'Neill", "Jean-Luc", "Putin\n", "Ωmega", "Éire"):
        assert bool(_ACRONYM.match(word)) == bool(acronym.match(word)), word
        words.append(word)
    tokens = [Token(k, k + 1, word, "NN") for k, word in enumerate(words)]
    assert TokenColumns(tokens).name_words == [k for k, word in enumerate(words) if name_word.match(word)]


def test_nearest_owner_is_the_one_mentioned_last_before_the_position():
    import random

    from newsanalyzer.actors import _Entity, _nearest

    def reference(owners, position):  # as first written
        best, best_pos = owners[0], -1
        for owner in owners:
            before = [m[0] for m in owner.mentions if m[0] <= position]
            if before and max(before) > best_pos:
                best, best_pos = owner, max(before)
        return best

    rng = random.Random(3)
    for _ in range(500):
        owners = [_Entity(f"e{k}", "person") for k in range(rng.randint(1, 4))]
        for owner in owners:
            owner.mentions = [(rng.randrange(50), 0, "", 0, "name", None) for _ in range(rng.randint(0, 4))]
        position = rng.randrange(60)
        assert _nearest(owners, position) is reference(owners, position)


def test_trimmed_words_are_not_names_and_every_spelling_of_a_connector():
    import itertools
    import sys

    from newsanalyzer import lexicon
    from newsanalyzer.actors import _CONNECTORS, _trimmed_words

    trimmed, not_names = _trimmed_words(), lexicon.words("not_names")
    # every character whose lower case is a character of a connector (the Kelvin sign's is `k`)
    letters = {c for word in _CONNECTORS for c in word}
    lowering = {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.lower() in letters}
    for word in _CONNECTORS:
        for chars in itertools.product(*([ch for ch in lowering if ch.lower() == c] for c in word)):
            spelling = "".join(chars)
            assert spelling in trimmed
    assert all(word.lower() in _CONNECTORS for word in trimmed - not_names)
    for word in [*not_names, "Of", "OF", "The", "THE", "oF", "And", "Von", "De", "&", "Smith", "Theo", "o", "", "İ", "K"]:
        assert (word in trimmed) == (word in not_names or word.lower() in _CONNECTORS), word


def test_antecedent_search_stops_early_only_where_nothing_further_back_could_win():
    import random

    from newsanalyzer.actors import _antecedent, _Entity

    def reference(reached, gender, index, position, oldest):  # every entry in reach scored
        best, best_score = None, float("-inf")
        for rank, start, s_index, entity, bonus in reversed(reached):
            if rank < oldest or index - s_index > 3:
                break
            if gender == "plural":
                if entity.type != "group":
                    continue
            elif entity.type != "person" or (entity.gender and entity.gender != gender):
                continue
            score = -(index - s_index) * 2 + bonus + start / max(1, position) * 0.5
            if score > best_score:
                best, best_score = entity, score
        return best

    rng = random.Random(11)
    for _ in range(3000):
        entities = [_Entity(str(k), rng.choice(["person", "group", ""])) for k in range(4)]
        for entity in entities:
            entity.gender = rng.choice(["", "m", "f", "plural"])
        reached, start, s_index, step = [], 0, 0, rng.choice([1, 3, 40])  # close mentions score near the bound
        for rank in range(rng.randint(0, 30)):
            start += rng.randint(1, step)
            s_index += rng.random() < 0.3
            reached.append((rank, start, s_index, rng.choice(entities), rng.choice([0, 1.5, 3.0])))
        index = s_index + rng.randint(0, 2)
        position = start + rng.randint(1, step) if reached else rng.randint(0, 3)
        gender, oldest = rng.choice(["m", "f", "plural"]), len(reached) - rng.randint(1, 45)
        assert _antecedent(reached, gender, index, position, oldest) is reference(reached, gender, index, position, oldest)
