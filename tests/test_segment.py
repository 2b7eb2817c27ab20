"""Segmentation: paragraphs, sentences, tokens and tags; the fast paths equal NLTK's and TextBlob's own code."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsanalyzer import lexicon as data_lists
from newsanalyzer import segment as segment_module
from newsanalyzer.fast_tagger import SortedLexicon
from newsanalyzer.segment import (
    _sentence_splitter,
    _tagger,
    fold,
    paragraphs,
    segment,
    tag_words,
    word_spans,
)


def texts_of(text, spans):
    return [text[s:e] for s, e in spans]


def test_fold_keeps_length():
    text = "“Kim’s «plan» — ‘ok’”"
    assert len(fold(text)) == len(text)


def test_paragraphs_are_non_blank_lines():
    text = "Title\n\nFirst para.\r\nSecond para.\n\n\n  Third.  \n"
    spans = [text[p.start : p.end] for p in paragraphs(text)]
    assert spans == ["Title", "First para.", "Second para.", "Third."]


def test_hard_wrapped_lines_are_joined():
    line = "This is a long line of a hard wrapped text that goes on and"
    text = "\n".join([line] * 6) + " ends.\n\nNext paragraph starts here."
    assert len(paragraphs(text)) == 2


def test_sentences_respect_news_abbreviations():
    text = "Mr. Smith met U.S. officials in Sept. to talk. Gen. Jones said no."
    _, sentences, _ = segment(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "Mr. Smith met U.S. officials in Sept. to talk.",
        "Gen. Jones said no.",
    ]


def test_initials_keep_a_name_whole_and_a_sentence_starter_ends_an_abbreviated_sentence():
    text = "George H.W. Bush met Rep. G.K. Butterfield in the U.S. He left at 5 p.m. The talks went on."
    _, sentences, _ = segment(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "George H.W. Bush met Rep. G.K. Butterfield in the U.S.",
        "He left at 5 p.m.",
        "The talks went on.",
    ]


def test_curly_apostrophe_is_a_possessive_not_a_quote():
    text = "Kim’s train didn’t stop."
    folded = fold(text)
    assert texts_of(text, word_spans(folded, 0, len(text))) == ["Kim", "’s", "train", "did", "n’t", "stop", "."]


def test_tokens_follow_treebank_conventions():
    text = "The U.S. paid $1,000 at 10:30 p.m. to a 30-year-old, O'Brien."
    folded = fold(text)
    assert texts_of(text, word_spans(folded, 0, len(text))) == [
        "The", "U.S.", "paid", "$", "1,000", "at", "10:30", "p.m.", "to", "a", "30-year-old", ",", "O'Brien", ".",
    ]


def test_fast_tokens_agree_with_nltk_on_plain_news_text():
    text = "“We don’t want that,” said Sen. Jane Doe, who leads the committee. She left on Tuesday."
    folded = fold(text)
    ours = texts_of(text, word_spans(folded, 0, 66)) + texts_of(text, word_spans(folded, 67, len(text)))
    nltk = texts_of(text, word_spans(folded, 0, 66, use_nltk=True)) + texts_of(text, word_spans(folded, 67, len(text), use_nltk=True))
    assert ours == nltk


def test_every_token_slices_back_and_has_a_tag():
    text = "Putin said: “It’s ''fine''.”\r\nKim agreed…"
    _, sentences, tokens = segment(text)
    assert sentences and tokens
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.tag


# --- the fast paths give what NLTK's and TextBlob's own code gives ------------------------------

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
PIECES = ["Mr.", "U.S.", "J.", "a.", "No.", "Sept.", "etc.", "5.", "3.5", "1,000", "10:30", "...", "..", ".", "?", "!", "?!",
          "don't", "can't", "n't", "Kim's", "we're", "O'Brien", "e-mail", "A&M", "''", '"', "'", "(", ")", ",", ";", ":", "--",
          "-", "_x", "x_", "said", "The", "the", "THE", "über", "Élan", "ß", "٣", "²", "i.e.", "p.m.", "H.W.", "g.k.", "He", "But", "HE",
          " ", " ", " ", "\n", "\n\n"]
fragments = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet="aZ.'&-_ 9\n", max_size=4)), max_size=30).map("".join)

# Sentences written for these tests: known and unknown words, first words with
# and without a lower-case entry, numbers, suffixes, hyphens, slashes, marks.
TAG_SENTENCES = [
    "The senator said on Tuesday that the bill was dead .",
    "Running late , Ms. Okonkwo-Baptiste hurried past 1,000 protesters at 10:30 p.m. .",
    "Flimbling quickly , the zorbs outmaneuvered a well-known 30-year-old ministry .",
    "Dangerous readings : 3.5 % of 3/4 meters rose $ 2 million , said A&M 's dean .",
    "Yesterday the Xyloquent Group 's e-mail to shareholders was hopelessly garbled .",
    "They 'd seen it ; we do n't know who 's responsible , or why it 's happening .",
    "Obama and Biden visited Washington , D.C. , before heading to the U.N. headquarters .",
    "running Running RUNNING runs ran Ran ridiculous famous glass analysis .",
    "Nationalize privatized customize simplify the unreadable , harmless , heroic , graceful plans .",
    "-- didn't A*/NNP&S and/or a/b ( 3/26 x&slash;y ... ?! '' `` ” “ £ ♥",
    "I I'm Im im IM 's 'S s S 1st 21st 2nd 17th '80s '90s ABC abc Abc",
    "Ünïcödé wörds , ß , naïve café , Zoë said “ hello ” .",
]


def textblob_reference(code: str, payload) -> object:
    """Run `code` with TextBlob as shipped, in a process where nothing of ours is loaded."""
    done = subprocess.run([sys.executable, "-c", code, json.dumps(payload)], capture_output=True, text=True, check=True, timeout=180)
    return json.loads(done.stdout)


SEGMENT_TEXTS = [
    (
        "“We won’t back down,” said Sen. Maria Okafor-Lindqvist, 54, on Tuesday. Critics weren’t convinced.\n\n"
        "The U.S. Treasury’s 3.5% bond rose; analysts at J.P. Morgan & Co. called it “remarkable”…"
    ),
    (
        "BREAKING: Storms hit the coast\nResidents of St. Augustine evacuated at 4 a.m. Officials expect more rain. "
        "Gov. Ron Haverford (R-Fla.) declared an emergency — the third this year."
    ),
]


def test_tagger_gives_textblobs_own_tags():
    code = (
        "import json, sys\n"
        "from textblob.en import tag\n"
        "print(json.dumps([[t for _, t in tag(' '.join(words), tokenize=False)] for words in json.loads(sys.argv[1])]))\n"
    )
    word_lists = [s.split(" ") for s in TAG_SENTENCES]
    word_lists += [words[::-1] for words in word_lists]  # other words first
    word_lists += [[w] for words in word_lists[:12] for w in words]  # every word alone, so first
    word_lists += [["Two words", "here"], ["a\nb", "c"], ["", "x"], [""], ["The", ""]]  # what TextBlob's parser splits
    segmented = [segment(text) for text in SEGMENT_TEXTS]
    sentence_words = [[t.text for t in tokens[s.first_token : s.end_token]] for _, sentences, tokens in segmented for s in sentences]
    expected = textblob_reference(code, word_lists + [[fold(w) for w in words] for words in sentence_words])
    tagger = _tagger()
    for words, tags in zip(word_lists, expected):
        assert tagger(words) == tags, words
        assert tagger(words) == tags, words  # again, from the memo
    assert tag_words(TAG_SENTENCES[0].split()) == expected[0]
    segment_tags = [[t.tag for t in tokens[s.first_token : s.end_token]] for _, sentences, tokens in segmented for s in sentences]
    assert segment_tags == expected[len(word_lists) :]


def test_sorted_lexicon_equals_textblobs_loader():
    from textblob._text import Lexicon
    from textblob.en import lexicon as textblob_lexicon

    ours = _tagger().lexicon
    assert isinstance(ours, SortedLexicon)  # the shipped file takes the fast path
    reference = Lexicon(path=textblob_lexicon.path)  # a fresh object: TextBlob's own stays as it is
    reference.load()
    reference = dict(dict.items(reference))
    assert all(ours.get(word) == tag for word, tag in reference.items())
    absent = {w + suffix for w in list(reference)[::50] for suffix in ("x", " ", "\t")} | {w.upper() for w in reference} | {"", " "}
    assert all(ours.get(word) == reference.get(word) for word in absent)
    assert all((word in ours) == (word in reference) for word in absent)
    assert len(ours) == len(reference) and dict(ours) == reference


def test_sorted_lexicon_accepts_only_what_it_reads_like_textblob(tmp_path):
    from textblob._text import Lexicon

    def both(text):
        path = tmp_path / "lexicon.txt"
        path.write_bytes(text.encode("utf-8"))
        reference = Lexicon(path=str(path))
        reference.load()
        return SortedLexicon.from_path(str(path)), dict(dict.items(reference))

    for text in [
        ";;; header\n;;;\n\nA NNP\nB NN x\nb VB\nb VBD\nc  JJ\nd JJ\t\n",  # extra field, repeated word, odd spacing
        ";;; header\r\nA NNP\r\nb VB\rc JJ\r\n",  # Windows and old Mac line ends
        "a DT\nb NN",  # no header, no final line end
    ]:
        ours, reference = both(text)
        assert ours is not None and dict(ours) == reference
        assert all(ours.get(word) == tag for word, tag in reference.items()) and ours.get("z") is None
        words = [*reference, "z", "", "b VB", "a DT\nb", "0", "\U0010ffff", "B NN"]
        assert ours.search_each(words) == [ours.search(word) for word in words] == [reference.get(word) for word in words]
    for text in ["b NN\na DT\n", "a DT\n b NN\n", "a DT\n\nb NN\n", "a DT\n;;; late comment\n", "a DT\n\u00a0b NN\n"]:
        assert both(text)[0] is None  # unsorted, indented, blank or comment lines: TextBlob loads it
    path = tmp_path / "tagless.txt"
    path.write_text("a DT\nb \t\n", encoding="utf-8")
    with pytest.raises(ValueError):  # a line without a tag: TextBlob refuses the file, and so its loader is left to say so
        Lexicon(path=str(path)).load()
    assert SortedLexicon.from_path(str(path)) is None
    path.write_text("a DT\nb NN\n", encoding="utf-8")
    lexicon = SortedLexicon.from_path(str(path))
    assert lexicon.get("b") == "NN"
    path.write_text("a DT\nb VB\n", encoding="utf-8")  # changed under the lexicon: its buckets no longer tell its lines
    with pytest.raises(RuntimeError):
        dict(lexicon)


lexicon_words = st.text(alphabet="ab-. \t\n\0\u00e9", max_size=4)
looked_up_words = st.text(alphabet="ab-. \t\n\0\u00e9\udc80", max_size=4)  # (a lone surrogate: in no UTF-8 file)


@FUZZ
@given(st.lists(st.tuples(lexicon_words, st.sampled_from(["NN", "VB", "JJ x", "", " DT", "NN\t"])), min_size=1, max_size=30),
       st.lists(looked_up_words, max_size=12), st.sampled_from([1, 2, 3, 16]))
def test_lexicon_chunks_give_each_words_last_tag_as_textblobs_dict(entries, others, chunk_lines):
    """Small chunks (a word's lines across a chunk's end, repeated words, prefixes of each other) against the dict TextBlob builds from the same lines."""
    from newsanalyzer import fast_tagger

    lines = sorted(word + " " + tag for word, tag in entries if word.strip() == word and word and "\n" not in word + tag)
    lines = [line for line in lines if len(line.strip().split(" ")) > 1]
    if not lines:
        return
    reference = dict(line.strip().split(" ")[:2] for line in lines)  # `Lexicon.load`, the last line winning
    lexicon = SortedLexicon(fast_tagger._chunks(lines, chunk_lines), lambda: lines)
    assert lexicon._lines == lines and dict(lexicon) == reference
    words = [*reference, *others, 3, None]
    expected = [reference.get(word) if isinstance(word, str) and " " not in word else None for word in words]
    assert [lexicon.search(word) for word in words] == expected
    assert lexicon.search_each(words) == expected
    assert lexicon.search_each(words[:-2]) == expected[:-2]  # words that are all strings


PUNKT_PARAGRAPHS = [
    "Mr. Smith met U.S. officials in Sept. to talk. Gen. Jones said no.",
    "He arrived at 5 p.m. on Jan. 3. Then he left. J. R. R. Tolkien wrote it.",
    'She said "no." He said "yes!" They argued... And then? Nothing at all.',
    "The vote was 5. it was close. The count: 12. 13 more came later.",
    "A. B. Cooper and Co. Ltd. won (again.) The end.",
    "Is it over?! \"Yes.\" (No.) 'Maybe.' What now",
    "No end mark here",
    "Only one sentence.",
    "Line one.\nLine two continues\nand ends here. Next!",
    "Prices rose 3.5. In 2016. the vote came. i. e. fine. E.g. not.",
    "The ex-Gov. Smith spoke. Then a vice-Pres. Jones left. A non-word. Stop.",
    "George H.W. Bush spoke in the U.S. He left at 5 p.m. But G.K. Butterfield stayed... They met. The end.",
]


def nltk_punkt(text):
    """NLTK's Punkt on our parameters for `text`: the abbreviations, the initials in `text`
    (NewsPunkt takes any for an abbreviation), and the sentence starters."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(data_lists.words("abbreviations")) | set(re.findall(r"[^\W\d_](?:\.[^\W\d_])+", text.lower()))
    params.sent_starters = set(data_lists.words("sentence_starters"))
    return PunktSentenceTokenizer(params)


