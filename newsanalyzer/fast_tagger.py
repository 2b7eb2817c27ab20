"""TextBlob's PatternTagger for already tokenized words, without its overhead.

`textblob.en.tag(" ".join(words), tokenize=False)` tags each word from the
lexicon alone: the English `Parser.find_tags` passes no morphology, context or
entity rules on to `textblob._text.find_tags`. A word gets its lexicon tag
(the first word of a sentence may use its lower-case entry); an unknown word
gets `NNP` when title-cased, `CD` when it looks like a number, else a tag from
`_suffix_rules`. `WordTagger` gives the same tags from the same lexicon file
and the same TextBlob functions, without the `word/TAG` string round trip of
TextBlob's parser (checked against TextBlob in tests/test_segment.py).

TextBlob loads its 94,000-word `en-lexicon.txt` into a dict line by line
(about 110 ms in a fresh process; a regular-expression loader, 55 ms).
`SortedLexicon` checks the (sorted) file once and keeps its lines in a few
thousand chunks, kept on disk between runs: under 1 ms to read back, and about
1 us for each new word looked up by binary search (then remembered).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise, repeat
from operator import add
from collections.abc import Callable, Iterable, Iterator, Mapping

from newsanalyzer import disk_cache

# Memos stay bounded in a long-running process; a news corpus uses far fewer words.
_MAX_MEMO = 200_000
_UNSEEN = object()


class SortedLexicon(Mapping):
    """A TextBlob `Lexicon` (word -> tag), looked up by binary search in chunks of its sorted lines.

    Equal to what TextBlob's `Lexicon.load` builds from the same file (each line
    stripped, `;;;` comments and blank lines skipped, `word TAG` split at spaces,
    the last line winning for a repeated word) whenever `_checked_lines` accepts its
    lines and each has a word and a tag.

    The sorted lines are kept in chunks of `_CHUNK_LINES`, each one string of its
    lines, each after a line feed, beside each chunk's first line. A word's lines
    are those from `word + " "` up to `word + "!"` (" " is U+0020, "!" U+0021), so
    the last of them (the one that wins) is the last line before `word + "!"`: in
    the last chunk whose first line comes before it, after the last `\nword `
    there (one `rfind`). Reading 5,900 chunks and their first lines back costs a
    tenth of reading 94,000 lines (0.6 ms), and making them on a first run, or
    after an install, a fifth of hashing each line's word into buckets (10 ms
    against 53; a lookup costs twice a bucket's, 1.1 us). The lines themselves
    are read again only to iterate (rarely: the analysis only looks words up).
    """

    def __init__(self, chunks: tuple[list[str], list[str]], read_lines: Callable[[], list[str] | None]):
        self._firsts, self._chunks = chunks
        self._read_lines = read_lines  # the lines again, for iterating (rarely: the chunks hold all lookups need)
        self._memo: dict[str, str | None] = {}  # word -> tag, or None when absent
        self._dict: dict[str, str] | None = None  # built only if someone iterates

    @classmethod
    def from_path(cls, path: str) -> SortedLexicon | None:
        """The lexicon in the file at `path`, or None unless `_checked_lines` accepts it and each
        line holds a tag; kept on disk between runs (disk_cache.py), against the file and this
        module (which lays the chunks out)."""
        chunks = disk_cache.load("tagger_lexicon", [path, __file__], lambda: _chunks(_lines_of(path)), _chunks_or_none)
        return None if chunks is None else cls(chunks, lambda: _lines_of(path))

    @property
    def _lines(self) -> list[str]:
        """The lexicon's lines, as `_checked_lines` accepted them."""
        lines = self._read_lines()
        size = self._chunks[0].count("\n") - 1  # the first chunk's lines: each chunk's but the last
        if lines is None or _chunks(lines, size) != (self._firsts, self._chunks):
            raise RuntimeError("the lexicon file changed while in use")
        return lines

    def get(self, word, default=None):
        tag = self._memo.get(word, _UNSEEN)
        if tag is _UNSEEN:
            tag = self._learn(word)
        return default if tag is None else tag

    def __contains__(self, word) -> bool:
        tag = self._memo.get(word, _UNSEEN)
        if tag is _UNSEEN:
            tag = self._learn(word)
        return tag is not None

    def _learn(self, word) -> str | None:
        tag = self.search(word)
        _remember(self._memo, word, tag)
        return tag

    def search(self, word) -> str | None:
        """The word's tag, or None: looked up in its chunk (for callers with a memo of their own)."""
        if not isinstance(word, str) or " " in word or "\n" in word:
            return None  # TextBlob's words end at the first space (and no line holds a line feed)
        k = bisect_left(self._firsts, word + "!") - 1
        return _tag_in(self._chunks[k], "\n" + word + " ") if k >= 0 else None

    def search_each(self, words: Iterable) -> list[str | None]:
        """`search` of each word in one loop, the chunks and search strings found in C (an article's new words)."""
        words = list(words)
        try:
            joined = "".join(words)
        except TypeError:  # a word that is no str
            return list(map(self.search, words))
        if " " in joined or "\n" in joined or "\0" in joined:
            return list(map(self.search, words))
        chunks = self._chunks
        keys = map(bisect_left, repeat(self._firsts), map(add, words, repeat("!")))
        needles = ("\n" + " \0\n".join(words) + " ").split("\0")  # "\nword " for each word
        return [_tag_in(chunks[k - 1], needle) if k else None for k, needle in zip(keys, needles)]

    def __getitem__(self, word) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def _as_dict(self) -> dict[str, str]:
        if self._dict is None:
            self._dict = dict(line.strip().split(" ")[:2] for line in self._lines)
        return self._dict

    def __iter__(self) -> Iterator[str]:
        return iter(self._as_dict())

    def __len__(self) -> int:
        return len(self._as_dict())


