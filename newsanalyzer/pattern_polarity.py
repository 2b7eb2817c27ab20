"""TextBlob's PatternAnalyzer score of a list of words, in one tight pass.

`textblob.en.sentiment(words)` (`Sentiment.__call__` and `assessments` in
textblob/_text.py) builds a dict per scored word, keeps a list of them and
averages them in a second and third pass. `pattern_score` follows the same
rules in the same order (negation, intensifiers, `!`, `(!)`, emoticons) and
keeps only the last assessment open, since a rule only ever changes the last
one; earlier ones are added to the totals in their order, so the floats are
the very ones TextBlob computes. The lexicon is TextBlob's own, read once
(`textblob_data.pattern_sentiment()`) into one dict of tuples.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from newsanalyzer import disk_cache


@cache
def _table() -> tuple[dict, frozenset]:
    """`_derive_table()`, kept on disk between runs (disk_cache.py: 1 ms to read back instead of about 25)."""
    from newsanalyzer.textblob_data import english_files

    files = english_files()  # TextBlob's files, known without importing TextBlob
    if files is None:
        from textblob import _text, en

        files = {"sentiment": en.sentiment.path, "modules": [_text.__file__, en.__file__]}
    sources = [files["sentiment"], *files["modules"], __file__]  # the lexicon, and the code of TextBlob's rules and ours
    return disk_cache.load("pattern_table", sources, _derive_table, _is_table)


def _is_table(value: object) -> bool:
    return type(value) is tuple and len(value) == 2 and type(value[0]) is dict and type(value[1]) is frozenset


def _derive_table() -> tuple[dict, frozenset]:
    """word -> what TextBlob's rules do with it, and TextBlob's negation words.

    A known word (in the lexicon): `(True, polarity, subjectivity, intensity, modifies, negation)`,
    where `modifies` is None when the word does not modify the next one, else whether
    it may also carry a following negation ("really not good").
    An unknown word with a rule of its own: `(False, boosts, marks)`; `boosts` for
    `!`, `marks` the polarities of the assessments it adds (`(!)`, emoticons).
    Any other word is absent: it can only end a pending negation or modifier.
    """
    from textblob._text import EMOTICONS, PUNCTUATION

    from newsanalyzer.textblob_data import pattern_sentiment

    words, rules = pattern_sentiment()
    negations = frozenset(rules.negations)
    modifier_tags = frozenset(rules.modifiers)
    # `pos in self.modifiers` with pos None, as for a list of words.
    untagged_modifies = None in modifier_tags
    table: dict = {}
    for word, by_tag in dict.items(words):
        if None not in by_tag:
            continue  # TextBlob treats it as unknown
        polarity, subjectivity, intensity = by_tag[None]
        modifies = None
        if not modifier_tags.isdisjoint(by_tag):
            modifies = bool(untagged_modifies or rules.modifier(word))
        table[word] = (True, polarity, subjectivity, intensity, modifies, word in negations)

    def add_rule(word: str, boosts: bool = False, marks: tuple = ()) -> None:
        old = table.get(word)
        if old is None:
            table[word] = (False, boosts, marks)
        elif not old[0]:  # a known word follows the known-word rules only
            table[word] = (False, old[1] or boosts, old[2] + marks)

    for word in negations:
        add_rule(word)
    add_rule("!", boosts=True)
    add_rule("(!)", marks=(0.0,))
    # The first emoticon group (in EMOTICONS order) that holds the lowercased word.
    emoticons: dict[str, float] = {}
    for (_, polarity), forms in EMOTICONS.items():
        for form in forms:
            emoticons.setdefault(form.lower(), polarity)
    for word, polarity in emoticons.items():
        # TextBlob's own test; `in PUNCTUATION` is a substring test on a string.
        if word.isalpha() is False and len(word) <= 5 and word not in PUNCTUATION:
            add_rule(word, marks=(polarity,))
    return table, negations


def pattern_score(words: Iterable[str]) -> tuple[float, float]:
    """(polarity, subjectivity) of lowercased words: the floats `textblob.en.sentiment(list(words))[:2]` gives."""
    table, negations = _table()
    rule_for = table.get
    count = 0
    polarity_sum = subjectivity_sum = 0.0
    # The last assessment, the only one a rule may still change (TextBlob's `a[-1]`).
    polarity = subjectivity = intensity = 0.0
    negated = False
    modifier = None  # TextBlob's `m`: None, or whether it may carry a negation ("really not good")
    negation = None  # TextBlob's `n`: the pending negation word
    for word in words:
        rule = rule_for(word)
        if rule is None:
            if negation is None and modifier is None:
                continue  # most words: unknown, and nothing pending to end
        elif rule[0]:  # a known word
            _, word_polarity, word_subjectivity, word_intensity, modifies, is_negation = rule
            if modifier is None:
                if count:
                    polarity_sum += polarity * -0.5 if negated else polarity
                    subjectivity_sum += subjectivity
                count += 1
                polarity, subjectivity, intensity, negated = word_polarity, word_subjectivity, word_intensity, False
            else:  # "really good"
                polarity = max(-1.0, min(word_polarity * intensity, +1.0))
                subjectivity = max(-1.0, min(word_subjectivity * intensity, +1.0))
                intensity = word_intensity
            if negation is not None:  # "not (really) good"
                intensity = 1.0 / intensity
                negated = True
            modifier = modifies
            negation = word if is_negation else None
            continue
        # An unknown word.
        if word in negations:
            negation = word
        elif negation is not None and len(word.strip("'")) > 1:
            negation = None  # kept across small words only ("not a good")
        if negation is not None and modifier:  # "really not good"
            negated = True
            negation = None
        elif modifier is not None and len(word) > 2:
            modifier = None  # kept across small words only ("really is a good")
        if rule is not None:
            _, boosts, marks = rule
            if boosts and count:  # "!"
                polarity = max(-1.0, min(polarity * 1.25, +1.0))
            for mark in marks:  # "(!)", emoticons
                if count:
                    polarity_sum += polarity * -0.5 if negated else polarity
                    subjectivity_sum += subjectivity
                count += 1
                polarity, subjectivity, intensity, negated = mark, 1.0, 1.0, False
    if count:
        polarity_sum += polarity * -0.5 if negated else polarity
        subjectivity_sum += subjectivity
    return polarity_sum / (count or 1), subjectivity_sum / (count or 1)