def test_news_punkt_equals_nltks_punkt():
    ours = _sentence_splitter()
    for paragraph in PUNKT_PARAGRAPHS + [a + " " + b for a in PIECES for b in PIECES]:
        plain = nltk_punkt(paragraph)
        assert list(ours.span_tokenize(paragraph)) == list(plain.span_tokenize(paragraph)), paragraph
        for _, context in plain._match_potential_end_contexts(paragraph):
            assert ours.text_contains_sentbreak(context) == plain.text_contains_sentbreak(context), context


@FUZZ
@given(fragments)
def test_news_punkt_equals_nltks_punkt_on_any_text(text):
    assert list(_sentence_splitter().span_tokenize(text)) == list(nltk_punkt(text).span_tokenize(text))


def test_news_punkt_patterns_treat_information_separators_as_nltk_does():
    """Our copies of Punkt's patterns run on `re`, whose `\\s` also matches U+001C..U+001F; NLTK's `regex` does not."""
    ours = _sentence_splitter()
    pieces = ["Mr.", "No.", "end.", "Next", "next", "?", '"', ")", "--", " ", "\n", "\x1c", "\x1d", "\x1e", "\x1f", "\t"]
    for a in pieces:
        for b in pieces:
            for c in pieces:
                text = f"It was{a}{b}{c}The end. Done"
                plain = nltk_punkt(text)
                assert list(ours.span_tokenize(text)) == list(plain.span_tokenize(text)), repr(text)
                assert ours._lang_vars.word_tokenize(text) == plain._lang_vars.word_tokenize(text), repr(text)


