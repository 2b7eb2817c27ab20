"""Sentence-level baselines for sentiment toward actors, measured like the tool.

Prints what `newsanalyzer analyze --format jsonl PATH...` prints, except that
every mention's label is the whole sentence's label (TextBlob's
PatternAnalyzer, or VADER's compound score when the `vaderSentiment` package
is installed), so the shared scorer can compare the baselines with the
target-aware model on the same mentions:

    python ../shared/eval/score_sentiment.py holdout.jsonl \\
        --cmd "python scripts/sentence_baseline.py --method vader"

Thresholds: polarity >= 0.05 positive, <= -0.05 negative (VADER's own
convention for its compound score; the same band for TextBlob).
"""

from __future__ import annotations

import argparse
import json
import sys

from newsanalyzer import _light_imports
from newsanalyzer.inputs import Document, read_documents
from newsanalyzer.pipeline import analyze
from newsanalyzer.render.records import document_record
from newsanalyzer.sentiment import label_for, words_sentiment


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", choices=("textblob", "vader"), default="textblob")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    _light_imports.install()
    if args.method == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
    for item in read_documents(args.paths):
        if not isinstance(item, Document):
            print(f"{item.id}: {item.message}", file=sys.stderr)
            continue
        analysis = analyze(item.text)
        record = document_record(item.id, analysis)
        labels = []
        for i, s in enumerate(analysis.sentences):
            if args.method == "vader":
                labels.append(label_for(vader.polarity_scores(item.text[s.start : s.end])["compound"]))
            else:
                labels.append(words_sentiment([t.text for t in analysis.sentence_tokens(i)]).label)
        for actor in record["actors"]:
            for mention in actor["mentions"]:
                mention["label"] = labels[mention["sentence"]]
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
