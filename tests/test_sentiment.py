"""Sentiment: TextBlob's lexicon read fast gives TextBlob's own results; labels and aggregation."""

from __future__ import annotations

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

SENTENCES = [
    "This is not a very good plan , and critics say it is terrible !",
    "The senator praised the excellent work of the volunteers .",
    "Officials said the bridge remained safe for traffic .",
    "He was really not happy about the awful , awful delays :(",
    "It is a fair deal for everyone .",
]


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
    done = subprocess.run([sys.executable, "-c", code, json.dumps(SENTENCES)], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout)


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
    done = subprocess.run([sys.executable, "-c", code, json.dumps(cases)], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout)


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