PIECE_PAIRS = [a + b for a in PIECES for b in PIECES] + [a + " " + b for a in PIECES for b in PIECES]


def test_plain_word_shortcut_matches_the_token_rules():
    rules = re.compile(segment_module._TOKEN_RULES, re.VERBOSE)
    token = re.compile(segment_module._TOKEN, re.VERBOSE)
    for text in PIECE_PAIRS:
        assert [m.span() for m in token.finditer(text)] == [m.span() for m in rules.finditer(text)], text
        end = len(text) - 1
        assert [m.span() for m in token.finditer(text, 1, end)] == [m.span() for m in rules.finditer(text, 1, end)], text


@FUZZ
@given(fragments, st.integers(0, 40), st.integers(0, 40))
def test_plain_word_shortcut_matches_the_token_rules_on_any_text(text, start, length):
    rules = re.compile(segment_module._TOKEN_RULES, re.VERBOSE)
    token = re.compile(segment_module._TOKEN, re.VERBOSE)
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert [m.span() for m in token.finditer(text, start, end)] == [m.span() for m in rules.finditer(text, start, end)]


def reference_word_spans(folded_text, start, end):
    """word_spans as first written: one pass, an abbreviation taking the period after it."""
    spans = []
    abbreviations = data_lists.words("abbreviations")
    for match in re.compile(segment_module._TOKEN_RULES, re.VERBOSE).finditer(folded_text, start, end):
        s, e = match.span()
        if e + 1 < end and folded_text[e] == ".":  # an abbreviation keeps its period, except at the very end
            word = folded_text[s:e]
            if word.isalpha() and (word.lower() in abbreviations or (len(word) == 1 and word.isupper())):
                e += 1
        if spans and spans[-1][1] > s:
            continue
        spans.append((s, e))
    return spans


