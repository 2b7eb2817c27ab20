"""Sentiment: TextBlob's lexicon read fast gives TextBlob's own results; labels and aggregation."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from newsanalyzer import analyze
from newsanalyzer.model import Sentence, Sentiment, Token
from newsanalyzer.pattern_polarity import pattern_score
from newsanalyzer.segment import fold, tag_words, word_spans
from newsanalyzer.sentiment import (
    _lowercased,
    label_for,
    sentence_sentiments,
    words_sentiment,
)
from newsanalyzer.textblob_data import pattern_sentiment, read_sentiment_words

SENTENCES = [
    "This is not a very good plan , and critics say it is terrible !",
    "The senator praised the excellent work of the volunteers .",
    "Officials said the bridge remained safe for traffic .",
    "He was really not happy about the awful , awful delays :(",
    "It is a fair deal for everyone .",
]


def in_plain_textblob(code: str, *args: str) -> str:
    """The standard output of `code` run where TextBlob is used as shipped (our
    fast paths change the objects they read, so the reference is another process)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


def reference_in_plain_textblob() -> list:
    """Tags and PatternAnalyzer scores from a process where TextBlob is used as shipped."""
    code = (
        "import json, sys\n"
        "from textblob.en import tag, sentiment\n"
        "out = []\n"
        "for s in json.loads(sys.argv[1]):\n"
        "    words = s.split()\n"
        "    out.append([[t for _, t in tag(s, tokenize=False)], list(sentiment([w.lower() for w in words])[:2])])\n"
        "print(json.dumps(out))\n"
    )
    return json.loads(in_plain_textblob(code, json.dumps(SENTENCES)))


def test_fast_lexicons_give_textblobs_own_tags_and_scores():
    for sentence, (tags, (polarity, subjectivity)) in zip(SENTENCES, reference_in_plain_textblob()):
        words = sentence.split()
        assert tag_words(words) == tags
        ours = words_sentiment(words)
        assert (ours.polarity, ours.subjectivity) == (round(polarity, 4), round(subjectivity, 4))


def test_labels_use_the_neutral_band():
    assert label_for(0.05) == "positive" and label_for(-0.05) == "negative" and label_for(0.049) == "neutral"


def test_toward_an_actor_differs_from_the_sentence_tone():
    text = "Critics attacked Jane Doe over the failed plan, while John Roe praised her courage."
    actors = {a.name: a for a in analyze(text).actors}
    assert actors["Jane Doe"].received.polarity < actors["John Roe"].received.polarity


def test_said_is_the_mean_over_the_actors_quotes():
    text = "“This is a wonderful, excellent result,” Ann Lee said. “It is a terrible, awful failure,” Ann Lee said."
    analysis = analyze(text)
    lee = next(a for a in analysis.actors if a.name == "Ann Lee")
    polarities = [q.sentiment.polarity for q in analysis.quotes if q.actor == "Ann Lee"]
    assert lee.quotes == len(polarities) == 2
    assert abs(lee.said.polarity - sum(polarities) / 2) < 1e-4


def test_a_tokenized_sentence_scores_like_the_words():
    text = "It is a fair deal for everyone."
    spans = word_spans(fold(text), 0, len(text))
    assert words_sentiment([text[s:e] for s, e in spans]).polarity == words_sentiment(SENTENCES[4].split()).polarity


# Word lists for every rule of TextBlob's `Sentiment.assessments`.
RULE_CASES = [
    [],
    ["Zyxw", "qwerty", "blorp"],  # unknown words only
    ["good"],
    ["good", "good", "good", "bad"],  # repeated words
    ["very", "good"],  # intensifier
    ["not", "good"],
    ["not", "bad"],
    ["not", "very", "good"],  # negation of an intensifier
    ["not", "a", "good", "idea"],  # negation kept across a small word
    ["not", "the", "good", "idea"],  # ... but not across a longer one
    ["never", "really", "good"],
    ["no", "good", "news"],
    ["It", "is", "n't", "good", "."],
    ["It", "isn’t", "good"],  # curly apostrophe
    ["really", "not", "good"],  # negation after an -ly modifier
    ["very", "not", "good"],  # ... and after another one
    ["very", "is", "a", "good"],  # modifier kept across small words
    ["very", "nice", "nice"],
    ["extremely", "very", "bad"],  # modifier chain
    ["good", "!"],
    ["terrible", "!", "!", "!"],
    ["!", "good"],  # `!` with nothing before it
    ["very", "!", "good"],
    ["great", "(!)"],  # sarcasm mark
    ["sad", ":(", "but", ":-)", ";)", "<3", "XD"],  # emoticons
    ["very", ":(", "good"],
    ["not", ":)", "happy"],
    ["not", "'", "good"],
    ["not", "''", "good"],
    ["very", "''", "nice"],
    ["very", "'a'", "nice"],
    ["GOOD", "Bad", "wonderful", "awful", "Terrible", "excellent"],
    ["  ", "good", "", "\t", "not", " ", "bad"],  # blank tokens are left out
    ["fucking", "great"],
    ["terribly", "good"],
    ["the", "happiest", "and", "saddest", "day", ",", "honestly", "nice", "?"],
]


