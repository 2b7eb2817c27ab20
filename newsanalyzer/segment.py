"""Paragraphs, sentences and part-of-speech tagged tokens, with offsets.

Offline by construction: NLTK's `PunktSentenceTokenizer` runs on parameters
we ship (`data/abbreviations.txt`) instead of the downloadable punkt model,
words come from `NLTKWordTokenizer.span_tokenize`, and tags from TextBlob's
`PatternTagger` lexicon, which ships inside the textblob package.
"""

from __future__ import annotations

import re
from functools import cache

from newsanalyzer import lexicon
from newsanalyzer.model import Paragraph, Sentence, Token

# Characters that look different but tokenize and tag alike. Each is replaced
# by exactly one character, so offsets into the copy are offsets into the text.
_SAME_LENGTH_FOLD = str.maketrans(
    {
        "\u2019": "'",  # ’ (mostly an apostrophe: Kim’s)
        "\u2018": "'",  # ‘
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2032": "'",  # ′
        "\u00a0": " ",  # no-break space
        "\u2013": "-",  # – en dash
        "\u2014": "-",  # — em dash
    }
)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A word tokenizer's pathological cases stay cheap: very long sentences are
# split into chunks of this many characters at a space.
_MAX_SENTENCE_CHARS = 5000


def fold(text: str) -> str:
    """A same-length copy of `text` with typographic marks made plain."""
    return text.translate(_SAME_LENGTH_FOLD)


@cache
def _sentence_splitter():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(lexicon.words("abbreviations"))
    return PunktSentenceTokenizer(params)


@cache
def _word_tokenizer():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    return NLTKWordTokenizer()


def _tagger():
    from newsanalyzer.textblob_data import tagger

    return tagger()


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines; consecutive lines are joined when the text is hard-wrapped."""
    lines = []  # (start, end) of each non-blank line without its line break
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.end() == match.start():
            break
        line = match.group().rstrip("\r\n")
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((match.start() + lead, match.start() + len(line.rstrip()), match.start()))
    if not lines:
        return []
    joined = _looks_hard_wrapped(text, lines)
    result: list[Paragraph] = []
    previous_line_end = None
    for start, end, line_start in lines:
        adjacent = previous_line_end is not None and not text[previous_line_end:line_start].strip("\r\n ") and text.count("\n", previous_line_end, line_start) <= 1
        if joined and result and adjacent:
            result[-1] = Paragraph(result[-1].start, end)
        else:
            result.append(Paragraph(start, end))
        previous_line_end = end
    return result


def _looks_hard_wrapped(text: str, lines: list[tuple[int, int, int]]) -> bool:
    """Text wrapped at a fixed width: most lines are long and end mid-sentence."""
    if len(lines) < 4:
        return False
    lengths = sorted(end - start for start, end, _ in lines)
    median = lengths[len(lengths) // 2]
    open_ended = sum(1 for start, end, _ in lines if text[end - 1] not in ".!?\"'”’:")
    return 50 <= median <= 100 and open_ended > 0.6 * len(lines)


def sentence_spans(text: str, paragraph: Paragraph) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside one paragraph."""
    chunk = fold(text[paragraph.start : paragraph.end])
    spans = []
    for start, end in _sentence_splitter().span_tokenize(chunk):
        spans.extend(_bounded(chunk, start, end))
    return [(paragraph.start + s, paragraph.start + e) for s, e in spans]


def _bounded(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > _MAX_SENTENCE_CHARS:
        cut = chunk.rfind(" ", start + _MAX_SENTENCE_CHARS // 2, start + _MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + _MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and chunk[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


# Treebank conventions (`do|n't`, `Kim|'s`, `U.S.`, final `.` apart) in one
# linear pass; see `word_spans` for why this is not NLTK's own tokenizer.
_TOKEN = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                                  # U.S. U.N. a.m.
  | [^\W\d_]+(?=n't\b)                                  # do|n't, ca|n't
  | n't\b
  | (?<=[^\W\d_])'(?:[sdm]|re|ve|ll|[SDM]|RE|VE|LL)\b   # Kim|'s, we|'re
  | \d+(?:[.,:/]\d+)*(?:[-\w]*\w)?                     # 1,000  3.5  10:30  13th  30-year-old
  | \w+(?:(?:[-&.]|'(?!(?:[sdmt]|re|ve|ll)\b))\w+)*       # words, e-mail, O'Brien
  | \.\.\.|--|''|[^\w\s]                               # ellipsis, dashes, NYT '' quotes, other marks
    """,
    re.VERBOSE,
)


def word_spans(folded_text: str, start: int, end: int, *, use_nltk: bool = False) -> list[tuple[int, int]]:
    """Token offsets for folded_text[start:end].

    `NLTKWordTokenizer.span_tokenize` gives the same Treebank tokens but costs
    about 14 ms for an 800-word article (some 25 regular-expression passes
    per sentence), more than the rest of the analysis together; this single
    pass costs about 1 ms. `use_nltk=True` runs NLTK's for comparison.
    """
    if use_nltk:
        try:
            spans = list(_word_tokenizer().span_tokenize(folded_text[start:end]))
            return [(start + s, start + e) for s, e in spans if e > s]
        except ValueError:  # NLTK cannot align some rewritten tokens back to the text
            pass
    spans: list[tuple[int, int]] = []
    abbreviations = lexicon.words("abbreviations")
    for match in _TOKEN.finditer(folded_text, start, end):
        s, e = match.span()
        if e < end and folded_text[e] == "." and spans is not None:
            word = folded_text[s:e]
            if word.isalpha() and (word.lower() in abbreviations or (len(word) == 1 and word.isupper())):
                if e + 1 < end:  # an abbreviation keeps its period, except at the very end
                    e += 1
        if spans and spans[-1][1] > s:
            continue  # the period was taken by the abbreviation before
        spans.append((s, e))
    return spans


def tag_words(words: list[str]) -> list[str]:
    """Part-of-speech tags for already tokenized words."""
    if not words:
        return []
    cleaned = [w.replace(" ", "_") or "_" for w in words]
    try:
        tagged = _tagger()(" ".join(cleaned), tokenize=False)
    except Exception:  # the tagger is third-party code; never let it sink a document
        tagged = []
    if len(tagged) != len(words):
        return ["NNP" if w[:1].isupper() else "NN" for w in words]
    return [t for _, t in tagged]


def segment(text: str) -> tuple[list[Paragraph], list[Sentence], list[Token]]:
    """Split text into paragraphs, sentences and tagged tokens."""
    folded = fold(text)
    paras = paragraphs(text)
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for p_index, paragraph in enumerate(paras):
        for s_start, s_end in sentence_spans(text, paragraph):
            spans = word_spans(folded, s_start, s_end)
            tags = tag_words([folded[s:e] for s, e in spans])
            first = len(tokens)
            tokens.extend(Token(s, e, text[s:e], tag) for (s, e), tag in zip(spans, tags))
            sentences.append(Sentence(s_start, s_end, p_index, first, len(tokens)))
    return paras, sentences, tokens