def test_word_spans_equal_the_one_pass_reference():
    for text in PIECE_PAIRS:
        assert word_spans(text, 0, len(text)) == reference_word_spans(text, 0, len(text)), text
        assert word_spans(text, 1, len(text) - 1) == reference_word_spans(text, 1, len(text) - 1), text


@FUZZ
@given(fragments, st.integers(0, 40), st.integers(0, 40))
def test_word_spans_equal_the_one_pass_reference_on_any_text(text, start, length):
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert word_spans(text, start, end) == reference_word_spans(text, start, end)



@FUZZ
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(["\t", "\x1c", "\x0b", "\u2028", "\u3000", "\x85"])), max_size=30).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_word_columns_are_the_reference_spans_and_their_words(text, start, length):
    """`_words` takes offsets from the lengths of (space, token) pairs: every kind of white space must count."""
    start = min(start, len(text))
    end = min(start + length, len(text))
    starts, ends, words = segment_module._words(text, start, end)
    spans = reference_word_spans(text, start, end)
    assert list(zip(starts, ends)) == spans
    assert words == texts_of(text, spans)

@FUZZ
@given(st.text(alphabet="ab ’‘“”„«»′\u00a0–—'\"-", max_size=30))
def test_fold_replaces_each_mark_by_its_plain_character(text):
    table = str.maketrans(segment_module._SAME_LENGTH_FOLD)
    assert fold(text) == text.translate(table)


def test_tagger_rules_equal_textblobs_parser_on_any_lexicon():
    """Odd lexicon entries (tags with `/`, `&slash;`, `|`) come out as TextBlob's `word/TAG` round trip gives them."""
    from textblob.en import Parser

    from newsanalyzer.fast_tagger import WordTagger

    entries = {"x": "NN/X", "y": "A&slash;B/C", "z": "VBD|RB", "the": "DT", "w/v": "JJ", "a&slash;b": "NN"}
    parser = Parser(lexicon=entries, default=("NN", "NNP", "CD"), language="en")  # a fresh parser: TextBlob's own is untouched
    reference = _tagger()

    def unknown_tag(word):  # the tagger's rules for words the lexicon does not know
        return reference._unknown_tag(word)

    ours = WordTagger(entries, unknown_tag, None)
    for words in (["x", "y", "z"], ["The", "x", "w/v", "a&slash;b", "Q", "12", "walking"], ["y", "The"]):
        parsed = parser.parse(" ".join(words), tokenize=False, tags=True, chunks=False).split()
        assert ours(words) == [token[1] for sentence in parsed for token in sentence]


def test_tokens_built_through_their_slots_equal_tokens_built_by_the_dataclass():
    import dataclasses

    import pytest

    from newsanalyzer import model
    from newsanalyzer.model import Token

    assert model._TOKEN_BUILDER.setters is not None  # Token is still four plain slots, built through them
    text = "Mr. Smith’s plan — “fine”, he said."
    tokens = segment(text)[2]
    assert tokens == tuple(Token(t.start, t.end, text[t.start : t.end], t.tag) for t in tokens)
    assert [repr(t) for t in tokens] == [repr(Token(t.start, t.end, t.text, t.tag)) for t in tokens]
    assert hash(tokens[0]) == hash(Token(tokens[0].start, tokens[0].end, tokens[0].text, tokens[0].tag))
    with pytest.raises(dataclasses.FrozenInstanceError):
        tokens[0].tag = "NN"


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0"])
def test_long_runs_of_white_space_cost_linear_time(space):
    """Sentences are cut into 5,000-character pieces at spaces; a piece ending in a
    long run of white space once took 74 s per 100 KB to tokenize."""
    import time

    text = ("x" + space * 4999) * 20
    started = time.perf_counter()
    _, _, tokens = segment(text)
    assert time.perf_counter() - started < 5.0
    assert [t.text for t in tokens] == ["x"] * 20


