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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

__all__ = ["TargetSentiment", "score_targets", "extract_features", "tokenize", "LABELS"]

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


@dataclass(frozen=True)
class TargetSentiment:
    polarity: float  # in [-1, 1]: P(positive) - P(negative)
    label: str  # "negative" | "neutral" | "positive", the model's argmax


# ---------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------


def _read_data_text(name: str) -> str:
    return resources.files("newsanalyzer").joinpath("data", name).read_text(encoding="utf-8")


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


@lru_cache(maxsize=1)
def load_resources() -> _Resources:
    words = json.loads(_read_data_text(WORDS_FILE))
    lexicon = parse_lexicon(_read_data_text(LEXICON_FILE))
    return _Resources(words, lexicon)


class _Model:
    def __init__(self, data: dict) -> None:
        self.labels = tuple(data["labels"])
        self.bias = tuple(float(b) for b in data["bias"])
        # JSON numbers are already floats; float() on 60,000 of them cost 60 ms of start-up.
        self.weights: dict[str, tuple[float, ...]] = {k: tuple(v) for k, v in data["weights"].items()}


@lru_cache(maxsize=1)
def load_model() -> _Model:
    return _Model(json.loads(_read_data_text(WEIGHTS_FILE)))


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

    # Bag of words with side and distance bands; lexicon hits with negation.
    # (The hot loop of the whole tool: names are bound locally, same features.)
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
            f[side + "n=" + t] = 1.0
        in_clause = cl <= i < cr
        if in_clause:
            f["c=" + t] = 1.0
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
    b = model.bias
    z0, z1, z2 = b[0], b[1], b[2]
    w = model.weights
    for name, v in feats.items():
        wt = w.get(name)
        if wt is not None:
            z0 += wt[0] * v
            z1 += wt[1] * v
            z2 += wt[2] * v
    return _decide(model, z0, z1, z2)


def _decide(model: _Model, z0: float, z1: float, z2: float) -> tuple[float, str]:
    """Polarity P(positive) - P(negative) and the argmax label from the three scores."""
    m = max(z0, z1, z2)
    e0 = math.exp(z0 - m)
    e1 = math.exp(z1 - m)
    e2 = math.exp(z2 - m)
    tot = e0 + e1 + e2
    pol = (e2 - e0) / tot
    if not math.isfinite(pol):
        return 0.0, "neutral"
    pol = max(-1.0, min(1.0, pol))
    if z0 >= z1 and z0 >= z2:
        idx = 0
    elif z2 > z1:
        idx = 2
    else:
        idx = 1
    return pol, model.labels[idx]


# ---------------------------------------------------------------------------
# Each target alone, fast: the features `_features_one` gives a lone target,
# added straight into the model's three scores. What does not depend on the
# target (words, their weights, clause stops, negators, lexicon hits) is
# worked out once per sentence; the bag of words is the sentence's, minus
# words found only inside the target. tests/test_target_sentiment.py checks
# it against `_features_one` + `_predict`.
# ---------------------------------------------------------------------------


class _SentenceTables:
    __slots__ = ("norms", "starts", "ends", "stops", "quotes", "negators", "hits", "contrasts", "first_seen", "last_seen", "bag")

    def __init__(self, sentence: str, model: _Model, res: _Resources) -> None:
        self.starts, self.ends, norms = _tokenize_columns(sentence)
        self.norms = norms
        # Positions (sorted) of what the features look for around a target.
        stops, negators, contrast = res.clause_stops, res.negators, res.contrast
        self.stops = [i for i, t in enumerate(norms) if t in stops]
        self.quotes = [i for i, t in enumerate(norms) if t in _QUOTE_CHARS]
        self.negators = [i for i, t in enumerate(norms) if t in negators or t.endswith("n't") or t == "cannot"]
        self.contrasts = [i for i, t in enumerate(norms) if t in contrast]
        lex_get = res.lexicon.get
        self.hits = [(i, pol) for i, pol in enumerate(map(lex_get, norms)) if pol is not None]
        self.last_seen = {t: i for i, t in enumerate(norms)}
        self.first_seen = {t: i for i, t in reversed(list(enumerate(norms)))}
        w_get = model.weights.get
        b0 = b1 = b2 = 0.0
        for t in self.last_seen:
            wt = w_get("w=" + t)
            if wt is not None:
                b0 += wt[0]
                b1 += wt[1]
                b2 += wt[2]
        self.bag = (b0, b1, b2)  # the "w=" features of all the sentence's words