def textblob_scores_of(cases: list) -> list:
    """TextBlob's own unrounded (polarity, subjectivity) of each case, as words_sentiment gave it
    its words, from a process where TextBlob is used as shipped; None when no word is left."""
    code = (
        "import json, sys\n"
        "from textblob.en import sentiment\n"
        "out = []\n"
        "for words in json.loads(sys.argv[1]):\n"
        "    words = [w.lower().replace('\u2019', \"'\") for w in words if w.strip()]\n"
        "    out.append(list(sentiment(words)[:2]) if words else None)\n"
        "print(json.dumps(out))\n"
    )
    return json.loads(in_plain_textblob(code, json.dumps(cases)))


def test_pattern_score_gives_textblobs_own_floats():
    for words, reference in zip(RULE_CASES, textblob_scores_of(RULE_CASES)):
        lowered = _lowercased(words)
        ours = words_sentiment(words)
        if reference is None:
            assert lowered == [] and ours == Sentiment.neutral()
            continue
        polarity, subjectivity = reference
        assert pattern_score(lowered) == (polarity, subjectivity), words  # the very floats, not just close
        assert ours == Sentiment(round(polarity, 4), round(subjectivity, 4), label_for(polarity)), words


def test_pattern_score_gives_textblobs_own_floats_on_random_word_runs():
    """Runs mixing rule words (negations, intensifiers, "!", "(!)", emoticons) with short and long unknown
    words, so that negations and modifiers are pending across every kind of word; TextBlob's very floats."""
    import random

    rng = random.Random(7)
    vocabulary = ["not", "never", "no", "n't", "very", "really", "extremely", "good", "bad", "nice", "awful", "happy", "sad",
                  "!", "(!)", ":(", ":-)", "<3", "a", "the", "is", "'", "''", "'a'", "x", "an", "of", "policy", "senators", "said", "."]
    cases = [[rng.choice(vocabulary) for _ in range(rng.randint(1, 14))] for _ in range(400)]
    for words, (polarity, subjectivity) in zip(cases, textblob_scores_of(cases)):
        assert pattern_score(words) == (polarity, subjectivity), words


def test_no_words_are_neutral_whatever_the_band():
    assert words_sentiment([], band=0.0) == words_sentiment([" "], band=0.0) == Sentiment.neutral()
    assert words_sentiment(["zyxw"], band=0.0).label == "positive"  # scored: 0.0 is not below a zero band


def test_lowercasing_a_whole_list_at_once_changes_nothing():
    def one_by_one(texts):
        return [t.lower().replace("’", "'") for t in texts if t.strip()]

    cases = [[], [""], ["A", "", "B"], ["A", " ", "B"], ["A B", "C"], [" A", "B"], ["A", "B\u2003"], ["\xa0"], ["a\0b", "C"], ["ΣΑΣ", "ΟΔΟΣ."], ["Σ"], ["İSTANBUL", "Straße"], ["DON’T", "Stop"], ["x"]]
    for texts in cases:
        assert _lowercased(texts) == one_by_one(texts), texts


def test_sentences_lowercased_once_per_document_score_like_their_words():
    def sentences_of(texts_per_sentence):
        tokens, sentences, start = [], [], 0
        for texts in texts_per_sentence:
            first = len(tokens)
            for text in texts:
                tokens.append(Token(start, start + len(text), text, "NN"))
                start += len(text) + 1
            sentences.append(Sentence(tokens[first].start, tokens[-1].end, 0, first, len(tokens)))
        return sentences, tokens

    plain = [["Not", "a", "GOOD", "idea", "!"], ["It", "isn’t", "bad", "."], ["Zyxw", "."]]
    for texts_per_sentence in (plain, [*plain, ["ΟΔΟΣ", "nice"]], [*plain, ["very", " ", "nice"]]):  # the last two: word by word
        sentences, tokens = sentences_of(texts_per_sentence)
        assert sentence_sentiments(sentences, tokens) == tuple(words_sentiment(texts) for texts in texts_per_sentence)