def _read_text(path: str) -> str:
    """The text TextBlob's `_read` reads (UTF-8, universal newlines); decoding the
    bytes at once costs a third of reading in text mode."""
    with open(path, "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8")
    if b"\r" in data:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _checked_lines(text: str) -> list[str] | None:
    """A lexicon file's entry lines, or None unless a binary search in them finds exactly
    TextBlob's entries: after a header of comments, every line is an entry that starts
    with its word (no blank, comment or indented lines) and the lines are sorted."""
    start = 0
    while start < len(text):  # the header: lines TextBlob skips
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line and not line.startswith(";;;"):
            break
        start = end + 1
    lines = text[start:].rstrip("\n").split("\n")
    if lines != sorted(lines):
        return None
    if _first_characters_include_space(lines):  # also catches blank and indented lines
        return None
    comment = bisect_left(lines, ";;;")
    if comment < len(lines) and lines[comment].startswith(";;;"):
        return None
    return lines


# Sorted lines in chunks of this many (some 6,000 chunks), each looked up by one `rfind`.
_CHUNK_LINES = 16


def _lines_of(path: str) -> list[str] | None:
    return _checked_lines(_read_text(path))


def _chunks(lines: list[str] | None, size: int = _CHUNK_LINES) -> tuple[list[str], list[str]] | None:
    """Checked `lines` in chunks of `size`: each chunk's first line, and each chunk as one string with
    each line after a line feed and a final line feed. None for no lines, or for a line without a tag
    (TextBlob's loader refuses it)."""
    if not lines or not all(map(str.__contains__, map(str.strip, lines), repeat(" "))):
        return None
    starts = range(0, len(lines), size)
    return lines[::size], ["\n" + "\n".join(lines[i : i + size]) + "\n" for i in starts]


def _chunks_or_none(value: object) -> bool:
    """What `_chunks` returns, as far as a cheap look tells (marshal refuses a truncated file)."""
    if value is None:
        return True
    if type(value) is not tuple or len(value) != 2:
        return False
    firsts, chunks = value
    return type(firsts) is list and type(chunks) is list and len(firsts) == len(chunks) > 0 and type(chunks[0]) is str and type(firsts[-1]) is str


def _tag_in(chunk: str, needle: str) -> str | None:
    """The tag of the last line of `chunk` that starts with `needle` ("\\nword "), as TextBlob reads it, or None."""
    position = chunk.rfind(needle)
    if position < 0:
        return None
    line = chunk[position + 1 : chunk.find("\n", position + 1)]
    return line.strip().split(" ")[1]


