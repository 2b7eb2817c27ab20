"""Sentiment: TextBlob's lexicon read fast gives TextBlob's own results; labels and aggregation."""

from __future__ import annotations

import json
import subprocess
import sys

from newsanalyzer import analyze
from newsanalyzer.segment import fold, tag_words, word_spans
from newsanalyzer.sentiment import label_for, words_sentiment

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