_APOSTROPHES = str.maketrans("’‘`", "'''")


def _tokenize_columns(sentence: str) -> tuple[list[int], list[int], list[str]]:
    """`tokenize(sentence)` as three lists (starts, ends, normalized tokens), lower-casing once per sentence."""
    low = sentence.lower()
    if len(low) != len(sentence) or "Σ" in sentence:  # lower() would change length or depend on context
        tokens = tokenize(sentence)
        return [t[0] for t in tokens], [t[1] for t in tokens], [t[2] for t in tokens]
    low = low.translate(_APOSTROPHES)
    spans = [m.span() for m in _TOKEN_RE.finditer(sentence)]
    norms = [low[s:e] for s, e in spans]
    if _DIGIT_RE.search(sentence):
        norms = ["<num>" if _DIGIT_RE.search(t) else t for t in norms]
    return [s for s, _ in spans], [e for _, e in spans], norms


def _alone_scores(sentence: str, tb: _SentenceTables, s: int, e: int, res: _Resources, model: _Model) -> tuple[float, float, float]:
    """The model's three scores for target [s, e) with no other target marked."""
    norms = tb.norms
    n = len(norms)
    first = bisect_right(tb.ends, s)
    last = bisect_left(tb.starts, e) - 1
    if last < first:
        last = first - 1
    lo = max(0, first - WINDOW_TOKENS)
    hi = min(n, last + 1 + WINDOW_TOKENS)
    shift = last - first  # the target's tokens are one <T>: positions after it move back by this
    f: dict[str, float] = {}

    mention = sentence[s : min(e, s + 20)].strip().lower() if e - s <= 20 else ""
    if mention in res.pronouns:
        f["tpron=" + mention] = 1.0
    if first == lo or (first - lo == 1 and norms[lo] in ("the", "a", "an", '"', "“", "'")):
        f["first"] = 1.0
    f["ntargets=1"] = 1.0
    l1 = norms[first - 1] if first - 1 >= lo else "<s>"
    l2 = norms[first - 2] if first - 2 >= lo else "<s>"
    r1 = norms[last + 1] if last + 1 < hi else "</s>"
    r2 = norms[last + 2] if last + 2 < hi else "</s>"
    f["L1=" + l1] = 1.0  # NEAR == 1
    f["R1=" + r1] = 1.0
    f["LB=" + l2 + "_" + l1] = 1.0
    f["RB=" + r1 + "_" + r2] = 1.0

    # The clause: from the stop before the target to the stop after it.
    stops = tb.stops
    k = bisect_left(stops, first)
    clause_start = max(lo, stops[k - 1] + 1) if k else lo
    k = bisect_right(stops, last)
    clause_end = min(hi, stops[k]) if k < len(stops) else hi

    quotes = tb.quotes
    if quotes and (bisect_left(quotes, first) - bisect_left(quotes, lo)) % 2 == 1:
        f["inquote"] = 1.0
    reporting = res.reporting
    for x in range(last + 1, min(hi, last + 4)):
        if norms[x] in reporting:
            f["speaker"] = 1.0
            break
    if first - 1 >= lo:
        if l1 in reporting:
            f["said_L1"] = 1.0
        if l1 == "by":
            f["agent_by"] = 1.0

    # Bag of words: the sentence's, less the words found only inside the target.
    w_get = model.weights.get
    if lo == 0 and hi == n:
        z0, z1, z2 = tb.bag
        first_seen, last_seen = tb.first_seen, tb.last_seen
        gone = set()
        for x in range(first, last + 1):
            t = norms[x]
            if first_seen[t] >= first and last_seen[t] <= last and t not in gone:
                gone.add(t)
                wt = w_get("w=" + t)
                if wt is not None:
                    z0 -= wt[0]
                    z1 -= wt[1]
                    z2 -= wt[2]
    else:
        z0 = z1 = z2 = 0.0
        for t in dict.fromkeys(norms[lo:first] + norms[last + 1 : hi]):
            wt = w_get("w=" + t)
            if wt is not None:
                z0 += wt[0]
                z1 += wt[1]
                z2 += wt[2]
    for x in range(max(lo, first - MID), first - BAND_START):
        f["Ln=" + norms[x]] = 1.0
    for x in range(last + BAND_START + 1, min(hi, last + MID + 1)):
        f["Rn=" + norms[x]] = 1.0
    for x in range(clause_start, first):
        f["c=" + norms[x]] = 1.0
    for x in range(last + 1, clause_end):
        f["c=" + norms[x]] = 1.0

    # Lexicon hits, in text order as `_features_one` adds them.
    lex_sum_l = lex_sum_r = near_sum = clause_sum = lex_dist = 0.0
    negators = tb.negators
    for x, pol in tb.hits:
        if x < lo or first <= x <= last:
            continue
        if x >= hi:
            break
        before = x < first
        negated = False
        if negators:
            k = bisect_right(negators, x) - 1  # the nearest negator at or before x, outside the target
            while k >= 0 and first <= negators[k] <= last:
                k -= 1
            if k >= 0 and lo <= negators[k] < x:
                gap = x - negators[k] if before or negators[k] > last else x - negators[k] - shift
                negated = gap <= NEG_SCOPE
        if negated:
            pol = -pol
        if before:
            side, dist = "L", first - x
            lex_sum_l += pol
        else:
            side, dist = "R", x - last
            lex_sum_r += pol
        sign = "+" if pol > 0 else "-"
        key = "lex" + sign + side + ("n" if dist <= MID else "f")
        f[key] = f.get(key, 0.0) + abs(pol)
        if dist <= MID:
            near_sum += pol
        lex_dist += pol / (1.0 + 0.3 * dist)
        if clause_start <= x < clause_end:
            clause_sum += pol
            key = "lexc" + sign
            f[key] = f.get(key, 0.0) + abs(pol)
        t = norms[x]
        if negated:
            f["negw=" + t] = 1.0
            f["lw" + side + "=!" + t] = 1.0
        else:
            f["lw" + side + "=" + t] = 1.0

    # Sentiment verbs acting on the target (object) or done by it (subject).
    obj_neg, obj_pos = res.obj_neg, res.obj_pos
    for x in range(last + 1, min(clause_end, last + 5)):
        t = norms[x]
        if t in obj_neg:
            f["subj_of_neg"] = 1.0
        elif t in obj_pos:
            f["subj_of_pos"] = 1.0
    for x in range(max(clause_start, first - 3), first):
        t = norms[x]
        if t in obj_neg:
            f["obj_of_neg"] = 1.0
        elif t in obj_pos:
            f["obj_of_pos"] = 1.0
    if last + 2 < hi and r1 in _PASSIVE_AUX:
        if r2 in obj_neg:
            f["passive_neg"] = 1.0
        elif r2 in obj_pos:
            f["passive_pos"] = 1.0
    for x in tb.contrasts:
        if lo <= x < first:
            f["contrast_L"] = 1.0
        elif last < x < hi:
            f["contrast_R"] = 1.0
    f["lexsumL"] = _squash(lex_sum_l)
    f["lexsumR"] = _squash(lex_sum_r)
    f["lexnear"] = _squash(near_sum)
    f["lexclause"] = _squash(clause_sum)
    if lex_dist:
        f["lexd"] = lex_dist

    b = model.bias
    z0 += b[0]
    z1 += b[1]
    z2 += b[2]
    for name, v in f.items():
        wt = w_get(name)
        if wt is not None:
            z0 += wt[0] * v
            z1 += wt[1] * v
            z2 += wt[2] * v
    return z0, z1, z2


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
    neutral = TargetSentiment(0.0, "neutral")
    model = load_model()  # a missing/broken data file is an installation error: let it raise
    res = load_resources()
    try:
        alone = not mask_others or len(spans) == 1
        if alone and len(sentence) <= MAX_TOKENIZE_CHARS:
            tables = _SentenceTables(sentence, model, res)
            return [TargetSentiment(*_decide(model, *_alone_scores(sentence, tables, s, e, res, model))) for s, e in spans]
        if alone:  # a huge sentence: each target is tokenized locally
            feats = [extract_features(sentence, [span], res=res)[0] for span in spans]
        else:
            feats = extract_features(sentence, spans, res=res)
        return [TargetSentiment(*_predict(model, fv)) for fv in feats]
    except Exception:  # pragma: no cover - defensive: never fail on odd input
        return [neutral for _ in spans]