# --- segment's one pass over the whole text gives what a pass per sentence gives --------------

def reference_segment(text):
    """`segment` as first written: words, tags and texts sentence by sentence."""
    folded = fold(text)
    paras = paragraphs(text)
    sentences, starts, ends, texts, tags = [], [], [], [], []
    for p_index, paragraph in enumerate(paras):
        for s_start, s_end in segment_module.sentence_spans(text, paragraph):
            first = len(starts)
            word_starts, word_ends, words = segment_module._words(folded, s_start, s_end)
            tags += _tagger()(words)
            texts += texts_of(text, zip(word_starts, word_ends))
            starts += word_starts
            ends += word_ends
            sentences.append((s_start, s_end, p_index, first, len(starts)))
    return [(p.start, p.end) for p in paras], sentences, list(zip(starts, ends, texts, tags))


def segment_as_columns(text):
    paras, sentences, tokens = segment(text)
    return (
        [(p.start, p.end) for p in paras],
        [(s.start, s.end, s.paragraph, s.first_token, s.end_token) for s in sentences],
        [(t.start, t.end, t.text, t.tag) for t in tokens],
    )


SPACES = [" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\x1c", "\u2028", "\u3000"]
MARKS = ["’", "‘", "“", "”", "—", "–", "«", "»", "…", "é", "²"]
any_text = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SPACES), st.sampled_from(MARKS),
                              st.text(alphabet="aZ.'&-_ 9\n", max_size=4)), max_size=40).map("".join)


def test_segment_equals_the_sentence_by_sentence_reference():
    texts = SEGMENT_TEXTS + PUNKT_PARAGRAPHS + PIECE_PAIRS + [
        "He said.\"No.\" (Really.)Then he left.\n\nMr. Smith (D-N.C.), the head.",  # breaks outside white space
        "Go!!!,\" she said.@MaryJBlige sits. The end.; \nNext.",
        "Mr. " * 300 + "Smith.",  # many abbreviations
        "x" * 6000 + " " + "y" * 6000,  # sentences cut into pieces, once inside a word
    ]
    for text in texts:
        assert segment_as_columns(text) == reference_segment(text), text


@FUZZ
@given(any_text)
def test_segment_equals_the_sentence_by_sentence_reference_on_any_text(text):
    assert segment_as_columns(text) == reference_segment(text)


def test_the_whole_text_pass_is_taken_when_sentences_end_at_white_space():
    text = SEGMENT_TEXTS[0]
    spans = [(s.start, s.end, s.paragraph) for s in segment(text)[1]]
    assert segment_module._text_words(fold(text), spans) == segment_module._sentence_words(fold(text), spans)
    glued = 'He left."No," she said.'  # Punkt breaks before the quote
    spans = [(s.start, s.end, s.paragraph) for s in segment(glued)[1]]
    assert len(spans) == 2 and segment_module._text_words(glued, spans) is None


@FUZZ
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40) | st.lists(st.sampled_from(PIECES[:50] + ["\x0b", "\x0c", "\x1f", "\t"]), max_size=30).map("".join))
def test_ascii_token_rules_equal_the_unicode_ones_on_ascii_text(text):
    text = fold(text)
    if text.isascii():
        ascii_rules, rules = segment_module._ASCII_CHUNK, segment_module._CHUNK
        assert ascii_rules is not rules
        for start in range(min(len(text), 3) + 1):  # (the rules look behind the start)
            assert ascii_rules.findall(text, start) == rules.findall(text, start)


def test_ascii_token_rules_on_every_pair_of_ascii_characters():
    ascii_rules, rules = segment_module._ASCII_CHUNK, segment_module._CHUNK
    characters = [chr(c) for c in range(128)]
    for a in characters:
        text = "".join(a + b + "x" + b + a + "'s" for b in characters)
        assert ascii_rules.findall(text) == rules.findall(text)


def test_patterns_with_classes_it_cannot_spell_out_stay_as_they_are():
    for source in [r"\W+", r"[\S]", r"\D"]:
        pattern = re.compile(source)
        assert segment_module._for_ascii_text(pattern) is pattern
    assert segment_module._for_ascii_text(re.compile(r"[^\W\d_]\s\w[\d.]")).pattern == r"[A-Za-z][\t-\r\x1c-\x1f ][0-9A-Za-z_][0-9.]"


@FUZZ
@given(st.text(alphabet="ab \t\u00a0\u2028\x1c", max_size=6).flatmap(
    lambda piece: st.lists(st.sampled_from([piece, "\n", "x\n", " \n", "\n\n"]), max_size=12).map("".join)))