def _first_characters_include_space(lines: list[str]) -> bool:
    """Whether a line is empty or starts with whitespace (sorted lines, one binary search per first character)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line or line[0].isspace():
            return True
        if ord(line[0]) == 0x10FFFF:
            break
        i = bisect_left(lines, chr(ord(line[0]) + 1), i)
    return False


def _printed_tag(tag: str) -> str:
    """A lexicon tag as `textblob.en.tag` returns it, after its `word/TAG` string round trip."""
    if "/" in tag or "&" in tag:
        return tag.split("/")[0].replace("&slash;", "/")
    return tag


def _parser_would_split(words: list[str]) -> bool:
    """Whether TextBlob's parser would split `" ".join(words)` into other words (at spaces and line ends)."""
    joined = " ".join(words)
    return joined.count(" ") != len(words) - 1 or "\n" in joined


# `textblob._text.CD`: what an unknown word looks like to be tagged as a number.
_NUMBER = re.compile(r"^[0-9\-\,\.\:\/\%\$]+$")


def suffix_tag(word: str, tag: str = "NN") -> str:
    """The tag `textblob._text._suffix_rules([word, tag])` gives an unknown word, by its suffix
    (the same rules in the same order, the last that applies winning; checked against TextBlob's
    where `textblob_data.english_files()` reads TextBlob's files, and in tests/test_segment.py)."""
    if word.endswith("ing"):
        tag = "VBG"
    if word.endswith("ly"):
        tag = "RB"
    if word.endswith("s") and not word.endswith(("is", "ous", "ss")):
        tag = "NNS"
    if word.endswith(("able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic", "ous")) or "-" in word:
        tag = "JJ"
    if word.endswith("ed"):
        tag = "VBN"
    if word.endswith(("ate", "ify", "ise", "ize")):
        tag = "VBP"
    return tag


# Words that each of `suffix_tag`'s rules, and pairs of them, apply to (or none does).
SUFFIX_PROBES = (
    "word", "running", "quickly", "cats", "this", "famous", "glass", "capable", "usual", "careful", "visible",
    "efficient", "reddish", "active", "endless", "static", "well-known", "wanted", "create", "satisfy", "realise",
    "organize", "sings", "thinkings", "rallies", "ailing", "dated", "-", "", "ing", "ly", "s", "ed", "isles",
    "abled", "x-ray", "ableing", "Ise", "ATE", "1990s", "ously", "tical", "fulness", "hated", "state", "mate-ing",
)


def suffix_rules_agree(suffix_rules: Callable) -> bool:
    """Whether `suffix_tag` gives what TextBlob's `_suffix_rules` gives on every probe word, for each default tag."""
    return all(suffix_rules([w, tag])[1] == suffix_tag(w, tag) for w in SUFFIX_PROBES for tag in ("NN", "XX"))


def _textblob_tag(text: str, tokenize: bool = True):
    """`textblob.en.tag`, imported on first use (only words TextBlob's parser would split need it)."""
    from textblob.en import tag

    return tag(text, tokenize=tokenize)


def _remember(memo: dict, key, value) -> None:
    if len(memo) >= _MAX_MEMO:
        memo.clear()
    memo[key] = value