def test_quotes_read_the_documents_words_and_score_like_their_own():
    """`score_quotes` slices the document's lowercased words (kept for `sentence_sentiments`):
    the same as each quote's own token texts lowercased, tokens cut by the quote's end left out."""
    from newsanalyzer.model import Quote
    from newsanalyzer.sentiment import score_quotes

    for texts in (["“", "Not", "a", "GOOD", "idea", "!", "”", "Lee", "said", ".", "Very", "nice", "."], ["ΟΔΟΣ", "nice", "bad", "isn’t", "Σ", "great"], ["very", " ", "nice", "awful"]):
        tokens, start = [], 0
        for text in texts:
            tokens.append(Token(start, start + len(text), text, "NN"))
            start += len(text) + 1
        spans = [(0, start), (0, 0), (tokens[1].start, tokens[3].end), (tokens[1].start + 1, tokens[3].end - 1), (tokens[2].start, tokens[-1].end + 5)]
        quotes = [Quote(s, e, "", "direct", None, None, None) for s, e in spans]
        for given in (tuple(tokens), tokens):
            scored = score_quotes(quotes, given)
            for (s, e), q in zip(spans, scored):
                assert q.sentiment == words_sentiment([t.text for t in tokens if t.start >= s and t.start < e and t.end <= e]), (texts, s, e)
            # and `sentence_sentiments` after it reads the same words
            sentence = Sentence(0, start, 0, 0, len(tokens))
            assert sentence_sentiments([sentence], given) == (words_sentiment(texts),)


def textblob_sentiment_words(path: str | None = None) -> dict:
    """What `textblob.en.sentiment` (or an English `Sentiment` on `path`) holds once loaded,
    from a process where TextBlob is used as shipped; scores as tuples."""
    code = (
        "import sys\n"
        "from textblob.en import Sentiment, sentiment\n"
        "lexicon = Sentiment(path=sys.argv[1]) if len(sys.argv) > 1 else sentiment\n"
        "len(lexicon)\n"
        "print(repr({w: {pos: tuple(v) for pos, v in tags.items()} for w, tags in dict.items(lexicon)}))\n"
    )
    return ast.literal_eval(in_plain_textblob(code, *([path] if path else [])))


def as_tuples(words) -> dict:
    return {w: {pos: tuple(v) for pos, v in tags.items()} for w, tags in dict.items(words)}


def test_sentiment_lexicon_read_without_textblobs_loader_equals_textblobs():
    from textblob.en import sentiment as textblob_sentiment

    ours, rules = pattern_sentiment()
    assert type(ours) is dict and rules is textblob_sentiment  # the shipped file takes the fast path
    reference = textblob_sentiment_words()
    assert as_tuples(ours) == reference
    # The very floats, zeros' signs included.
    assert all(repr(v) == repr(reference[w][pos]) for w, tags in as_tuples(ours).items() for pos, v in tags.items())


SENTIMENT_XML = """<?xml version="1.0" encoding="utf-8"?>
<!-- A header, with "quotes" & <tags> -->
<sentiment language="en">
<word form="good" wordnet_id="a-1" pos="JJ" sense="fine" polarity="0.7" subjectivity="0.6" intensity="1.0" confidence="0.9" />
<word form="good" pos="JJ" sense="kind, 'nice'" polarity="0.3" subjectivity="0.5" intensity="1.0" />
<word form="good" pos="NN" polarity="-0.1" subjectivity="0.2"
 intensity="1.0" reliability="0.9" />
<word form="goodly" pos="RB" polarity="0.0" subjectivity="0.1" intensity="1.1" />
<word form="happy" pos="JJ" polarity="-0.0" subjectivity="0.0" intensity="1.0" />
<word form="gentle" pos="JJ" polarity="0.25" subjectivity="0.3" intensity="1.0" />
<word form="gentle" pos="JJ" polarity="0.35" subjectivity="0.3" intensity="1.0" />
<word form="gentle" pos="JJ" polarity="0.45" subjectivity="0.3" intensity="1.0" />
<word form="meh" pos="" polarity="-0.3" subjectivity="0.9" intensity="1.0" />
<word form="very" pos="RB" polarity="0.2" subjectivity="0.3" intensity="1.3" />
<word form="" pos="JJ" polarity="0.2" subjectivity="0.3" intensity="1.3" />
<word form="good" pos="VB" polarity="0.1" subjectivity="0.2" intensity="0.9" />
</sentiment>
"""