def test_lines_split_at_line_feeds_equal_the_lines_the_pattern_finds(text):
    assert segment_module._non_blank_lines(text) == segment_module._non_blank_lines_any_break(text)


@FUZZ
@given(st.lists(st.lists(st.sampled_from(["The", "the", "said", "Running", "flimbling", "Zorbs", "1,000", "U.S.", ".", "''", "Mr.", "x/y", "I"]), max_size=6), max_size=6))
def test_tagging_sentences_at_once_equals_tagging_each(sentences):
    tagger = _tagger()
    words = [w for sentence in sentences for w in sentence]
    firsts = [0]
    for sentence in sentences:
        firsts.append(firsts[-1] + len(sentence))
    assert tagger.tag_sentences(words, firsts) == [tag for sentence in sentences for tag in tagger(sentence)]
    odd = [["two words", "x"], ["a\nb"]] + sentences  # what TextBlob's parser splits: tagged sentence by sentence
    words = [w for sentence in odd for w in sentence]
    firsts = [0]
    for sentence in odd:
        firsts.append(firsts[-1] + len(sentence))
    assert tagger.tag_sentences(words, firsts) == [tag for sentence in odd for tag in tagger(sentence)]


def test_a_full_memo_is_emptied_before_new_words_come_in(monkeypatch):
    from newsanalyzer import fast_tagger

    words = TAG_SENTENCES[1].split() + TAG_SENTENCES[2].split()
    firsts = [0, len(TAG_SENTENCES[1].split()), len(words)]
    expected = _tagger().tag_sentences(words, firsts)
    monkeypatch.setattr(fast_tagger, "_MAX_MEMO", 8)
    tagger = fast_tagger.WordTagger.from_textblob()
    for _ in range(3):
        assert tagger.tag_sentences(words, firsts) == expected
        assert len(tagger._tags) <= len(set(words))


punkt_text = st.lists(st.sampled_from(["Mr.", "U.S.", "J.", "No.", "5.", "end.", "end!", "end?", "...", ".", '"', "'", ")", "(", "]", "}", "--",
                                       "The", "the", "said", " ", " ", "  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\u00a0", "“", "’"]),
                      max_size=30).map("".join)


@FUZZ
@given(punkt_text)
def test_news_punkt_pieces_equal_nltks_on_any_text(text):
    """Our candidate contexts (white space found by `rfind`), slices and realignment (lists) are NLTK's."""
    plain, ours = nltk_punkt(text), _sentence_splitter()
    assert [(m.span(), c) for m, c in ours._match_potential_end_contexts(text)] == [(m.span(), c) for m, c in plain._match_potential_end_contexts(text)]
    assert list(ours.span_tokenize(text)) == list(plain.span_tokenize(text))
    for _, context in plain._match_potential_end_contexts(text):
        assert ours.text_contains_sentbreak(context) == ours._contains_sentbreak(context) == plain.text_contains_sentbreak(context)


def _as_plain_regex(pattern):
    """NLTK's `regex` pattern compiled by `re`, its white space as `regex` defines it, as
    `segment._plain_regex` compiles ours (or the pattern as NLTK gives it, should a later
    NLTK write one we cannot rewrite)."""
    if segment_module._CLASS_WITH_SPACE.search(pattern.pattern):
        return pattern
    return segment_module._plain_regex(pattern.pattern, pattern.flags)


def test_news_punkt_compiles_nltks_own_pattern_sources():
    """Our language variables format Punkt's patterns from NLTK's parts and compile them with `re` only:
    the same sources as NLTK's compiled ones, rewritten alike."""
    from nltk.tokenize.punkt import PunktLanguageVars

    nltk_vars, ours = PunktLanguageVars(), _sentence_splitter()._lang_vars
    for nltk_pattern, our_pattern in [
        (nltk_vars._word_tokenizer_re(), ours._re_word_tokenizer),
        (nltk_vars.period_context_re(), ours.period_context_re()),
        (nltk_vars.re_boundary_realignment, ours.re_boundary_realignment),
    ]:
        rewritten = _as_plain_regex(nltk_pattern)
        assert isinstance(our_pattern, re.Pattern)
        assert (our_pattern.pattern, our_pattern.flags) == (rewritten.pattern, rewritten.flags)


