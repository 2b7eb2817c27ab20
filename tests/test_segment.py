from newsanalyzer.segment import fold, paragraphs, segment, word_spans


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


def test_fast_lexicon_load_equals_textblobs_own():
    from textblob._text import Lexicon
    from textblob.en import lexicon

    from newsanalyzer.segment import _tagger

    _tagger()
    reference = Lexicon(path=lexicon.path)
    reference.load()
    assert dict(dict.items(lexicon)) == dict(dict.items(reference))