def test_sentiment_file_reader_follows_textblobs_loader(tmp_path):
    path = tmp_path / "sentiment.xml"
    path.write_text(SENTIMENT_XML, encoding="utf-8")
    ours = read_sentiment_words(str(path))
    reference = textblob_sentiment_words(str(path))
    assert ours is not None and as_tuples(ours) == reference
    assert all(repr(v) == repr(reference[w][pos]) for w, tags in as_tuples(ours).items() for pos, v in tags.items())
    assert {"goodly", "happily", "gently"} <= set(ours)


def test_sentiment_file_reader_leaves_other_shapes_to_textblob(tmp_path):
    word = '<word form="good" pos="JJ" polarity="0.7" subjectivity="0.6" intensity="1.0" />'
    for body in [
        word.replace("good", "g&amp;d"),  # an entity
        word.replace('pos="JJ"', "pos='JJ'"),  # other quotes
        word.replace(' pos="JJ"', ""),  # no tag
        word.replace('polarity="0.7" subjectivity="0.6"', 'subjectivity="0.6" polarity="0.7"'),  # another order
        word + "<!-- a comment -->" + word,
        "<group>" + word + "</group>",
        word.replace("0.7", "high"),
        word.replace("good", "go\tod"),
    ]:
        path = tmp_path / "sentiment.xml"
        path.write_text(f'<?xml version="1.0"?>\n<sentiment>\n{body}\n</sentiment>\n', encoding="utf-8")
        assert read_sentiment_words(str(path)) is None, body
    assert read_sentiment_words(str(tmp_path / "missing.xml")) is None


def test_textblobs_own_loader_is_the_fallback(monkeypatch):
    """A sentiment file our reader does not know is loaded by TextBlob: same scores."""
    from newsanalyzer import pattern_polarity, textblob_data

    words = "this is not a very good but really terrible idea !".split()
    expected = pattern_polarity.pattern_score(words)
    monkeypatch.setattr(textblob_data, "read_sentiment_words", lambda path: None)
    for cached in (textblob_data.pattern_sentiment, pattern_polarity._table):
        cached.cache_clear()
    try:
        assert pattern_polarity.pattern_score(words) == expected
    finally:
        monkeypatch.undo()
        for cached in (textblob_data.pattern_sentiment, pattern_polarity._table):
            cached.cache_clear()


def test_clamped_like_the_builtins():
    """`_sentiment` clamps with comparisons; the floats max(lo, min(1.0, x)) gives, -0.0 and NaN included."""
    import math

    from newsanalyzer import sentiment

    for x in (0.0, -0.0, 0.3, -0.3, 1.0, -1.0, 1.5, -1.5, 1e-300, -1e-300, math.inf, -math.inf, math.nan):
        with_builtins = sentiment.Sentiment(round(max(-1.0, min(1.0, x)), 4), round(max(0.0, min(1.0, x)), 4), "")
        original = sentiment.pattern_score
        try:
            sentiment.pattern_score = lambda words, x=x: (x, x)
            made = sentiment._sentiment(["word"], 0.05)
        finally:
            sentiment.pattern_score = original
        assert repr((made.polarity, made.subjectivity)) == repr((with_builtins.polarity, with_builtins.subjectivity)), x


def test_actors_scored_in_one_pass_equal_mentions_scored_then_aggregated():
    """`score_actors` (the pipeline's, one copy of each actor) gives `aggregate(score_mentions(...))`, bit for bit."""
    from newsanalyzer import sentiment
    from newsanalyzer.pipeline import Config

    texts = [
        "“We will win,” Jane Doe said. Doe praised the brave workers, but critics said Doe failed badly.",
        "Barack Obama met Vladimir Putin. Obama said he was “deeply troubled” and Putin said nothing. Russia denied it.",
        "No one is named here.",
        "",
    ]
    for text in texts:
        doc = analyze(text, Config(stages=("segment", "actors", "quotes")))
        quotes = sentiment.score_quotes(doc.quotes, doc.tokens)
        for band in (0.05, 0.3):
            expected = sentiment.aggregate(sentiment.score_mentions(doc.text, doc.sentences, doc.actors), quotes, band)
            got = sentiment.score_actors(doc.text, doc.sentences, doc.actors, quotes, band)
            assert got == expected and repr(got) == repr(expected)