class WordTagger:
    """`tagger(words)` is `[tag for _, tag in textblob.en.tag(" ".join(words), tokenize=False)]`."""

    def __init__(self, lexicon: Mapping, unknown_tag: Callable[[str], str], textblob_tag: Callable):
        self.lexicon = lexicon
        # the lexicon's own memo would only repeat ours
        self._lookup = lexicon.search if isinstance(lexicon, SortedLexicon) else lexicon.get
        self._lookup_each = lexicon.search_each if isinstance(lexicon, SortedLexicon) else self._get_each
        self._unknown_tag = unknown_tag  # tag of a word the lexicon does not know
        self._textblob_tag = textblob_tag  # for words TextBlob's parser would split further
        self._tags: dict[str, str] = {}  # memo: word -> tag, anywhere but first in a sentence
        self._first_tags: dict[str, str] = {}  # memo: word -> tag as a sentence's first word
        self._unknown: set[str] = set()  # the words in `_tags` that the lexicon does not know

    @classmethod
    def from_textblob(cls) -> WordTagger:
        """The tagger on TextBlob's English lexicon and defaults, as `textblob.en.tag` uses them
        (TextBlob's modules are imported only when `textblob_data.english_files()` cannot tell them)."""
        from newsanalyzer.textblob_data import english_files

        files = english_files()
        if files is None or not files["suffix_rules"]:
            return cls._from_textblob_modules()
        lexicon = SortedLexicon.from_path(files["lexicon"])
        if lexicon is None:  # a lexicon file of another shape: TextBlob loads it
            return cls._from_textblob_modules()
        default_tag, title_tag, number_tag = files["default"]

        def unknown_tag(word: str) -> str:  # the `tag is None` branch of `_text.find_tags` for English
            if word.istitle():
                return title_tag
            if _NUMBER.match(word) is not None:
                return number_tag
            return suffix_tag(word, default_tag)

        return cls(lexicon, unknown_tag, _textblob_tag)

    @classmethod
    def _from_textblob_modules(cls) -> WordTagger:
        """`from_textblob()` from TextBlob's imported modules."""
        from textblob import _text
        from textblob.en import parser, tag

        lexicon = SortedLexicon.from_path(parser.lexicon.path)
        if lexicon is None:  # a lexicon file of another shape: TextBlob loads it
            lexicon = parser.lexicon
            len(lexicon)
        default_tag, title_tag, number_tag = parser.default

        def unknown_tag(word: str) -> str:  # the `tag is None` branch of `_text.find_tags` for English
            if word.istitle():
                return title_tag
            if _text.CD.match(word) is not None:
                return number_tag
            return _text._suffix_rules([word, default_tag])[1]

        return cls(lexicon, unknown_tag, tag)

    def __call__(self, words: list[str]) -> list[str]:
        if not words:
            return []
        if _parser_would_split(words):
            return [tag for _, tag in self._textblob_tag(" ".join(words), tokenize=False)]
        tags = self._word_tags(words)
        first = words[0]
        tags[0] = self._first_tags.get(first) or self._first_tag(first)
        return tags

    def tag_sentences(self, words: list[str], firsts: list[int]) -> list[str]:
        """The tags of consecutive sentences, the words of sentence k being
        `words[firsts[k] : firsts[k + 1]]`: `self(sentence)` for each, in one list."""
        if _parser_would_split(words):
            return [tag for first, end in pairwise(firsts) for tag in self(words[first:end])]
        tags = self._word_tags(words)
        first_tags = self._first_tags
        for first, end in pairwise(firsts):
            if first < end:
                word = words[first]
                tags[first] = first_tags.get(word) or self._first_tag(word)
        return tags

    def _word_tags(self, words: list[str]) -> list[str]:
        """The tag of each word as any but a sentence's first word."""
        memo = self._tags
        try:
            return list(map(memo.__getitem__, words))
        except KeyError:
            pass  # words new to the memo: each tagged once
        new_words = set(words).difference(memo)
        if len(memo) + len(new_words) > _MAX_MEMO:
            memo.clear()
            self._unknown.clear()
            new_words = set(words)
        new_words = list(new_words)
        unknown_tag = self._unknown_tag
        unknown = self._unknown
        for word, tag in zip(new_words, self._lookup_each(new_words)):  # as `_tag`, the lexicon read in one go
            if tag is None:
                unknown.add(word)
                tag = unknown_tag(word)
            elif "/" in tag or "&" in tag:
                tag = _printed_tag(tag)
            memo[word] = tag
        return list(map(memo.__getitem__, words))

    def _get_each(self, words: list[str]) -> list[str | None]:
        return list(map(self.lexicon.get, words))

    def _tag(self, word: str) -> str:
        """The tag of `word` as any but a sentence's first word."""
        tag = self._lookup(word)
        if tag is None:
            return self._unknown_tag(word)
        return _printed_tag(tag) if "/" in tag or "&" in tag else tag

    def _first_tag(self, word: str) -> str:
        # `find_tags`: lexicon.get(token, i == 0 and lexicon.get(token.lower()) or None)
        if word in self._unknown:  # (`_word_tags` has looked it up: not in the lexicon)
            tag = None
        else:
            # A word `_word_tags` has tagged from the lexicon has that tag first in a sentence too.
            tag = self._tags.get(word)
            if tag is not None:
                _remember(self._first_tags, word, tag)
                return tag
            tag = self._lookup(word)
        if tag is None:
            tag = self._lookup(word.lower()) or None
        tag = self._unknown_tag(word) if tag is None else _printed_tag(tag)
        _remember(self._first_tags, word, tag)
        return tag
