"""Paragraphs, sentences and part-of-speech tagged tokens, with offsets.

Offline by construction: sentences are those of NLTK's `PunktSentenceTokenizer`
on parameters we ship (`data/abbreviations.txt`) instead of the downloadable
punkt model, found by our copy of it for those parameters (`NewsPunkt`, which
needs no NLTK module at run time), words follow the Treebank conventions of
`NLTKWordTokenizer` (in one pass, `word_spans`), and tags are those of TextBlob's `PatternTagger`, from the
lexicon that ships inside the textblob package (fast_tagger.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate, pairwise
from operator import sub

from newsanalyzer import lexicon
from newsanalyzer.frozen import ColumnBuilder
from newsanalyzer.model import Paragraph, Sentence, Tokens

# Characters that look different but tokenize and tag alike. Each is replaced
# by exactly one character, so offsets into the copy are offsets into the text.
_SAME_LENGTH_FOLD = {
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

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A word tokenizer's pathological cases stay cheap: very long sentences are
# split into chunks of this many characters at a space.
_MAX_SENTENCE_CHARS = 5000


def fold(text: str) -> str:
    """A same-length copy of `text` with typographic marks made plain."""
    # str.translate looks every character up in a dict (0.2 ms for an article
    # with one curly quote); a replace per mark scans in C.
    if text.isascii():  # (known without a scan) no mark to fold
        return text
    for mark, plain in _SAME_LENGTH_FOLD.items():
        text = text.replace(mark, plain)
    return text


@cache
def _sentence_splitter() -> NewsPunkt:
    return NewsPunkt(lexicon.words("abbreviations"), lexicon.words("sentence_starters"))


class PunktPatterns:
    """NLTK's English `PunktLanguageVars`, its patterns compiled by the standard library's `re`.

    The parts are copies of those NLTK formats its patterns from (nltk/tokenize/punkt.py;
    tests/test_segment.py checks each against the installed NLTK's), so that no process
    imports NLTK's Punkt module: it imports NLTK's file and network safety layers and the
    third-party `regex` engine (http.client, email, urllib, subprocess, zipfile ...), some
    175 M instructions, a quarter of the command's start-up (with a warm disk cache).

    NLTK runs every pattern through `regex` under a timeout (nltk.redos), against
    caller-supplied patterns; these are its own fixed ones, linear in the text, and `re`
    runs them in half the time. The one difference between the engines they meet is
    `\\s`, which in `re` also matches the information separators U+001C..U+001F:
    `_plain_regex` excludes them.
    """

    sent_end_chars = (".", "?", "!")
    _re_sent_end_chars = "[%s]" % re.escape("".join(sent_end_chars))
    _re_non_word_chars = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb%s])" % re.escape("".join(set(sent_end_chars) - {"."}))
    _re_multi_char_punct = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
    _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
    _word_tokenize_fmt = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
    _period_context_fmt = r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
    _boundary_realignment = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'

    def __init__(self):
        non_word = self._re_non_word_chars
        word_tokenizer = self._word_tokenize_fmt % {"NonWord": non_word, "MultiChar": self._re_multi_char_punct, "WordStart": self._re_word_start}
        period_context = self._period_context_fmt % {"NonWord": non_word, "SentEndChars": self._re_sent_end_chars}
        self._re_word_tokenizer = _plain_regex(word_tokenizer, re.UNICODE | re.VERBOSE)
        self._re_period_context = _plain_regex(period_context, re.UNICODE | re.VERBOSE)
        self.re_boundary_realignment = _plain_regex(self._boundary_realignment, re.UNICODE | re.MULTILINE)

    def word_tokenize(self, text: str) -> list[str]:
        """Punkt's words: punctuation but the period split off."""
        return self._re_word_tokenizer.findall(text)

    def period_context_re(self) -> re.Pattern:
        """A candidate sentence end, and what follows it."""
        return self._re_period_context


# Initials, the stem of `H.W.` or `u.s.`: single letters joined by periods (abbreviations, see NewsPunkt)
_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")
# PunktToken's `is_ellipsis`
_ELLIPSIS = re.compile(r"\.\.+$")
# PunktToken's classes of words, and PunktSentenceTokenizer's PUNCTUATION
_PUNKT_INITIAL = r"[^\W\d]\.$"
_PUNKT_NUMERIC = r"^-?[\.,]?\d[\d,\.-]*\.?$"
_PUNKT_PUNCTUATION = tuple(";:,.!?")


class NewsPunkt:
    """NLTK's `PunktSentenceTokenizer` on our parameters, deciding each candidate break without token objects.

    Punkt asks `text_contains_sentbreak` about the few words around every
    `.`, `?` or `!` (25 us a question, most of Punkt's time). With our
    parameters (abbreviations and frequent sentence starters: no
    collocations, no orthographic statistics) its two annotation passes
    come down to a rule per word (`_break_kind`, remembered) and a look at
    the next word; the words come from Punkt's own word pattern and are
    classified by its own regular expressions. The rest is NLTK's code for
    `span_tokenize`, with lists for generators (tests/test_segment.py
    compares the two on varied texts).

    Initials (`H.W.`, `G.K.`, `U.S.`: single letters and periods) are
    abbreviations too, as Punkt would learn each from a large enough corpus.
    """

    PUNCTUATION = _PUNKT_PUNCTUATION

    def __init__(self, abbreviations: frozenset[str], sentence_starters: frozenset[str] = frozenset()):
        self._abbreviations = abbreviations
        self._sentence_starters = sentence_starters
        self._lang_vars = PunktPatterns()
        self._sentence_end = re.compile(self._lang_vars._re_sent_end_chars)
        # The marks but the period: most paragraphs hold none of them (checked by `in`, a
        # memchr, where a regular expression tests each character against the mark class).
        self._other_end_marks = tuple(mark for mark in self._lang_vars.sent_end_chars if mark != ".")
        self._period_only = "." in self._lang_vars.sent_end_chars
        # The characters of Punkt's non-word class (`_re_non_word_chars`), at which its words end.
        self._marks_in_following = (*self._lang_vars.sent_end_chars, "\n")  # (see `_contains_sentbreak`)
        self._non_word_marks = frozenset(")\";}]*:@'({[\u2018\u2019\u201c\u201d\xab\xbb").union(self._other_end_marks)
        self._initial = _plain_regex(_PUNKT_INITIAL, re.UNICODE)
        self._numeric = _plain_regex(_PUNKT_NUMERIC, re.UNICODE)
        self._break_kinds: dict[str, str] = {}  # memo of `_break_kind`
        self._sentbreaks: dict[str, bool] = {}  # memo of `text_contains_sentbreak`

    def _periods_only(self, text: str) -> bool:
        """Whether the period is the only sentence-end mark that can be in `text`."""
        if not self._period_only:
            return False
        for mark in self._other_end_marks:
            if mark in text:
                return False
        return True

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each sentence in `text`: NLTK's `span_tokenize(text)`."""
        # Punkt's candidates are sentence-end marks with a word or punctuation
        # mark after them: none when the only mark ends the text.
        end = len(text.rstrip())
        if self._periods_only(text):
            first_mark = text.find(".")
        else:
            found = self._sentence_end.search(text)
            first_mark = -1 if found is None else found.start()
        if first_mark < 0 or first_mark == end - 1:
            return [(0, end)] if end else []
        return [(s.start, s.stop) for s in self._realign_boundaries(text, self._slices_from_text(text))]

    # NLTK's `_slices_from_text` and `_realign_boundaries`, as lists instead of generators
    # (and the realignment pattern matched in place, not on a copy of the next sentence).

    def _end_matches(self, text: str) -> list:
        """What `period_context_re().finditer(text)` yields: its pattern matched at each
        period in turn when only periods can end a sentence, not searched for character by character."""
        period_context = self._lang_vars.period_context_re()
        if not self._periods_only(text):
            return list(period_context.finditer(text))
        matches = []
        match_at = period_context.match
        period = text.find(".")
        while period >= 0:
            match = match_at(text, period)
            if match is not None:
                matches.append(match)
            period = text.find(".", period + 1)
        return matches

    def _match_potential_end_contexts(self, text: str) -> list:
        # NLTK's own, but the last white space (of NLTK's `string.whitespace`) before a
        # candidate is found by an `rfind` of each kind the text holds (mostly " " alone),
        # not by a loop over characters.
        if text.isprintable():  # (known in one pass) no white space but " "
            whites = [" "]
        else:
            whites = [white for white in _PUNKT_WHITESPACE if white in text]  # each an `in`, a memchr
        contexts = []
        previous_match = None
        previous_start = previous_stop = 0  # the word before the previous candidate
        for match in self._end_matches(text):
            start = match.start()
            if len(whites) == 1:
                last_space = text.rfind(whites[0], previous_stop, start)
            else:
                last_space = max([text.rfind(white, previous_stop, start) for white in whites], default=-1)
            word_start = last_space + 1 if last_space > previous_stop else previous_start
            if previous_match is not None and previous_stop <= word_start:
                contexts.append((previous_match, text[previous_start:previous_stop] + previous_match.group() + previous_match.group("after_tok")))
            previous_match = match
            previous_start, previous_stop = word_start, start
        if previous_match is not None:
            contexts.append((previous_match, text[previous_start:previous_stop] + previous_match.group() + previous_match.group("after_tok")))
        return contexts

    def _slices_from_text(self, text: str) -> list[slice]:
        slices = []
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if self.text_contains_sentbreak(context):
                slices.append(slice(last_break, match.end()))
                # the next sentence starts after white space, or at the punctuation that follows
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        slices.append(slice(last_break, len(text.rstrip())))
        return slices

    def _realign_boundaries(self, text: str, slices: list[slice]) -> list[slice]:
        realigned = []
        realign = 0
        realignment = self._lang_vars.re_boundary_realignment
        for sentence1, sentence2 in pairwise(slices):
            start = sentence1.start + realign
            match = realignment.match(text, sentence2.start, sentence2.stop)
            if match:
                realigned.append(slice(start, sentence2.start + len(match.group(0).rstrip())))
                realign = match.end() - sentence2.start
            else:
                realign = 0
                if start < sentence1.stop:
                    realigned.append(slice(start, sentence1.stop))
        last = slices[-1]
        if last.start + realign < last.stop:
            realigned.append(slice(last.start + realign, last.stop))
        return realigned

    def text_contains_sentbreak(self, text: str) -> bool:
        # A context is a candidate's word and the next ("said. The"): a sixth of them, or a third in
        # short texts, come again.
        decided = self._sentbreaks.get(text)
        if decided is None:
            if len(self._sentbreaks) >= 50_000:
                self._sentbreaks.clear()
            decided = self._sentbreaks[text] = self._contains_sentbreak(text)
        return decided

    def _contains_sentbreak(self, text: str) -> bool:
        # Most contexts are a word of letters, a period, a space and a word of letters
        # ("said. The"): Punkt's word pattern makes them the two words "said." and "The"
        # (a letter is no white space, no punctuation it splits at), as tested.
        word, space, following = text.partition(" ")
        if space and word[-1:] == "." and word[:-1].isalpha():
            if following.isalpha():
                return self._breaks_after(word, following)
            # ("said. \"Yes,"): on one line, the words are "said." and those of what follows (one
            # at least), none of which can break without a sentence-end mark; after a word that
            # always or never breaks, the next word does not matter.
            for mark in self._marks_in_following:
                if mark in following:
                    break
            else:
                kind = self._break_kinds.get(word) or self._break_kind(word)
                if kind == "break" or kind == "no break":
                    return kind == "break"
        elif not space and text[-1:] in self._non_word_marks and text[-2:-1] == "." and text[:-2].isalpha():
            # ("said.\"", "it.)"): the words are "said." and the mark
            return self._breaks_after(text[:-1], text[-1])
        return self._tokenized_sentbreak(text)

    def _tokenized_sentbreak(self, text: str) -> bool:
        """Punkt's `text_contains_sentbreak` from the words of `text`."""
        words = []
        for line in text.split("\n"):  # as `_tokenize_words`
            if line.strip():
                words += self._lang_vars.word_tokenize(line)
        # a break at any word but the last
        return any(self._breaks_after(word, following) for word, following in pairwise(words))

    def _breaks_after(self, word: str, following: str) -> bool:
        kind = self._break_kinds.get(word) or self._break_kind(word)
        if kind == "break":
            return True
        if kind == "no break":
            return False
        if kind == "abbreviation":  # a break only before a capitalised sentence starter (`U.S. The`)
            return following[:1].isupper() and self._type_no_sentperiod(following) in self._sentence_starters
        # An initial or a number: no break before punctuation or a lower-case
        # word (`_ortho_heuristic` False), an initial none before an upper-case
        # word either ("unknown", then the initials rule).
        if following in self.PUNCTUATION or following[0].islower():
            return False
        return not (kind == "initial" and following[0].isupper())

    def _break_kind(self, word: str) -> str:
        """Punkt's decision at `word`: "break", "no break", or "initial"/"number" (a break unless the next word says otherwise)."""
        stem = word[:-1]
        if word[-1:] == "." and stem.isalpha():
            # Most words with a period are letters and the period ("said."): no ellipsis, no
            # number, no initials (those hold a period), an initial only if one letter long.
            if stem.lower() in self._abbreviations:
                kind = "abbreviation" if len(stem) > 1 else "no break"
            else:
                kind = "break" if len(stem) > 1 else "initial"
        else:
            kind = self._punkt_break_kind(word)
        if len(self._break_kinds) >= 50_000:
            self._break_kinds.clear()
        self._break_kinds[word] = kind
        return kind

    def _punkt_break_kind(self, word: str) -> str:
        """`_break_kind` by Punkt's own steps."""
        # _first_pass_annotation (an ellipsis ends in `..`: no break)
        abbreviation = False
        if word in self._lang_vars.sent_end_chars:
            sentbreak = True
        elif _ELLIPSIS.match(word):
            sentbreak, abbreviation = False, True  # as an abbreviation in the second pass
        elif word.endswith(".") and not word.endswith(".."):
            abbreviation = self._is_abbreviation(word[:-1].lower())
            sentbreak = not abbreviation
        else:
            sentbreak = False
        # _second_pass_annotation, for a word ending in a period: without collocations it
        # only takes breaks away, but after an abbreviation that is no initial a sentence starter breaks.
        if abbreviation and not self._initial.match(word):
            kind = "abbreviation"
        elif not sentbreak:
            kind = "no break"
        elif not word.endswith("."):
            kind = "break"
        elif self._initial.match(word):
            kind = "initial"
        else:
            word_type = self._numeric.sub("##number##", word.lower())
            if len(word_type) > 1 and word_type[-1] == ".":
                word_type = word_type[:-1]
            kind = "number" if word_type == "##number##" else "break"
        return kind

    def _is_abbreviation(self, stem: str) -> bool:
        """Punkt's test of a word's lower-cased stem (without its final period), initials included."""
        last = stem.rpartition("-")[2]
        abbreviations = self._abbreviations
        return stem in abbreviations or last in abbreviations or _INITIALS.fullmatch(last) is not None  # (initials hold no hyphen)

    def _type_no_sentperiod(self, word: str) -> str:
        """PunktToken's `type_no_sentperiod`: the lower-cased word, numbers as one type, without a
        final period that ends a sentence in the first pass."""
        word_type = self._numeric.sub("##number##", word.lower())
        if len(word_type) > 1 and word_type.endswith(".") and not word.endswith("..") and not self._is_abbreviation(word[:-1].lower()):
            return word_type[:-1]  # (an ellipsis ends in `..` too)
        return word_type


# NLTK's `string.whitespace`, the characters Punkt takes for white space before a candidate break.
_PUNKT_WHITESPACE = " \t\n\r\x0b\x0c"

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


# `\s` or `\S` inside a character class, where the rewrite below would nest classes.
_CLASS_WITH_SPACE = re.compile(r"(?<!\\)\[(?:\\.|[^\]\\])*\\[sS]")


def _plain_regex(source: str, flags: int):
    """`source` compiled by `re`, its white space as `regex` defines it (or by NLTK's
    `regex` wrapper, for a source we cannot rewrite)."""
    if _CLASS_WITH_SPACE.search(source):
        from nltk import redos

        return redos.compile(source, flags)
    source = source.replace(r"\S", r"[\S\x1c-\x1f]").replace(r"\s", r"[^\S\x1c-\x1f]")
    return re.compile(source, flags & _RE_FLAGS)


@cache
def _word_tokenizer():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    return NLTKWordTokenizer()


@cache
def _tagger():
    from newsanalyzer.textblob_data import tagger

    return tagger()


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines; consecutive lines are joined when the text is hard-wrapped."""
    lines = _non_blank_lines(text)
    if not lines:
        return []
    if not _looks_hard_wrapped(text, lines):
        starts, ends, _ = zip(*lines)
        return _PARAGRAPHS.build((starts, ends), len(lines))
    result: list[Paragraph] = []
    previous_line_end = None
    for start, end, line_start in lines:
        adjacent = previous_line_end is not None and not text[previous_line_end:line_start].strip("\r\n ") and text.count("\n", previous_line_end, line_start) <= 1
        if result and adjacent:
            result[-1] = Paragraph(result[-1].start, end)
        else:
            result.append(Paragraph(start, end))
        previous_line_end = end
    return result


def _non_blank_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line start) of each non-blank line, its content stripped of white space."""
    if "\r" in text:
        return _non_blank_lines_any_break(text)
    lines = []  # the lines `_non_blank_lines_any_break` finds, split in C
    line_start = 0
    for line in text.split("\n"):
        content = line.strip()
        if content:
            start = line_start + len(line) - len(line.lstrip())
            lines.append((start, start + len(content), line_start))
        line_start += len(line) + 1
    return lines


def _non_blank_lines_any_break(text: str) -> list[tuple[int, int, int]]:
    """`_non_blank_lines` for lines that end in `\\r\\n`, `\\r` or `\\n`."""
    lines = []
    for match in _LINE.finditer(text):  # (the last match, empty at the end, is blank)
        line = match.group().rstrip("\r\n")
        content = line.strip()
        if content:
            start = match.start() + len(line) - len(line.lstrip())
            lines.append((start, start + len(content), match.start()))
    return lines


def _looks_hard_wrapped(text: str, lines: list[tuple[int, int, int]]) -> bool:
    """Text wrapped at a fixed width: most lines are long and end mid-sentence."""
    if len(lines) < 4:
        return False
    lengths = sorted(end - start for start, end, _ in lines)
    median = lengths[len(lengths) // 2]
    if not 50 <= median <= 100:  # (news paragraphs are longer: no need to look at their ends)
        return False
    open_ended = sum(1 for start, end, _ in lines if text[end - 1] not in ".!?\"'”’:")
    return open_ended > 0.6 * len(lines)


def sentence_spans(text: str, paragraph: Paragraph) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside one paragraph."""
    return _sentence_spans(fold(text[paragraph.start : paragraph.end]), paragraph.start)


def _sentence_spans(chunk: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans in a folded paragraph, shifted by `offset`."""
    spans = []
    for start, end in _sentence_splitter().span_tokenize(chunk):
        spans.extend(_bounded(chunk, start, end))
    return [(offset + s, offset + e) for s, e in spans]


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
_TOKEN_RULES = r"""
    (?:[^\W\d_]\.){2,}                                  # U.S. U.N. a.m.
  | [^\W\d_]+(?=n't\b)                                  # do|n't, ca|n't
  | n't\b
  | (?<=[^\W\d_])'(?:[sdm]|re|ve|ll|[SDM]|RE|VE|LL)\b   # Kim|'s, we|'re
  | \d+(?:[.,:/]\d+)*(?:[-\w]*\w)?                     # 1,000  3.5  10:30  13th  30-year-old
  | \w+(?:(?:[-&.]|'(?!(?:[sdmt]|re|ve|ll)\b))\w+)*       # words, e-mail, O'Brien
  | \.\.\.|--|''|[^\w\s]                               # ellipsis, dashes, NYT '' quotes, other marks
"""
# Most tokens are plain words: letters followed by nothing that could continue
# them (a digit, `_`, `.`, `'`, `&`, `-`). The rules match such a word whole,
# but only after trying three other branches on it; matching it first gives the
# same tokens in a fifth less time (checked in tests/test_segment.py). So do a
# mark that only the last rule can match (`,` `"` `(` ...) and a period that
# starts no ellipsis, which the rules reach after seven branches.
_TOKEN = r"[^\W\d_]+(?![\w.'&-]) | [^\w\s.'-] | \.(?!\.\.) |" + _TOKEN_RULES  # (verbose)


def word_spans(folded_text: str, start: int, end: int, *, use_nltk: bool = False) -> list[tuple[int, int]]:
    """Token offsets for folded_text[start:end].

    `NLTKWordTokenizer.span_tokenize` gives the same Treebank tokens but costs
    about 14 ms for an 800-word article (some 25 regular-expression passes
    per sentence), more than the rest of the analysis together; this single
    pass costs about 0.7 ms. `use_nltk=True` runs NLTK's for comparison.
    """
    if use_nltk:
        try:
            spans = list(_word_tokenizer().span_tokenize(folded_text[start:end]))
            return [(start + s, start + e) for s, e in spans if e > s]
        except ValueError:  # NLTK cannot align some rewritten tokens back to the text
            pass
    starts, ends, _ = _words(folded_text, start, end)
    return list(zip(starts, ends))


def _words(folded_text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """The tokens of folded_text[start:end] as three columns: starts, ends and words."""
    # White space that no token follows would be matched from each of its
    # positions and given back: quadratic in its length (74 s for 100 KB of
    # long space runs); it holds no token, so the search stops before it.
    stop = end
    while stop > start and folded_text[stop - 1].isspace():
        stop -= 1
    starts, ends, words = _chunk_columns(_CHUNK.findall(folded_text, start, stop), start)
    if folded_text.find(".", start, end - 1) < 0:
        return starts, ends, words
    # An abbreviation keeps its period (`Mr.`, `Sept.`, the initial `J.`), except at
    # the very end, and the period's own token goes. Such a word ends in a letter
    # right before the period, whose token starts there.
    periods = [match.end() - 1 for match in _LETTER_PERIOD.finditer(folded_text, start, end - 1)]
    return _keep_abbreviation_periods(periods, starts, ends, words)


def _chunk_columns(chunks: list[str], start: int) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and words of the tokens of `chunks`, the matches of `_CHUNK` from `start` on.

    Every character is either white space or starts a token, so the matches of
    (white space, token) partition the text: each token ends where the running
    sum of the matches' lengths does, and starts its own length before that,
    once the white space is stripped off (`\\s` is what `str.lstrip` strips).
    All in C, instead of a span() call per match.
    """
    ends = list(accumulate(map(len, chunks), initial=start))
    del ends[0]
    words = list(map(str.lstrip, chunks))
    return list(map(sub, ends, map(len, words))), ends, words


def _keep_abbreviation_periods(periods: list[int], starts: list[int], ends: list[int], words: list[str]) -> tuple[list[int], list[int], list[str]]:
    """The columns with each abbreviation that ends right before one of `periods`
    joined to its period, and the token after it (the period's own) gone."""
    abbreviations = lexicon.words("abbreviations")
    joined = []  # indices of the abbreviations, in order
    for period in periods:
        i = bisect_left(ends, period)
        if i == len(ends) or ends[i] != period:
            continue
        word = words[i]
        if word.isalpha() and (word.lower() in abbreviations or (len(word) == 1 and word.isupper())):
            joined.append(i)
    if not joined:
        return starts, ends, words
    for i in joined:
        ends[i] += 1
        words[i] += "."
    # the columns without each token after a joined one, copied piece by piece (deleting one
    # token at a time would make a text of many abbreviations quadratic)
    gone = [i + 1 for i in joined]
    return _without(starts, gone), _without(ends, gone), _without(words, gone)


def _without(column: list, gone: list[int]) -> list:
    """`column` without the items at the increasing indices `gone`."""
    kept = column[: gone[0]]
    for i, j in pairwise(gone):
        kept += column[i + 1 : j]
    kept += column[gone[-1] + 1 :]
    return kept


# A token and the white space before it, as one string (findall gives a string a match, no tuple).
_CHUNK = re.compile(r"\s*(?:" + _TOKEN + ")", re.VERBOSE)
_LETTER_PERIOD = re.compile(r"[^\W\d_]\.")

# What `\w`, `\d` and `\s` match among ASCII characters (`\s` takes U+001C..U+001F too).
_ASCII_CLASS_ESCAPES = {"w": "0-9A-Za-z_", "d": "0-9", "s": "\\t-\\r\\x1c-\\x1f "}
_CHARACTER_CLASS = re.compile(r"\[(\^?)((?:\\.|[^\]\\])+)\]")
_CLASS_ESCAPE = re.compile(r"\\([wds])")


def _for_ascii_text(pattern: re.Pattern) -> re.Pattern:
    r"""`pattern` with its Unicode classes spelled out as the ASCII characters they hold.

    On ASCII text it matches as `pattern` does, but `re` tests a character against
    a bitmap instead of asking the Unicode database (`\w`, `\d`, `[^\W\d_]`):
    a fifth less time for the token rules. Falls back to `pattern` for a class
    it cannot spell out.
    """

    def spelled_out_class(match: re.Match) -> str:
        negated, members = match.groups()
        if negated and members == r"\W\d_":  # letters
            return "[A-Za-z]"
        return "[" + negated + _CLASS_ESCAPE.sub(lambda m: _ASCII_CLASS_ESCAPES[m[1]], members) + "]"

    source = _CHARACTER_CLASS.sub(spelled_out_class, pattern.pattern)
    source = _CLASS_ESCAPE.sub(lambda m: "[" + _ASCII_CLASS_ESCAPES[m[1]] + "]", source)
    if re.search(r"\\[WDS]", source):
        return pattern
    return re.compile(source, (pattern.flags & ~re.UNICODE) | re.ASCII)


_ASCII_CHUNK = _for_ascii_text(_CHUNK)


_PARAGRAPHS = ColumnBuilder(Paragraph, ("start", "end"))
_SENTENCES = ColumnBuilder(Sentence, ("start", "end", "paragraph", "first_token", "end_token"))


def _sentences(spans: list[tuple[int, int, int]], firsts: list[int]) -> list[Sentence]:
    """Sentence(start, end, paragraph, first token, end token) for each (start, end, paragraph)
    span, sentence k's tokens being firsts[k]:firsts[k + 1]."""
    starts, ends, paragraph_indices = zip(*spans) if spans else ((), (), ())
    return _SENTENCES.build((starts, ends, paragraph_indices, firsts, firsts[1:]), len(spans))


def tag_words(words: list[str]) -> list[str]:
    """Part-of-speech tags for already tokenized words."""
    if not words:
        return []
    cleaned = [w.replace(" ", "_") or "_" for w in words]
    try:
        tags = _tagger()(cleaned)
    except Exception:  # the tagger's slow path is third-party code; never let it sink a document
        tags = []
    if len(tags) != len(words):
        return ["NNP" if w[:1].isupper() else "NN" for w in words]
    return tags


def segment(text: str) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...], Tokens]:
    """Split text into paragraphs, sentences and tagged tokens."""
    folded = fold(text)
    paras = paragraphs(text)
    spans: list[tuple[int, int, int]] = []  # (start, end, paragraph index) of each sentence
    split = _sentence_splitter().span_tokenize
    for p_index, paragraph in enumerate(paras):
        offset = paragraph.start
        chunk = folded[offset : paragraph.end]
        for start, end in split(chunk):  # as `_sentence_spans`
            if start < end <= start + _MAX_SENTENCE_CHARS:
                spans.append((offset + start, offset + end, p_index))
            else:
                spans += [(offset + s, offset + e, p_index) for s, e in _bounded(chunk, start, end)]
    # the tokens' columns, for the whole text: its tokens are made in one go at the end
    columns = _text_words(folded, spans) or _sentence_words(folded, spans)
    starts, ends, words, firsts = columns
    # Our tokens are non-empty and hold no whitespace: `tag_words` would pass them as they are.
    tags = _tagger().tag_sentences(words, firsts)
    texts = words if folded == text else _unfolded_words(text, starts, ends, words)
    sentences = _sentences(spans, firsts)
    return tuple(paras), tuple(sentences), Tokens(starts, ends, texts, tags)


def _sentence_words(folded: str, spans: list[tuple[int, int, int]]) -> tuple[list[int], list[int], list[str], list[int]]:
    """starts, ends and words of the tokens of each sentence in turn, and the index of each
    sentence's first token (and, last, the number of tokens)."""
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    firsts = [0]
    for s_start, s_end, _ in spans:
        word_starts, word_ends, sentence_words = _words(folded, s_start, s_end)
        starts += word_starts
        ends += word_ends
        words += sentence_words
        firsts.append(len(starts))
    return starts, ends, words, firsts


def _text_words(folded: str, spans: list[tuple[int, int, int]]) -> tuple[list[int], list[int], list[str], list[int]] | None:
    """What `_sentence_words` gives, from one pass over the whole text: or None unless
    only white space lies between sentences and after each one.

    Tokens never hold white space and the token rules look no further than the
    next character, which a sentence's own pass sees as its end and the whole
    text's as white space: either way the same tokens. One regular-expression
    call per text instead of one per sentence.
    """
    previous_end = 0
    for s_start, s_end, _ in spans:
        if s_end < len(folded) and not folded[s_end].isspace():
            return None
        if previous_end < s_start and not folded[previous_end:s_start].isspace():
            return None
        previous_end = s_end
    if folded[previous_end:].strip():
        return None
    starts, ends, words = _chunk_columns((_ASCII_CHUNK if folded.isascii() else _CHUNK).findall(folded.rstrip()), 0)
    period = folded.find(".")
    if period >= 0:
        # As `_words` in each sentence: never a period that ends its sentence. (It
        # also wants a letter before the period, as the word it joins ends in one.)
        sentence_ends = {s_end for _, s_end, _ in spans}
        periods = []
        while period >= 0:
            if period + 1 not in sentence_ends:
                periods.append(period)
            period = folded.find(".", period + 1)
        if periods:
            starts, ends, words = _keep_abbreviation_periods(periods, starts, ends, words)
    firsts = [0] * (len(spans) + 1)
    first = 0
    for k, (s_start, _, _) in enumerate(spans):
        first = firsts[k] = bisect_left(starts, s_start, first)
    firsts[-1] = len(starts)
    return starts, ends, words, firsts


def _unfolded_words(text: str, starts: list[int], ends: list[int], words: list[str]) -> list[str]:
    """The tokens' texts in `text`, from their words in its folded copy."""
    texts = words.copy()
    for mark in _SAME_LENGTH_FOLD:
        position = text.find(mark)
        while position >= 0:
            k = bisect_right(starts, position) - 1
            if k >= 0 and position < ends[k]:
                texts[k] = text[starts[k] : ends[k]]
            position = text.find(mark, position + 1)
    return texts