def test_news_punkt_copies_nltks_parts():
    """`PunktPatterns` and `NewsPunkt` hold copies of what NLTK's Punkt module defines."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer, PunktToken

    nltk_vars, ours = PunktLanguageVars(), segment_module.PunktPatterns()
    for name in ["sent_end_chars", "_re_sent_end_chars", "_re_non_word_chars", "_re_multi_char_punct", "_re_word_start", "_word_tokenize_fmt", "_period_context_fmt"]:
        assert getattr(ours, name) == getattr(nltk_vars, name), name
    assert ours._boundary_realignment == PunktLanguageVars.re_boundary_realignment.pattern
    assert segment_module.NewsPunkt.PUNCTUATION == PunktSentenceTokenizer.PUNCTUATION
    splitter = _sentence_splitter()
    for nltk_pattern, our_pattern in [(PunktToken._RE_INITIAL, splitter._initial), (PunktToken._RE_NUMERIC, splitter._numeric)]:
        rewritten = _as_plain_regex(nltk_pattern)
        assert isinstance(our_pattern, re.Pattern)
        assert (our_pattern.pattern, our_pattern.flags) == (rewritten.pattern, rewritten.flags)


def test_segmenting_imports_no_nltk_module():
    """NLTK's Punkt module imports NLTK's network and file safety layers and the `regex` engine: a quarter of the
    start-up. (The tagger imports TextBlob's modules, which, as the command line loads them, import no NLTK module.)"""
    code = "import sys; from newsanalyzer import _light_imports; _light_imports.install(); from newsanalyzer.segment import segment; segment('Mr. Smith left. He said: “fine.”\\n\\tNext? Yes!'); print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'regex')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "['nltk', 'nltk.tokenize']"  # the bare packages


def test_the_white_space_punkt_checks_is_nltks():
    import string

    assert segment_module._PUNKT_WHITESPACE == string.whitespace


words_with_periods = st.lists(st.sampled_from(["J", "j", "5", "-", ",", ".", "5.5", "é", "Ⅻ", "٣", "_", "x", "No", "1,000", "-2"]), min_size=1, max_size=4).map("".join)


@FUZZ
@given(words_with_periods)
def test_punkts_token_classes_on_re_equal_nltks(word):
    from nltk.tokenize.punkt import PunktToken

    splitter = _sentence_splitter()
    for text in (word, word + ".", word.lower() + "."):
        assert (splitter._initial.match(text) is None) == (PunktToken._RE_INITIAL.match(text) is None)
        assert splitter._numeric.sub("##number##", text) == PunktToken._RE_NUMERIC.sub("##number##", text)


@FUZZ
@given(punkt_text)
def test_candidates_found_at_periods_equal_the_pattern_searched_for(text):
    splitter = _sentence_splitter()
    searched = splitter._lang_vars.period_context_re().finditer(text)
    assert [(m.span(), m.groupdict()) for m in splitter._end_matches(text)] == [(m.span(), m.groupdict()) for m in searched]
    without_other_marks = text.replace("?", ".").replace("!", ",")  # the period-only path
    searched = splitter._lang_vars.period_context_re().finditer(without_other_marks)
    assert [(m.span(), m.groupdict()) for m in splitter._end_matches(without_other_marks)] == [(m.span(), m.groupdict()) for m in searched]


def test_paragraphs_built_through_their_slots_equal_paragraphs_built_by_the_dataclass():
    from newsanalyzer.model import Paragraph

    assert segment_module._PARAGRAPHS.setters is not None  # Paragraph is still two plain slots, built through them
    for text in ["Title\n\nFirst para.\r\nSecond para.\n\n\n  Third.  \n", "One", "a\nb", "", " \n "]:
        paragraphs_of_text = paragraphs(text)
        rebuilt = [Paragraph(p.start, p.end) for p in paragraphs_of_text]
        assert paragraphs_of_text == rebuilt and [repr(p) for p in paragraphs_of_text] == [repr(p) for p in rebuilt]
        assert list(map(hash, paragraphs_of_text)) == list(map(hash, rebuilt))


def test_sentences_built_through_their_slots_equal_sentences_built_by_the_dataclass():
    from newsanalyzer.model import Sentence

    assert segment_module._SENTENCES.setters is not None  # Sentence is still five plain slots, built through them
    text = "Mr. Smith left. He said: “fine.”\n\nA new paragraph! And more?"
    sentences = segment(text)[1]
    rebuilt = tuple(Sentence(s.start, s.end, s.paragraph, s.first_token, s.end_token) for s in sentences)
    assert sentences == rebuilt and [repr(s) for s in sentences] == [repr(s) for s in rebuilt]
    assert list(map(hash, sentences)) == list(map(hash, rebuilt))
    assert segment_module._sentences([], [0]) == []


@FUZZ
@given(st.lists(st.sampled_from(["The", "the", "said", "Running", "flimbling", "Zorbs", "1,000", "U.S.", ".", "''", "x/y", "I", "", " a", "zzzz", "aardvark", "\U0010ffff"]), max_size=12))
def test_new_words_tagged_in_one_go_equal_each_tagged_alone(words):
    from newsanalyzer import fast_tagger

    shared = _tagger()
    lexicon = shared.lexicon
    tagger = fast_tagger.WordTagger(lexicon, shared._unknown_tag, shared._textblob_tag)  # its memo empty: every word new
    assert tagger._word_tags(words) == [tagger._tag(word) for word in words]
    assert lexicon.search_each(words) == [lexicon.search(word) for word in words]
    assert lexicon.search_each(words) == [lexicon._as_dict().get(word) if " " not in word else None for word in words]


@FUZZ
@given(st.lists(st.sampled_from(["The", "the", "THE", "He", "he", "Running", "running", "Flimbling", "flimbling", "Zorbs", "1,000", "U.S.", ".", "''",
                                 "I", "A", "a", "Aardvark", "Said", "said", "New", "York", "Brown", "\U0010ffff"]), max_size=12),
       st.lists(st.integers(0, 12), max_size=4))
def test_first_words_tagged_after_the_others_equal_textblobs_rule(words, cuts):
    """A sentence's first word takes its own lexicon tag, else its lower-case form's, else the unknown word's tag;
    `_first_tag` reads the first from what `_word_tags` learnt of the word."""
    from newsanalyzer import fast_tagger

    shared = _tagger()
    lexicon = shared.lexicon
    tagger = fast_tagger.WordTagger(lexicon, shared._unknown_tag, shared._textblob_tag)  # memos empty
    firsts = sorted({0, len(words), *(min(cut, len(words)) for cut in cuts)})

    def first_tag(word):  # `find_tags`: lexicon.get(token, i == 0 and lexicon.get(token.lower()) or None)
        tag = lexicon.get(word, lexicon.get(word.lower()) or None)
        return shared._unknown_tag(word) if tag is None else fast_tagger._printed_tag(tag)

    expected = [tagger._tag(word) for word in words]
    for first, end in zip(firsts, firsts[1:]):
        if first < end:
            expected[first] = first_tag(words[first])
    assert tagger.tag_sentences(words, firsts) == expected
    assert tagger.tag_sentences(words, firsts) == expected  # the memos filled


letter_words = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"]), min_size=1, max_size=6)


@FUZZ
@given(letter_words, letter_words)
def test_a_word_of_letters_a_period_and_a_word_of_letters_are_two_punkt_words(word, following):
    """The shortcut in `_contains_sentbreak`: Punkt's own word pattern gives the two words."""
    from nltk.tokenize.punkt import PunktLanguageVars

    splitter = _sentence_splitter()
    assert word.isalpha() and following.isalpha()
    context = f"{word}. {following}"
    assert PunktLanguageVars().word_tokenize(context) == splitter._lang_vars.word_tokenize(context) == [word + ".", following]
    assert splitter._contains_sentbreak(context) == splitter._breaks_after(word + ".", following)


def test_punkts_non_word_marks_are_the_characters_of_its_non_word_class():
    splitter = _sentence_splitter()
    non_word = re.compile(splitter._lang_vars._re_non_word_chars)
    assert splitter._non_word_marks == {chr(c) for c in range(0x10000) if non_word.fullmatch(chr(c))}


context_words = letter_words | st.sampled_from(["Mr", "Gen", "U", "a", "A", "J", "i", "e", "Sept", "vs", "etc", "No", "ex-Gov", "Inc"])
following_words = st.text(alphabet="aZ9.,;:?!'\"()[]{}*@&#-_`\u2019\u201c\u201d\u00e9\x1c", min_size=1, max_size=6)


@FUZZ
@given(context_words, following_words, st.sampled_from([" ", "  ", "\n", " \n "]))
def test_contexts_of_a_word_of_letters_and_a_period_decide_as_punkts_words_do(word, following, space):
    """The shortcuts in `_contains_sentbreak` (`said. "Yes,`, `said."`) against Punkt's words of the context, and NLTK's."""
    splitter = _sentence_splitter()
    for context in (f"{word}. {following}".replace(" ", space, 1), f"{word}.{following[0]}"):
        plain = nltk_punkt(context)
        assert splitter._contains_sentbreak(context) == splitter._tokenized_sentbreak(context) == plain.text_contains_sentbreak(context), context


def only_white_space_around_sentences(folded, spans):
    """`_text_words`' condition as first written, a sentence at a time."""
    previous_end = 0
    for s_start, s_end, _ in spans:
        if s_end < len(folded) and not folded[s_end].isspace():
            return False
        if previous_end < s_start and not folded[previous_end:s_start].isspace():
            return False
        previous_end = s_end
    return not folded[previous_end:].strip()


@FUZZ
@given(any_text | punkt_text)
def test_the_whole_text_pass_is_taken_exactly_when_only_white_space_lies_around_sentences(text):
    folded = fold(text)
    spans = [(s.start, s.end, s.paragraph) for s in segment(text)[1]]
    columns = segment_module._text_words(folded, spans)
    assert (columns is not None) == only_white_space_around_sentences(folded, spans)
    if columns is not None:
        assert columns == segment_module._sentence_words(folded, spans)
    glued = [(0, 3, 0), (3, 6, 0)]  # sentences with nothing between them
    assert segment_module._text_words("ab.cd.", glued) is None and not only_white_space_around_sentences("ab.cd.", glued)


@FUZZ
@given(context_words | st.text(alphabet="aZé9._-'’", min_size=1, max_size=5))
def test_break_kinds_of_letters_and_a_period_are_punkts(word):
    """`_break_kind`'s shortcut for a word of letters and a period against Punkt's own steps."""
    splitter = _sentence_splitter()
    for candidate in (word, word + ".", word + ".."):
        assert splitter._break_kind(candidate) == splitter._punkt_break_kind(candidate), candidate


def test_break_kinds_of_the_abbreviations_are_punkts():
    splitter = _sentence_splitter()
    for abbreviation in data_lists.words("abbreviations"):
        for candidate in (abbreviation + ".", abbreviation.title() + ".", abbreviation.upper() + "."):
            assert splitter._break_kind(candidate) == splitter._punkt_break_kind(candidate), candidate
