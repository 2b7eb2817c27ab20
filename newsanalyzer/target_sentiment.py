"""Target-dependent sentiment: the sentiment a news sentence expresses toward a mention.

A multinomial logistic-regression (softmax) model over sparse, hand-designed
features of the target's context, trained offline on NewsMTSC by
``scripts/train_target_sentiment.py`` and shipped as
``newsanalyzer/data/target_sentiment_weights.json``.

Runtime is pure Python (no numpy, nltk or textblob): a regex tokenizer,
dictionary look-ups for the features and a three-way dot product.  The feature
extractor :func:`extract_features` is shared with the training script so that
training and inference use one implementation.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from binascii import a2b_base64
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import Sequence

from newsanalyzer import disk_cache, lexicon
from newsanalyzer.frozen import GeneratedCode

__all__ = ["TargetSentiment", "score_targets", "score_alone", "extract_features", "tokenize", "LABELS"]

LABELS = ("negative", "neutral", "positive")

WEIGHTS_FILE = "target_sentiment_weights.json"
WORDS_FILE = "target_sentiment_words.json"
LEXICON_FILE = "target_sentiment_lexicon.tsv"

# Work caps: text farther than this from a target is not looked at, and
# sentences longer than MAX_TOKENIZE_CHARS are tokenized per target, locally.
MAX_TOKENIZE_CHARS = 12000  # our sentences are at most 5,000 characters (segment.py); longer input is scored locally
LOCAL_CHARS = 1500
WINDOW_TOKENS = 60
NEAR = 1  # exact-position features L1 / R1 (L2/L3 did not help)
BAND_START = 3
MID = 8  # "near" bag (distance 4..8)
NEG_SCOPE = 3  # a negator flips lexicon words up to this many tokens after it

TARGET = "<T>"
OTHER = "<O>"

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘`][^\W_]+)*|\S")
_QUOTE_CHARS = frozenset('"“”«»„')
_CLAUSE_BREAK = frozenset([",", ";", ":", "—", "–", "(", ")", "-", ".", "?", "!"])
_DIGIT_RE = re.compile(r"\d")
_PASSIVE_AUX = ("was", "is", "were", "are", "been", "be", "being", "got", "gets")


# The code of the methods `dataclass` writes below, compiled once (frozen.py).
_generated_code = GeneratedCode.kept_for(__file__)


@dataclass(frozen=True)
class TargetSentiment:
    polarity: float  # in [-1, 1]: P(positive) - P(negative)
    label: str  # "negative" | "neutral" | "positive", the model's argmax


_generated_code.close()


# ---------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------


def _read_data_text(name: str) -> str:
    return lexicon.read_text(name)


class _Resources:
    """Word lists and prior-polarity lexicon used by the feature extractor."""

    def __init__(self, words: dict, lexicon: dict[str, float]) -> None:
        self.negators = frozenset(words["negators"])
        self.contrast = frozenset(words["contrast"])
        self.reporting = frozenset(words["reporting_verbs"])
        self.pronouns = frozenset(words["pronouns"])
        self.obj_neg = frozenset(words["object_negative_verbs"])
        self.obj_pos = frozenset(words["object_positive_verbs"])
        self.clause_stops = _CLAUSE_BREAK | self.contrast
        lex = dict(lexicon)
        # Hand-written news vocabulary; it wins over the adjective lexicon.
        for w in words["news_negative"]:
            lex[w] = -0.6
        for w in words["news_positive"]:
            lex[w] = 0.6
        self.lexicon = lex
        self.obj_pos_only = self.obj_pos - self.obj_neg  # a verb in both lists counts as negative
        self.object_verbs = self.obj_pos | self.obj_neg
        # What `_SentenceTables` notes of a token: (clause stop, quote, negator, contrast, lexicon polarity).
        # Tokens ending in "n't" are negators too; they are found apart. Most entries are lexicon
        # words and nothing else; the few others are worked out after.
        self.marks = marks = {t: (False, False, False, False, pol) for t, pol in lex.items()}
        others = {*self.clause_stops, *_QUOTE_CHARS, *self.negators, "cannot"}
        if "n't" in "\n".join(lex):
            others.update(t for t in lex if t.endswith("n't"))
        for t in others:
            marks[t] = (t in self.clause_stops, t in _QUOTE_CHARS, t in self.negators or t.endswith("n't") or t == "cannot", t in self.contrast, lex.get(t))


def parse_lexicon(text: str) -> dict[str, float]:
    lex: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, value = line.partition("\t")
        try:
            lex[word] = float(value)
        except ValueError:
            continue
    return lex


def _read_resources() -> _Resources:
    words = json.loads(_read_data_text(WORDS_FILE))
    lexicon = parse_lexicon(_read_data_text(LEXICON_FILE))
    return _Resources(words, lexicon)


_RESOURCE_FIELDS = frozenset(("negators", "contrast", "reporting", "pronouns", "obj_neg", "obj_pos", "clause_stops", "lexicon", "obj_pos_only", "object_verbs", "marks"))


@lru_cache(maxsize=1)
def load_resources() -> _Resources:
    """The word lists and lexicon; what `_Resources` derives from them is kept on disk between runs
    (disk_cache.py: about 2 M instructions to read back instead of 10: the lexicon's numbers parsed, its tables built)."""
    sources = [lexicon.data_path(WORDS_FILE), lexicon.data_path(LEXICON_FILE), __file__]  # the files, and the code deriving from them
    fields = disk_cache.load("sentiment_words", sources, lambda: dict(vars(_read_resources())), _is_resource_fields)
    resources = _Resources.__new__(_Resources)
    vars(resources).update(fields)
    return resources


def _is_resource_fields(value: object) -> bool:
    return type(value) is dict and value.keys() == _RESOURCE_FIELDS


class _Model:
    """Labels, bias and weights, each feature's three weights (negative, neutral, positive) held as one
    complex number: (w_neg - w_neu) + (w_pos - w_neu)j (`as_pair`).

    Softmax gives the same probabilities when one number is added to all three
    scores, so the two differences to the neutral score decide polarity and
    label; as one complex number a feature's weights add up in one step, and
    many of them in C (`sum`). By prefix and word (`pairs`, `prefixed`, for
    `_alone_scores`) and by feature name (`weights`, for `_predict`, built on
    first use)."""

    def __init__(self, data: dict) -> None:
        """`data` as the training script makes it: "weights" maps each feature name to its three weights."""
        tables: dict[str, dict[str, tuple[float, ...]]] = {}
        for name, wt in data["weights"].items():
            prefix, eq, word = name.partition("=")
            if not eq:
                prefix, word = "", name
            tables.setdefault(prefix, {})[word] = tuple(wt)
        self._set(data["labels"], data["bias"], _pair_tables(tables))

    @classmethod
    def from_pairs(cls, labels: Sequence[str], bias: Sequence[float], pairs: dict[str, dict[str, complex]]) -> _Model:
        """A model from its weights by prefix: `pairs["c"]["plan"]` is the weight pair of "c=plan",
        `pairs[""]` holds the names without "=" ("first", "lex+Ln", ...)."""
        model = cls.__new__(cls)
        model._set(labels, bias, pairs)
        return model

    def _set(self, labels: Sequence[str], bias: Sequence[float], pairs: dict[str, dict[str, complex]]) -> None:
        self.labels = tuple(labels)
        self.bias = as_pair(tuple(float(b) for b in bias))
        self.pairs = pairs
        self.prefixed = _PrefixedWeights(pairs, self.bias)
        self._weights: dict[str, complex] | None = None

    @property
    def weights(self) -> dict[str, complex]:
        if self._weights is None:
            self._weights = {(prefix + "=" + word if prefix else word): wt for prefix, table in self.pairs.items() for word, wt in table.items()}
        return self._weights


def as_pair(weights: Sequence[float]) -> complex:
    """Three weights (or scores: negative, neutral, positive) as the pair of their differences to the neutral one."""
    return complex(weights[0] - weights[1], weights[2] - weights[1])


def _pair_tables(tables: dict[str, dict[str, tuple[float, ...]]]) -> dict[str, dict[str, complex]]:
    return {prefix: {word: as_pair(wt) for word, wt in table.items()} for prefix, table in tables.items()}


def parse_model(text: str) -> _Model:
    """The model in a weights file (see `parse_weights`)."""
    labels, bias, tables = parse_weights(text)
    return _Model.from_pairs(labels, bias, _pair_tables(tables))


def parse_weights(text: str) -> tuple[list[str], list[float], dict[str, dict[str, tuple[float, ...]]]]:
    """Labels, bias and weight tables in a weights file: JSON, with the weights of the features
    (listed by prefix) as base64 little-endian float64, three per feature, in the order of the lists.
    (Decoded so, 20,000 features load in 12 ms of a fresh process; as JSON numbers they took 29 ms.)"""
    data = json.loads(text)
    features: dict[str, list[str]] = data["features"]
    values = array("d", a2b_base64(data["weights"]))
    if sys.byteorder == "big":
        values.byteswap()
    if len(values) != 3 * sum(map(len, features.values())):
        raise ValueError("weights file: %d weights for %d features" % (len(values), sum(map(len, features.values()))))
    triples = zip(values[0::3], values[1::3], values[2::3])
    # zip stops at the end of `words` without taking a triple: each table takes the next len(words).
    tables = {prefix: dict(zip(words, triples)) for prefix, words in features.items()}
    return data["labels"], data["bias"], tables


def _is_model_fields(value: object) -> bool:
    return type(value) is tuple and len(value) == 3 and type(value[2]) is dict


@lru_cache(maxsize=1)
def load_model() -> _Model:
    """The shipped model; its pair tables are kept on disk between runs (disk_cache.py: 3 ms to read back instead of about 20)."""

    def build() -> tuple[list[str], list[float], dict[str, dict[str, complex]]]:
        labels, bias, tables = parse_weights(lexicon.read_text(WEIGHTS_FILE))
        return labels, bias, _pair_tables(tables)

    sources = [lexicon.data_path(WEIGHTS_FILE), __file__]  # the weights, and the code reading them
    return _Model.from_pairs(*disk_cache.load("sentiment_model", sources, build, _is_model_fields))


# ---------------------------------------------------------------------------
# Tokenization and features
# ---------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _norm(tok: str) -> str:
    t = tok.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    if _DIGIT_RE.search(t):
        return "<num>"
    return t


def tokenize(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, normalized token) triples; offsets are shifted by `offset`."""
    return [(m.start() + offset, m.end() + offset, _norm(m.group())) for m in _TOKEN_RE.finditer(text)]


def _context(
    tokens: list[tuple[int, int, str]],
    starts: list[int],
    ends: list[int],
    spans: Sequence[tuple[int, int]],
    k: int,
    owners: list[tuple[int, ...]],
) -> tuple[list[str], int]:
    """Token sequence with target k collapsed to <T> and other targets to <O>.

    Returns (sequence, index of <T>). Only WINDOW_TOKENS tokens either side of
    the target are kept; runs of <O> are collapsed to one. `owners` (the
    targets covering each token, from `_token_owners`) keeps this linear in
    the window however many targets a sentence has.
    """
    s, e = spans[k]
    n = len(tokens)
    # Tokens overlapping [s, e): end > s and start < e (an empty or
    # whitespace span gives first == last + 1, the insertion point).
    first = bisect_right(ends, s)
    last = bisect_left(starts, e) - 1
    if last < first:
        last = first - 1
    lo = max(0, first - WINDOW_TOKENS)
    hi = min(n, last + 1 + WINDOW_TOKENS)
    out: list[str] = []
    tpos = -1
    for i in range(lo, hi):
        if i == first:
            tpos = len(out)
            out.append(TARGET)
        if first <= i <= last:
            continue
        if any(j != k for j in owners[i]):
            if not out or out[-1] != OTHER:
                out.append(OTHER)
        else:
            out.append(tokens[i][2])
    if tpos < 0:  # the target sits after the last token of the window
        tpos = len(out)
        out.append(TARGET)
    return out, tpos


def _token_owners(starts: list[int], ends: list[int], spans: Sequence[tuple[int, int]]) -> list[tuple[int, ...]]:
    """For each token, the indexes of the target spans that overlap it."""
    owners: list[tuple[int, ...]] = [()] * len(starts)
    for j, (s, e) in enumerate(spans):
        for i in range(bisect_right(ends, s), bisect_left(starts, e)):
            owners[i] = owners[i] + (j,)
    return owners


def _bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 5:
        return "3-5"
    if n <= 10:
        return "6-10"
    return "11+"


def extract_features(
    sentence: str,
    spans: Sequence[tuple[int, int]],
    tokens: list[tuple[int, int, str]] | None = None,
    res: _Resources | None = None,
    offsets: tuple[list[int], list[int]] | None = None,
) -> list[dict[str, float]]:
    """Sparse features (name -> value) for each target span of `sentence`.

    `offsets`: the tokens' (starts, ends), when the caller scores several
    targets of one sentence separately and computes them once."""
    if res is None:
        res = load_resources()
    out = []
    if tokens is None and len(sentence) <= MAX_TOKENIZE_CHARS:
        tokens = tokenize(sentence)
    if tokens is not None:
        if offsets is not None:
            starts, ends = offsets
        else:
            starts = [t[0] for t in tokens]
            ends = [t[1] for t in tokens]
        owners = _token_owners(starts, ends, spans)
    for k in range(len(spans)):
        if tokens is not None:
            toks = tokens
        else:
            s, e = spans[k]
            lo = max(0, s - LOCAL_CHARS)
            hi = min(len(sentence), max(s, e) + LOCAL_CHARS)
            if e - s > 2 * LOCAL_CHARS:  # a huge span: look at its edges only
                hi = min(len(sentence), s + 2 * LOCAL_CHARS)
            toks = tokenize(sentence[lo:hi], lo)
            starts = [t[0] for t in toks]
            ends = [t[1] for t in toks]
            owners = _token_owners(starts, ends, spans)
        out.append(_features_one(sentence, toks, starts, ends, spans, k, res, owners))
    return out


def _features_one(
    sentence: str,
    tokens: list[tuple[int, int, str]],
    starts: list[int],
    ends: list[int],
    spans: Sequence[tuple[int, int]],
    k: int,
    res: _Resources,
    owners: list[tuple[int, ...]],
) -> dict[str, float]:
    seq, p = _context(tokens, starts, ends, spans, k, owners)
    n = len(seq)
    f: dict[str, float] = {}
    lex = res.lexicon
    negators = res.negators

    # Target's own surface form: pronoun or name (its words never score).
    s, e = spans[k]
    mention = sentence[s : min(e, s + 20)].strip().lower() if e - s <= 20 else ""
    if mention in res.pronouns:
        f["tpron=" + mention] = 1.0
    if p == 0:
        f["first"] = 1.0
    elif p == 1 and seq[0] in ("the", "a", "an", '"', "“", "'"):
        f["first"] = 1.0
    f["ntargets=" + _bucket(len(spans))] = 1.0

    # Exact positions and bigrams next to the target.
    for d in range(1, NEAR + 1):
        i = p - d
        if i >= 0:
            f["L%d=%s" % (d, seq[i])] = 1.0
        else:
            f["L%d=<s>" % d] = 1.0
            break
    for d in range(1, NEAR + 1):
        i = p + d
        if i < n:
            f["R%d=%s" % (d, seq[i])] = 1.0
        else:
            f["R%d=</s>" % d] = 1.0
            break
    l1 = seq[p - 1] if p >= 1 else "<s>"
    l2 = seq[p - 2] if p >= 2 else "<s>"
    r1 = seq[p + 1] if p + 1 < n else "</s>"
    r2 = seq[p + 2] if p + 2 < n else "</s>"
    f["LB=%s_%s" % (l2, l1)] = 1.0
    f["RB=%s_%s" % (r1, r2)] = 1.0

    # Clause boundaries around the target.
    cl = p
    while cl > 0 and seq[cl - 1] not in _CLAUSE_BREAK and seq[cl - 1] not in res.contrast:
        cl -= 1
    cr = p + 1
    while cr < n and seq[cr] not in _CLAUSE_BREAK and seq[cr] not in res.contrast:
        cr += 1

    # Quotation: inside quotes if an odd number of quote tokens precede.
    q = 0
    for i in range(p):
        if seq[i] in _QUOTE_CHARS:
            q += 1
    if q % 2 == 1:
        f["inquote"] = 1.0

    # Speaker of a reporting verb: "X said", "X, who ..., said", "..., X said".
    for i in range(p + 1, min(n, p + 4)):
        if seq[i] in res.reporting:
            f["speaker"] = 1.0
            break
    if p >= 1 and seq[p - 1] in res.reporting:
        f["said_L1"] = 1.0
    if p >= 1 and seq[p - 1] == "by":
        f["agent_by"] = 1.0

    # Bag of words (each word once) with side and distance bands and the clause (each
    # word as often as it occurs, which `_alone_scores` adds up fastest); lexicon hits with negation.
    lex_sum_l = lex_sum_r = 0.0
    near_sum = 0.0
    clause_sum = 0.0
    lex_dist = 0.0
    neg_until = -1
    contrast_before = False
    contrast_after = False
    contrast = res.contrast
    obj_neg, obj_pos = res.obj_neg, res.obj_pos
    lex_get = lex.get
    f_get = f.get
    for i, t in enumerate(seq):
        if i == p:
            continue
        if t in negators or t.endswith("n't") or t == "cannot":
            neg_until = i + NEG_SCOPE
        before = i < p
        side = "L" if before else "R"
        dist = p - i if before else i - p
        f["w=" + t] = 1.0
        if BAND_START < dist <= MID:
            key = side + "n=" + t
            f[key] = f_get(key, 0.0) + 1.0
        in_clause = cl <= i < cr
        if in_clause:
            key = "c=" + t
            f[key] = f_get(key, 0.0) + 1.0
        if t in contrast:
            if before:
                contrast_before = True
            else:
                contrast_after = True
        pol = lex_get(t)
        if pol is not None and t != OTHER:
            negated = neg_until - NEG_SCOPE < i <= neg_until
            if negated:
                pol = -pol
            if before:
                lex_sum_l += pol
            else:
                lex_sum_r += pol
            sign = "+" if pol > 0 else "-"
            key = "lex" + sign + side + ("n" if dist <= MID else "f")
            f[key] = f_get(key, 0.0) + abs(pol)
            if dist <= MID:
                near_sum += pol
            lex_dist += pol / (1.0 + 0.3 * dist)
            if in_clause:
                clause_sum += pol
                key = "lexc" + sign
                f[key] = f_get(key, 0.0) + abs(pol)
            if negated:
                f["negw=" + t] = 1.0
            f["lw" + side + "=" + ("!" if negated else "") + t] = 1.0
        # Sentiment verbs acting on the target (object) or done by it (subject).
        if in_clause:
            if not before and dist <= 4:
                if t in obj_neg:
                    f["subj_of_neg"] = 1.0
                elif t in obj_pos:
                    f["subj_of_pos"] = 1.0
            elif before and dist <= 3:
                if t in obj_neg:
                    f["obj_of_neg"] = 1.0
                elif t in obj_pos:
                    f["obj_of_pos"] = 1.0
    lex_sum = {"L": lex_sum_l, "R": lex_sum_r}
    # Passive: "<T> was criticized", "<T> has been praised".
    if p + 2 < n and seq[p + 1] in _PASSIVE_AUX:
        v = seq[p + 2]
        if v in res.obj_neg:
            f["passive_neg"] = 1.0
        elif v in res.obj_pos:
            f["passive_pos"] = 1.0
    if contrast_before:
        f["contrast_L"] = 1.0
    if contrast_after:
        f["contrast_R"] = 1.0
    f["lexsumL"] = _squash(lex_sum["L"])
    f["lexsumR"] = _squash(lex_sum["R"])
    f["lexnear"] = _squash(near_sum)
    f["lexclause"] = _squash(clause_sum)
    if lex_dist:
        f["lexd"] = lex_dist
    return f


def _squash(x: float) -> float:
    return x / (1.0 + abs(x))


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def _predict(model: _Model, feats: dict[str, float]) -> tuple[float, str]:
    """Polarity and label from features (name -> value): the bias plus each known feature's weights times its value."""
    weight_of = model.weights.get
    z = model.bias
    for name, v in feats.items():
        w = weight_of(name)
        if w is not None:
            z += w * v
    return _decide(model, z)


def _decide(model: _Model, z: complex) -> tuple[float, str]:
    """Polarity P(positive) - P(negative) and the argmax label from the scores' pair (see `_Model`):
    the negative and positive scores less the neutral one, whose difference is 0."""
    a, b = z.real, z.imag
    m = a if a > 0.0 else 0.0  # max(a, 0.0, b), compared as the builtin compares, without its call
    if b > m:
        m = b
    e0 = math.exp(a - m)
    e2 = math.exp(b - m)
    pol = (e2 - e0) / (e0 + math.exp(-m) + e2)
    if not math.isfinite(pol):
        return 0.0, "neutral"
    if pol > 1.0:  # rounding; compared rather than max(-1.0, min(1.0, pol)), a third faster
        pol = 1.0
    elif pol < -1.0:
        pol = -1.0
    if a >= 0.0 and a >= b:
        return pol, model.labels[0]
    return pol, model.labels[2 if b > 0.0 else 1]


# ---------------------------------------------------------------------------
# Each target alone, fast: the features `_features_one` gives a lone target,
# their weight pairs collected and added up (in C: `sum`) straight into the
# model's scores. What does not depend on the target (words, clause stops, negators,
# lexicon hits) is worked out once per sentence. Weights are looked up by
# word in per-prefix tables ("c" -> {"plan": ...} for "c=plan"), so no feature
# name is built for the common features. tests/test_target_sentiment.py checks
# it against `_features_one` + `_predict`.
# ---------------------------------------------------------------------------


class _PrefixedWeights:
    """A model's weights by feature prefix, as attributes: `c["plan"]` is the weight of "c=plan";
    `flags` holds the features without "=" ("first", "lex+Ln", ...). And what `_alone_scores`
    reads for every sentence, worked out once."""

    _PREFIXES = ("flags", "w", "c", "Ln", "Rn", "L1", "R1", "LB", "RB", "tpron", "ntargets", "lwL", "lwR", "negw")
    __slots__ = (*_PREFIXES, "getters", "start", "lex_key_weights", "lex_value_weights")

    def __init__(self, tables: dict[str, dict[str, complex]], bias: complex) -> None:
        for name in self._PREFIXES:
            setattr(self, name, tables.get("" if name == "flags" else name, {}))
        self.getters = tuple(getattr(self, name).get for name in self._PREFIXES)  # each table's `get`, in that order
        # The bias counts as a feature of value 1, and so does "ntargets=1": their sum starts every lone target's scores.
        self.start = bias + self.ntargets.get("1", 0j)
        # The weights of the valued lexicon features: those of `_LEX_KEYS` by index, then of the sums
        # ("lexsumL", "lexsumR", "lexnear", "lexclause", "lexd"), in that order. (A feature the model lacks weighs
        # 0 here rather than being skipped: the same scores, as a finite value times 0 added changes no sum.)
        self.lex_key_weights = [self.flags.get(name, 0j) for name in _LEX_KEY_NAMES]
        self.lex_value_weights = tuple(self.flags.get(name, 0j) for name in _LEX_VALUE_NAMES)


class _SentenceTables:
    """The sentence's normalized tokens and the positions (sorted) of what the features
    look for around a target, found once for all its targets.

    Token offsets are counted in the sentence without its whitespace (see
    `_tokenize_packed`); `packed(sentence, i)` maps a character offset there.
    A lexicon hit is (position, polarity, |polarity|, word, and the names of its
    "lwL=" and "lwR=" features)."""

    __slots__ = ("norms", "starts", "ends", "spaces_only", "stops", "quotes", "negators", "hits", "contrasts", "has_reporting", "has_object_verbs", "bag")

    def __init__(self, sentence: str, res: _Resources) -> None:
        norms, lengths, may_end_in_nt = _tokenize_packed(sentence)
        self.norms = norms
        self.ends = ends = list(accumulate(lengths))
        self.starts = [0, *ends[:-1]] if ends else []
        self.spaces_only = (ends[-1] if ends else 0) == len(sentence) - sentence.count(" ")  # no tab, newline, ...
        self.bag: complex | None = None  # the weights of the "w=" features of all its words, once needed
        # Whether the "speaker" / "said_L1" and the sentiment-verb features need looking for at all.
        self.has_reporting = not res.reporting.isdisjoint(norms)
        self.has_object_verbs = not res.object_verbs.isdisjoint(norms)
        self.stops, self.quotes, self.negators, self.contrasts, self.hits = stops, quotes, negators, contrasts, hits = [], [], [], [], []
        # Most tokens are none of these: look at the few that are.
        marks = res.marks
        for i in compress(range(len(norms)), map(marks.__contains__, norms)):
            t = norms[i]
            stop, quote, negator, contrast, pol = marks[t]
            if stop:
                stops.append(i)
            if quote:
                quotes.append(i)
            if contrast:
                contrasts.append(i)
            if negator:
                negators.append(i)
            if pol is not None:
                hits.append((i, pol, abs(pol), t, "lwL=" + t, "lwR=" + t))
        if may_end_in_nt:  # "didn't", "isn’t": negators by their ending
            negators[:] = sorted(set(negators).union(i for i, t in enumerate(norms) if t.endswith("n't")))

    def packed(self, sentence: str, i: int) -> int:
        """Character offset `i` of the sentence, counted without whitespace."""
        if self.spaces_only:
            return i - sentence.count(" ", 0, i)
        return len("".join(sentence[:i].split()))


def _tokenize_packed(sentence: str) -> tuple[list[str], list[int], bool]:
    """`tokenize(sentence)`'s normalized tokens and their lengths in `sentence`, lower-casing once per sentence,
    and whether a token may end in "n't" (False: none does).

    Tokens hold no whitespace and every other character is in one, so the
    lengths place them: a token ends where the lengths up to it add up to,
    counting characters without the whitespace."""
    low = sentence.lower()
    if len(low) != len(sentence) or "Σ" in sentence:  # lower() would change length or depend on context
        tokens = tokenize(sentence)
        return [t for _, _, t in tokens], [e - s for s, e, _ in tokens], True
    # lower() keeps each character's class (word, apostrophe, space: tested), and the
    # apostrophes are one class, so `low` splits into the same tokens as `sentence`.
    # No token spans whitespace, so the tokens are those of each whitespace-separated
    # chunk; most chunks are one word (`_TOKEN_RE`'s [^\W_] is what isalnum() accepts,
    # tested), and the regular expression, slow per character, reads only the others.
    low = low.replace("’", "'").replace("‘", "'").replace("`", "'")
    tokens: list[str] = []
    append = tokens.append
    has_digit = False
    for chunk in low.split():
        if chunk.isalpha():
            append(chunk)
        elif (word := chunk[:-1]).isalpha() and not chunk[-1].isalnum():  # "said,": a word, then a mark
            append(word)
            append(chunk[-1])
        else:
            tokens += _TOKEN_RE.findall(chunk)
            has_digit = has_digit or _DIGIT_RE.search(chunk) is not None
    lengths = list(map(len, tokens))
    if has_digit:
        tokens = ["<num>" if _DIGIT_RE.search(t) else t for t in tokens]
    return tokens, lengths, "n't" in low


def _alone_scores(sentence: str, tb: _SentenceTables, spans: Sequence[tuple[int, int]], res: _Resources, model: _Model) -> list[complex]:
    """The model's scores (as a pair, see `_Model`) for each target [s, e) of `spans`, each with no other target marked.

    (One call per sentence: the tables and weights it reads are bound once for all its targets.)"""
    norms = tb.norms
    n = len(norms)
    starts, ends, stops, quotes, contrasts, negators, hits = tb.starts, tb.ends, tb.stops, tb.quotes, tb.contrasts, tb.negators, tb.hits
    pw = model.prefixed
    flag, word_weight, clause_weight, Ln, Rn, L1, R1, LB, RB, tpron, _, lwL, lwR, negw = pw.getters
    lex_key_weights, start = pw.lex_key_weights, pw.start
    sum_l_weight, sum_r_weight, near_weight, clause_sum_weight, dist_weight = pw.lex_value_weights
    pronouns, reporting, obj_neg, obj_pos, obj_pos_only = res.pronouns, res.reporting, res.obj_neg, res.obj_pos, res.obj_pos_only
    spaces_only, count = tb.spaces_only, sentence.count
    out = []
    for s, e in spans:
        # Tokens overlapping [s, e) (an empty or whitespace span gives first == last + 1, the insertion point).
        if spaces_only:
            first = bisect_right(ends, s - count(" ", 0, s))
            last = bisect_left(starts, e - count(" ", 0, e)) - 1
        else:
            first = bisect_right(ends, tb.packed(sentence, s))
            last = bisect_left(starts, tb.packed(sentence, e)) - 1
        if last < first:
            last = first - 1
        lo = first - WINDOW_TOKENS if first > WINDOW_TOKENS else 0
        hi = last + 1 + WINDOW_TOKENS
        if hi > n:
            hi = n
        shift = last - first  # the target's tokens are one <T>: positions after it move back by this
        mention = sentence[s:e].strip().lower() if e - s <= 20 else None
        l1 = norms[first - 1] if first - 1 >= lo else "<s>"
        l2 = norms[first - 2] if first - 2 >= lo else "<s>"
        r1 = norms[last + 1] if last + 1 < hi else "</s>"
        r2 = norms[last + 2] if last + 2 < hi else "</s>"
        # The weights of the features of value 1 (None: not in the model, or not a feature here), added up in this order.
        found = [
            tpron(mention) if mention in pronouns else None,
            flag("first") if first == lo or (first - lo == 1 and norms[lo] in ("the", "a", "an", '"', "“", "'")) else None,
            L1(l1),  # NEAR == 1
            R1(r1),
            LB(l2 + "_" + l1),
            RB(r1 + "_" + r2),
        ]

        # The clause: from the stop before the target to the stop after it.
        k = bisect_left(stops, first)
        clause_start = stops[k - 1] + 1 if k and stops[k - 1] >= lo else lo
        k = bisect_right(stops, last)
        clause_end = stops[k] if k < len(stops) and stops[k] < hi else hi

        if quotes and (bisect_left(quotes, first) - bisect_left(quotes, lo)) % 2 == 1:
            found.append(flag("inquote"))
        if tb.has_reporting:
            if not reporting.isdisjoint(norms[last + 1 : last + 4 if last + 4 < hi else hi]):
                found.append(flag("speaker"))
            if first - 1 >= lo and l1 in reporting:
                found.append(flag("said_L1"))
        if l1 == "by" and first - 1 >= lo:
            found.append(flag("agent_by"))

        # The window's bag of words, each word once.
        if lo == 0 and hi == n:  # the sentence's bag, less the words found only inside the target
            if tb.bag is None:
                tb.bag = sum(filter(None, map(word_weight, dict.fromkeys(norms))), 0j)
            found.append(tb.bag)
            if first == last:  # a one-token target, the common case
                t = norms[first]
                if norms.count(t) == 1:
                    wt = word_weight(t)
                    if wt is not None:
                        found.append(-wt)
            elif first < last:
                target = norms[first : last + 1]
                for t in dict.fromkeys(target):
                    if norms.count(t) == target.count(t):
                        wt = word_weight(t)
                        if wt is not None:
                            found.append(-wt)
        else:
            found += map(word_weight, dict.fromkeys(norms[lo:first] + norms[last + 1 : hi]))
        # The clause's words but the target's, and the bands 4 to 8 tokens either side of it (each word as often as it occurs).
        found += map(clause_weight, norms[clause_start:first])
        found += map(clause_weight, norms[last + 1 : clause_end])
        if first - BAND_START > lo:
            found += map(Ln, norms[first - MID if first - MID > lo else lo : first - BAND_START])
        found += map(Rn, norms[last + BAND_START + 1 : last + MID + 1 if last + MID < hi else hi])

        # Sentiment verbs acting on the target (object) or done by it (subject).
        if tb.has_object_verbs:
            after = norms[last + 1 : min(clause_end, last + 5)]
            if not obj_neg.isdisjoint(after):
                found.append(flag("subj_of_neg"))
            if not obj_pos_only.isdisjoint(after):
                found.append(flag("subj_of_pos"))
            before = norms[max(clause_start, first - 3) : first]
            if not obj_neg.isdisjoint(before):
                found.append(flag("obj_of_neg"))
            if not obj_pos_only.isdisjoint(before):
                found.append(flag("obj_of_pos"))
            if last + 2 < hi and r1 in _PASSIVE_AUX:
                if r2 in obj_neg:
                    found.append(flag("passive_neg"))
                elif r2 in obj_pos:
                    found.append(flag("passive_pos"))
        if contrasts:
            if bisect_left(contrasts, first) > bisect_left(contrasts, lo):
                found.append(flag("contrast_L"))
            if bisect_left(contrasts, hi) > bisect_right(contrasts, last):
                found.append(flag("contrast_R"))

        # Lexicon hits, in text order as `_features_one` adds them.
        lex_sum_l = lex_sum_r = near_sum = clause_sum = lex_dist = 0.0
        summed: dict[int, float] = {}  # "lex+Ln", "lexc-", ... (by index in _LEX_KEY_NAMES): the hits' |polarity| added up
        words: dict[str, tuple[float, ...] | None] = {}  # the "lwL=", "lwR=" and "negw=" features, each once: their weights
        for x, pol, abs_pol, t, left_key, right_key in hits:
            if x < lo or first <= x <= last:
                continue
            if x >= hi:
                break
            before_target = x < first
            negated = False
            if negators:
                k = bisect_right(negators, x) - 1  # the nearest negator at or before x, outside the target
                while k >= 0 and first <= negators[k] <= last:
                    k -= 1
                if k >= 0 and lo <= negators[k] < x:
                    gap = x - negators[k] if before_target or negators[k] > last else x - negators[k] - shift
                    negated = gap <= NEG_SCOPE
            if negated:
                pol = -pol
            if before_target:
                dist = first - x
                lex_sum_l += pol
            else:
                dist = x - last
                lex_sum_r += pol
            near = dist <= MID
            key = _LEX_KEYS[before_target][pol > 0][near]
            summed[key] = summed.get(key, 0.0) + abs_pol
            if near:
                near_sum += pol
            lex_dist += pol / (1.0 + 0.3 * dist)
            if clause_start <= x < clause_end:
                clause_sum += pol
                key = _LEXC_POSITIVE if pol > 0 else _LEXC_NEGATIVE
                summed[key] = summed.get(key, 0.0) + abs_pol
            if negated:
                words["negw=" + t] = negw(t)
                if before_target:
                    words["lwL=!" + t] = lwL("!" + t)
                else:
                    words["lwR=!" + t] = lwR("!" + t)
            elif before_target:
                words[left_key] = lwL(t)
            else:
                words[right_key] = lwR(t)

        if words:  # a hit: the lexicon features
            found += words.values()
        z = sum(filter(None, found), start)
        if words:  # then the valued ones, as `_predict` adds them (with no hit they are all 0)
            for key, v in summed.items():
                z += lex_key_weights[key] * v
            # "lexsumL", "lexsumR", "lexnear", "lexclause" (squashed) and "lexd", in this order; one of
            # value 0 is skipped, as adding a weight times 0 leaves a score as it is (but for the sign
            # of a zero score, which changes no polarity or label).
            if lex_sum_l:
                z += sum_l_weight * (lex_sum_l / (1.0 + abs(lex_sum_l)))
            if lex_sum_r:
                z += sum_r_weight * (lex_sum_r / (1.0 + abs(lex_sum_r)))
            if near_sum:
                z += near_weight * (near_sum / (1.0 + abs(near_sum)))
            if clause_sum:
                z += clause_sum_weight * (clause_sum / (1.0 + abs(clause_sum)))
            if lex_dist:
                z += dist_weight * lex_dist
        out.append(z)
    return out


# The valued lexicon features of a hit: its "lex" feature, by index, _LEX_KEYS[before the target][positive][near],
# and "lexc+" / "lexc-" for a hit in the target's clause.
_LEX_KEY_NAMES = ("lex-Rf", "lex-Rn", "lex+Rf", "lex+Rn", "lex-Lf", "lex-Ln", "lex+Lf", "lex+Ln", "lexc+", "lexc-")
_LEX_VALUE_NAMES = ("lexsumL", "lexsumR", "lexnear", "lexclause", "lexd")
_LEX_KEYS = (((0, 1), (2, 3)), ((4, 5), (6, 7)))
_LEXC_POSITIVE, _LEXC_NEGATIVE = 8, 9


def _clean_spans(sentence: str, targets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    n = len(sentence)
    out = []
    for t in targets:
        try:
            s, e = int(t[0]), int(t[1])
        except Exception:
            s, e = 0, 0
        s = min(max(s, 0), n)
        e = min(max(e, s), n)
        out.append((s, e))
    return out


def score_targets(sentence: str, targets: Sequence[tuple[int, int]], *, mask_others: bool = True) -> list[TargetSentiment]:
    """Sentiment toward each target span (char offsets into `sentence`, end exclusive), one per target, same order.

    With `mask_others` (as in training, where the other targets are NewsMTSC's
    gold targets), each target sees the others as a placeholder; without it,
    each target is scored alone (the sentence is still tokenized once)."""
    targets = list(targets)
    if not targets:
        return []
    if not isinstance(sentence, str):
        sentence = "" if sentence is None else str(sentence)
    spans = _clean_spans(sentence, targets)
    return [TargetSentiment(polarity, label) for polarity, label in _score(sentence, spans, mask_others)]


def score_alone(sentence: str, spans: Sequence[tuple[int, int]]) -> list[tuple[float, str]]:
    """(polarity, label) toward each span scored alone: `score_targets(sentence, spans, mask_others=False)`
    as plain tuples, for callers that score many targets (spans of ints, as `score_targets` takes them)."""
    n = len(sentence)
    if not all(0 <= s <= e <= n for s, e in spans):
        spans = _clean_spans(sentence, spans)
    return _score(sentence, spans, False)


def score_alone_each(pieces: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[tuple[float, str]]]:
    """`score_alone(sentence, spans)` for each (sentence, spans) of `pieces` (the model and word lists
    looked up once for all: an article's sentences)."""
    model = load_model()  # a missing/broken data file is an installation error: let it raise
    res = load_resources()
    results = []
    for sentence, spans in pieces:
        n = len(sentence)
        if not all(0 <= s <= e <= n for s, e in spans):
            spans = _clean_spans(sentence, spans)
        if n <= MAX_TOKENIZE_CHARS:
            results.append(_score_short(sentence, spans, model, res))
        else:
            results.append(_score(sentence, spans, False))
    return results


def _score_short(sentence: str, spans: list[tuple[int, int]], model: _Model, res: _Resources) -> list[tuple[float, str]]:
    """`_score(sentence, spans, False)` for a sentence of at most MAX_TOKENIZE_CHARS characters."""
    try:
        tables = _SentenceTables(sentence, res)
        return [_decide(model, z) for z in _alone_scores(sentence, tables, spans, res, model)]
    except Exception:  # pragma: no cover - defensive: never fail on odd input
        return [(0.0, "neutral")] * len(spans)


def _score(sentence: str, spans: list[tuple[int, int]], mask_others: bool) -> list[tuple[float, str]]:
    """`score_targets` for a string and clean spans."""
    model = load_model()  # a missing/broken data file is an installation error: let it raise
    res = load_resources()
    try:
        alone = not mask_others or len(spans) == 1
        if alone and len(sentence) <= MAX_TOKENIZE_CHARS:
            tables = _SentenceTables(sentence, res)
            return [_decide(model, z) for z in _alone_scores(sentence, tables, spans, res, model)]
        if alone:  # a huge sentence: each target is tokenized locally
            feats = [extract_features(sentence, [span], res=res)[0] for span in spans]
        else:
            feats = extract_features(sentence, spans, res=res)
        return [_predict(model, fv) for fv in feats]
    except Exception:  # pragma: no cover - defensive: never fail on odd input
        return [(0.0, "neutral")] * len(spans)
