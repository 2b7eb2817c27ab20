"""Tests for newsanalyzer.target_sentiment (sentences written for these tests)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from newsanalyzer.target_sentiment import (
    TargetSentiment,
    extract_features,
    load_model,
    score_targets,
    tokenize,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
TRAIN_DATA = REPO_ROOT.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
WEIGHTS = REPO_ROOT / "newsanalyzer" / "data" / "target_sentiment_weights.json"


def span(sentence: str, mention: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    return start, start + len(mention)


def labels(sentence: str, *mentions: str) -> list[str]:
    return [r.label for r in score_targets(sentence, [span(sentence, m) for m in mentions])]


def check_result(results, n):
    assert len(results) == n
    for r in results:
        assert isinstance(r, TargetSentiment)
        assert r.label in ("negative", "neutral", "positive")
        assert isinstance(r.polarity, float)
        assert math.isfinite(r.polarity) and -1.0 <= r.polarity <= 1.0


# ---------------------------------------------------------------------------
# Behaviour
# ---------------------------------------------------------------------------


def test_attacked_target_is_negative():
    s = "Critics attacked Smith over the failed plan."
    (r,) = score_targets(s, [span(s, "Smith")])
    assert r.label == "negative"
    assert r.polarity < -0.3


def test_praised_target_is_positive():
    s = "Miller was widely praised for his brave and honest leadership."
    (r,) = score_targets(s, [span(s, "Miller")])
    assert r.label == "positive"
    assert r.polarity > 0.3


def test_neutral_factual_sentence():
    s = "Miller met with Garcia in Ohio on Monday."
    assert labels(s, "Miller", "Garcia") == ["neutral", "neutral"]


def test_organisation_name_does_not_score_from_its_own_words():
    s = "The Justice Department announced the charges on Tuesday."
    (r,) = score_targets(s, [span(s, "The Justice Department")])
    assert r.label != "positive"
    # The target's own tokens never become features.
    (feats,) = extract_features(s, [span(s, "The Justice Department")])
    assert not any("justice" in name for name in feats)
    assert "w=announced" in feats


def test_speaker_of_reporting_verb_vs_accused():
    s = "Garcia said Thompson lied to investigators about the payments."
    assert labels(s, "Garcia", "Thompson") == ["neutral", "negative"]


def test_two_targets_with_opposite_sentiment():
    s = "Adams is a wonderful, honest leader, but Baker is a corrupt liar."
    assert labels(s, "Adams", "Baker") == ["positive", "negative"]
    s2 = "Brown, a brilliant and respected senator, defeated the corrupt and dishonest Thompson."
    assert labels(s2, "Brown", "Thompson") == ["positive", "negative"]


def test_other_targets_are_masked_differently_from_the_target():
    s = "Adams is a wonderful, honest leader, but Baker is a corrupt liar."
    fa, fb = extract_features(s, [span(s, "Adams"), span(s, "Baker")])
    assert "R1=is" in fa and "L1=but" in fb
    assert "w=<O>" in fa and "w=<O>" in fb
    assert not any("adams" in k or "baker" in k for k in list(fa) + list(fb))


def test_order_and_count_preserved():
    s = "Adams is a wonderful, honest leader, but Baker is a corrupt liar."
    a, b = span(s, "Adams"), span(s, "Baker")
    r1 = score_targets(s, [a, b])
    r2 = score_targets(s, [b, a])
    assert [r.label for r in r1] == [r.label for r in reversed(r2)]
    assert score_targets(s, []) == []


def test_clause_and_band_words_count_each_time_the_sentence_window_once():
    """"c=", "Ln=" and "Rn=" count repeats (their weights add up in C, with no check for repeats); "w=" marks a word once."""
    sentence = "Fees , fees and more fees rose as Smith said fees , fees and fees fell today ."
    (features,) = extract_features(sentence, [span(sentence, "Smith")])
    assert features["c=fees"] == 3.0  # the clause: "fees and more fees rose as <T> said fees"
    assert features["Ln=fees"] == 2.0  # 4 to 8 tokens before: "Fees , fees and more"
    assert features["Rn=fees"] == 2.0  # 4 to 8 tokens after: "fees and fees fell today"
    assert features["w=fees"] == 1.0


def test_polarity_is_p_positive_minus_p_negative_sign():
    s = "Adams is a wonderful, honest leader, but Baker is a corrupt liar."
    ra, rb = score_targets(s, [span(s, "Adams"), span(s, "Baker")])
    assert ra.polarity > 0 > rb.polarity


# ---------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, spans",
    [
        ("", [(0, 0)]),
        ("", [(0, 5), (-3, 2)]),
        ("Smith", [(0, 5), (0, 5)]),
        ("Smith lied.", [(5, 2), (100, 200), (-10, -1)]),
        ("Smith and Jones lied.", [(0, 15), (6, 21), (10, 15)]),  # overlapping
        ("   \n\t  ", [(1, 3)]),
        ("😀 Smith 👍🏽 won 🇺🇸!", [(2, 7), (0, 1)]),
        ("Ζήτω ο Παπαδόπουλος! \u200b\u202eמשה\u0301 נכשל", [(7, 19), (23, 27)]),
        ("\ud800 broken surrogate Smith", [(18, 23)]),
        ("Smith\x00said\x01 ’‘“”«» n't", [(0, 5), (6, 10)]),
        ("x" * 50_000 + " Smith failed badly " + "y " * 20_000, [(50_001, 50_006), (0, 90_000)]),
        ("Smith lied. " * 2000, [(i * 12, i * 12 + 5) for i in range(0, 2000, 50)]),
    ],
)
def test_never_raises_and_bounds(sentence, spans):
    check_result(score_targets(sentence, spans), len(spans))


def test_accepts_lists_and_odd_span_types():
    s = "Smith lied."
    check_result(score_targets(s, [[0, 5]]), 1)
    check_result(score_targets(s, ((0.0, 5.0),)), 1)
    check_result(score_targets(s, [("a", "b")]), 1)


def test_many_targets_in_long_sentence_is_fast():
    import time

    s = " and ".join("Person%d" % i for i in range(300)) + " were praised."
    spans = [span(s, "Person%d " % i if i < 299 else "Person299") for i in range(300)]
    t0 = time.perf_counter()
    check_result(score_targets(s, spans), 300)
    assert time.perf_counter() - t0 < 2.0


def test_throughput():
    import time

    sentences = [
        ("Critics attacked Smith over the failed plan, and Jones defended him on Friday.", ["Smith", "Jones"]),
        ("The senator said the governor had misled voters about the budget.", ["The senator", "the governor"]),
        ("Miller met with Garcia in Ohio on Monday.", ["Miller", "Garcia"]),
    ]
    data = [(s, [span(s, m) for m in ms]) for s, ms in sentences] * 200
    score_targets(*data[0])  # load once
    t0 = time.perf_counter()
    n = sum(len(score_targets(s, sp)) for s, sp in data)
    per_target = (time.perf_counter() - t0) / n
    assert per_target < 0.002  # generous bound; typically ~0.1 ms


def test_module_import_is_light():
    code = (
        "import sys, newsanalyzer.target_sentiment as t;"
        "bad=[m for m in ('nltk','textblob','numpy') if m in sys.modules];"
        "t.score_targets('Smith lied.', [(0, 5)]);"
        "bad+=[m for m in ('nltk','textblob','numpy') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    # The package __init__ is not ours; only check what the module itself adds.
    base = subprocess.run(
        [sys.executable, "-c", "import sys, newsanalyzer; print(','.join(m for m in ('nltk','textblob','numpy') if m in sys.modules))"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert set(filter(None, out.stdout.strip().split(","))) <= set(filter(None, base.stdout.strip().split(",")))


# ---------------------------------------------------------------------------
# Shipped weights
# ---------------------------------------------------------------------------


def test_weights_file_is_compact_and_well_formed():
    assert WEIGHTS.stat().st_size < 2_000_000
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["format"] == "newsanalyzer.target_sentiment/2"
    assert data["labels"] == ["negative", "neutral", "positive"]
    assert len(data["bias"]) == 3
    assert all(words == sorted(set(words)) for words in data["features"].values())
    from newsanalyzer.target_sentiment import parse_weights

    labels, _, tables = parse_weights(WEIGHTS.read_text(encoding="utf-8"))
    assert labels == ["negative", "neutral", "positive"]
    weights = [wt for table in tables.values() for wt in table.values()]
    assert len(weights) == sum(map(len, data["features"].values())) > 10_000
    # The training script's 4 significant digits, exactly.
    assert all(len(v) == 3 and all(math.isfinite(x) and x == float("%.4g" % x) for x in v) for v in weights)
    model = load_model()
    assert model.labels == ("negative", "neutral", "positive")
    assert len(model.weights) == len(weights)


def test_the_model_holds_each_features_weights_as_their_differences_to_the_neutral_one():
    """(w_neg, w_neu, w_pos) as (w_neg - w_neu) + (w_pos - w_neu)j: softmax over (z_neg, z_neu, z_pos) equals
    softmax over (z_neg - z_neu, 0, z_pos - z_neu), so these two numbers decide polarity and label."""
    from newsanalyzer.target_sentiment import _decide, as_pair, parse_weights

    labels, bias, tables = parse_weights(WEIGHTS.read_text(encoding="utf-8"))
    model = load_model()
    assert model.bias == complex(bias[0] - bias[1], bias[2] - bias[1])
    for prefix, table in tables.items():
        for word, wt in table.items():
            assert model.weights[prefix + "=" + word if prefix else word] == as_pair(wt)
    for z in [(0.3, -1.2, 2.0), (-4.0, 0.5, 0.25), (1.0, 1.0, -3.0), (0.0, 0.0, 0.0)]:
        e = [math.exp(x) for x in z]
        polarity = (e[2] - e[0]) / sum(e)
        label = labels[max(range(3), key=lambda k: (z[k], -k))]  # the first of the highest
        assert _decide(model, as_pair(z)) == (pytest.approx(polarity, abs=1e-12), label)


def test_weights_file_is_what_the_training_script_writes():
    """Decoded and written again, the same bytes: the float64 weights round-trip and the writing is deterministic."""
    pytest.importorskip("numpy")
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_target_sentiment", REPO_ROOT / "scripts" / "train_target_sentiment.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = WEIGHTS.read_text(encoding="utf-8")
    data = json.loads(text)
    model = script.shipped_model(WEIGHTS)
    metadata = {k: v for k, v in data.items() if k not in ("features", "weights", "labels", "bias")}
    assert script.dump({**metadata, **model}) == text


def test_weights_file_with_missing_weights_is_refused():
    from newsanalyzer.target_sentiment import parse_model

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    data["weights"] = data["weights"][:-32]  # 24 bytes: one feature's weights
    with pytest.raises(ValueError):
        parse_model(json.dumps(data))


@pytest.mark.skipif(not TRAIN_DATA.exists(), reason="NewsMTSC training data not found at ../shared/data/newsmtsc/train.jsonl")
def test_training_reproduces_shipped_weights():
    pytest.importorskip("numpy")
    pytest.importorskip("textblob")
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "train_target_sentiment.py"), "--check", "--data", str(TRAIN_DATA)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


# ---------------------------------------------------------------------------
# The fast path for lone targets gives exactly the model's features
# ---------------------------------------------------------------------------

LONE_TARGET_CASES = [
    ("Critics attacked Smith over the failed plan.", ["Smith", "Critics", "plan"]),
    ("Smith did not praise Jones, but Jones never criticized Smith either.", ["Smith", "Jones", "either"]),
    ("It wasn't Garcia who failed; Garcia won't lose, and can't be blamed.", ["Garcia", "It"]),
    ("“He is a liar,” Miller said, “and a very bad president.”", ["He", "Miller", "president"]),
    ("The Justice Department said the Justice Department was praised by Justice Smith.", ["The Justice Department", "Justice Smith"]),
    ("Despite the scandal, Brown was widely praised, although critics were not convinced.", ["Brown", "critics"]),
    ("In 2019, 3.5 million voters backed O'Brien's 10-point plan.", ["O'Brien", "voters"]),
    ("Ο ΠΡΩΘΥΠΟΥΡΓΟΣ criticised İstanbul's mayor harshly.", ["ΠΡΩΘΥΠΟΥΡΓΟΣ", "İstanbul", "mayor"]),
    ("Weber’s ‘bold’ plan, `not bad` at all, failed.", ["Weber", "plan"]),
    ("Nobody said Lee was so very wrong, and none said Lee was not great or good.", ["Lee", "Nobody"]),
    ("Not Lee Smith Jones good; never Ray bad; no Ann Lee Bo Di honest.", ["Lee Smith Jones", "Ray", "Ann Lee Bo Di"]),
    (" ".join(["word"] * 70) + " Kim was not praised, not at all, " + " ".join(["terrible"] * 70), ["Kim"]),
]


# Whitespace other than spaces, and spans starting or ending inside tokens.
WHITESPACE_CASES = [
    ("Critics\tattacked  Smith\nover the\u00a0failed plan .", ["Smith", "ritics", "ttacked  Sm", "plan"]),
    ("  Smith\u2003said\r\n“Jones lied” ,\u3000 and\u200a left. ", ["Smith", "Jones", "lied", "d\r\n“J"]),
]


def _all_spans(sentence, mentions):
    return [span(sentence, m) for m in mentions] + [(0, 0), (len(sentence), len(sentence)), (3, 3), (0, len(sentence))]


def _every_feature_model(sentence, features):
    """A model weighing every feature `sentence` could give (and `features`) differently, so that a feature added by mistake shows too."""
    import zlib

    from newsanalyzer.target_sentiment import _Model

    words = {t for _, _, t in tokenize(sentence)} | {"<s>", "</s>"}
    prefixes = ("w=", "c=", "Ln=", "Rn=", "L1=", "R1=", "lwL=", "lwR=", "lwL=!", "lwR=!", "negw=")
    names = sorted({name for f in features for name in f} | {p + w for p in prefixes for w in words})
    weights = {name: [zlib.crc32((name + str(k)).encode()) / 2**32 - 0.5 for k in range(3)] for name in names}
    return _Model({"labels": ["negative", "neutral", "positive"], "bias": [0.1, 0.2, 0.3], "weights": weights})


@pytest.mark.parametrize("sentence, mentions", LONE_TARGET_CASES + WHITESPACE_CASES)
def test_lone_targets_get_exactly_their_features(sentence, mentions):
    """The fast path adds up the same features as `extract_features`: checked with a model that weighs every feature differently."""
    from newsanalyzer.target_sentiment import _alone_scores, _SentenceTables, load_resources

    spans = _all_spans(sentence, mentions)
    expected = [extract_features(sentence, [s])[0] for s in spans]
    model = _every_feature_model(sentence, expected)
    res = load_resources()
    scores = _alone_scores(sentence, _SentenceTables(sentence, res), spans, res, model)
    assert len(scores) == len(spans)
    for (s, e), features, z in zip(spans, expected, scores):
        expected_z = model.bias + sum(model.weights[name] * v for name, v in features.items())
        assert z == pytest.approx(expected_z, abs=1e-9), sentence[s:e]


@pytest.mark.parametrize("sentence, mentions", LONE_TARGET_CASES + WHITESPACE_CASES)
def test_lone_targets_score_as_the_shipped_model_says(sentence, mentions):
    from newsanalyzer.target_sentiment import _predict

    model = load_model()
    spans = _all_spans(sentence, mentions)
    for (s, e), result in zip(spans, score_targets(sentence, spans, mask_others=False)):
        polarity, label = _predict(model, extract_features(sentence, [(s, e)])[0])
        assert (result.label, result.polarity) == (label, pytest.approx(polarity, abs=1e-12))


@pytest.mark.parametrize("sentence, _", LONE_TARGET_CASES + WHITESPACE_CASES)
def test_packed_tokenizer_equals_tokenize(sentence, _):
    from newsanalyzer.target_sentiment import _tokenize_packed

    norms, lengths, may_end_in_nt = _tokenize_packed(sentence)
    tokens = tokenize(sentence)
    assert norms == [t for _, _, t in tokens]
    assert lengths == [e - s for s, e, _ in tokens]
    assert may_end_in_nt or not any(t.endswith("n't") for t in norms)


@pytest.mark.parametrize("sentence, _", LONE_TARGET_CASES + WHITESPACE_CASES)
def test_packed_offsets_find_the_tokens_a_span_overlaps(sentence, _):
    """Every span, mid-token or on whitespace: the same first and last token as the real offsets give."""
    from bisect import bisect_left, bisect_right

    from newsanalyzer.target_sentiment import _SentenceTables, load_resources

    tables = _SentenceTables(sentence, load_resources())
    tokens = tokenize(sentence)
    starts, ends = [t[0] for t in tokens], [t[1] for t in tokens]
    for s in range(min(len(sentence), 60) + 1):
        for e in range(s, min(len(sentence), s + 25) + 1):
            expected = (bisect_right(ends, s), bisect_left(starts, e))
            assert (bisect_right(tables.ends, tables.packed(sentence, s)), bisect_left(tables.starts, tables.packed(sentence, e))) == expected


def test_lower_keeps_each_characters_token_class():
    """What `_tokenize_packed` relies on to tokenize the lower-cased sentence."""
    import re

    word = re.compile(r"[^\W_]")
    apostrophes = "'’‘`"

    def token_class(c):
        return word.match(c) is not None, c in apostrophes, c.isspace()

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if low != c and len(low) == 1:
            assert token_class(c) == token_class(low), hex(code)


@pytest.mark.parametrize(
    "sentence, mentions",
    LONE_TARGET_CASES + WHITESPACE_CASES + [("x" * 13_000 + " Smith failed badly, said Jones.", ["Smith", "Jones"])],
)
def test_score_alone_is_score_targets_unmasked(sentence, mentions):
    from newsanalyzer.target_sentiment import score_alone

    n = len(sentence)
    spans = _all_spans(sentence, mentions) + [(-3, 2), (5, 2), (n + 5, n + 9)]  # out of range: cleaned alike
    expected = [(r.polarity, r.label) for r in score_targets(sentence, spans, mask_others=False)]
    assert score_alone(sentence, spans) == expected


def test_packed_tokenizer_on_random_text():
    """Chunks of letters, digits, apostrophes, marks and odd characters: the same tokens as `tokenize`."""
    import random

    from newsanalyzer.target_sentiment import _tokenize_packed

    rng = random.Random(5)
    pieces = list("abcXYZ019_'’‘`-.,;:!?\"“”()$%&/ \t\n\u00a0\u2003éßİΣς٣²½") + ["n't", "N’T", "don't", "said,", " "] * 3
    for _ in range(20_000):
        sentence = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        norms, lengths, may_end_in_nt = _tokenize_packed(sentence)
        tokens = tokenize(sentence)
        assert (norms, lengths) == ([t for _, _, t in tokens], [e - s for s, e, _ in tokens]), sentence
        assert may_end_in_nt or not any(t.endswith("n't") for t in norms), sentence


def test_word_characters_are_what_isalnum_accepts():
    """What `_tokenize_packed` relies on to take a chunk of letters as one token without looking:
    the tokenizer's word characters ([^\\W_]) are those `str.isalnum` accepts, letters among them,
    and no letter is a digit (so a chunk of letters needs no "<num>")."""
    import re

    word = re.compile(r"[^\W_]")
    digit = re.compile(r"\d")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert (word.match(c) is not None) == c.isalnum(), hex(code)
        if c.isalpha():
            assert word.match(c) and not digit.match(c), hex(code)


# ---------------------------------------------------------------------------
# The lone-target scores are added up in a fixed order: the floats are exactly
# those of this reference (the first fast path, written plainly), not only close.
# ---------------------------------------------------------------------------


def _reference_alone_scores(sentence, s, e, res, model):
    """The scores' pair (see `_Model`) of target [s, e) alone, each feature's weights added in the order the output depends on."""
    from bisect import bisect_left, bisect_right

    from newsanalyzer.target_sentiment import BAND_START, MID, NEG_SCOPE, WINDOW_TOKENS, _PASSIVE_AUX

    def add(z, weights):
        for w in filter(None, weights):
            z = z + w
        return z

    tokens = tokenize(sentence)
    norms = [t for _, _, t in tokens]
    n = len(norms)
    marks = [res.marks.get(t) for t in norms]
    stops = [i for i, m in enumerate(marks) if m and m[0]]
    quotes = [i for i, m in enumerate(marks) if m and m[1]]
    negators = [i for i, m in enumerate(marks) if (m and m[2]) or norms[i].endswith("n't")]
    contrasts = [i for i, m in enumerate(marks) if m and m[3]]
    hits = [(i, m[4]) for i, m in enumerate(marks) if m and m[4] is not None]
    first = bisect_right([t[1] for t in tokens], s)
    last = max(first - 1, bisect_left([t[0] for t in tokens], e) - 1)
    lo, hi = max(0, first - WINDOW_TOKENS), min(n, last + 1 + WINDOW_TOKENS)
    pw, flag = model.prefixed, model.prefixed.flags.get
    found = [model.bias, pw.ntargets.get("1")]
    if e - s <= 20 and sentence[s:e].strip().lower() in res.pronouns:
        found.append(pw.tpron.get(sentence[s:e].strip().lower()))
    if first == lo or (first - lo == 1 and norms[lo] in ("the", "a", "an", '"', "“", "'")):
        found.append(flag("first"))
    l1 = norms[first - 1] if first - 1 >= lo else "<s>"
    l2 = norms[first - 2] if first - 2 >= lo else "<s>"
    r1 = norms[last + 1] if last + 1 < hi else "</s>"
    r2 = norms[last + 2] if last + 2 < hi else "</s>"
    found += (pw.L1.get(l1), pw.R1.get(r1), pw.LB.get(l2 + "_" + l1), pw.RB.get(r1 + "_" + r2))
    k = bisect_left(stops, first)
    clause_start = max(lo, stops[k - 1] + 1) if k else lo
    k = bisect_right(stops, last)
    clause_end = min(hi, stops[k]) if k < len(stops) else hi
    if (bisect_left(quotes, first) - bisect_left(quotes, lo)) % 2:
        found.append(flag("inquote"))
    if not res.reporting.isdisjoint(norms[last + 1 : min(hi, last + 4)]):
        found.append(flag("speaker"))
    if first - 1 >= lo and l1 in res.reporting:
        found.append(flag("said_L1"))
    if first - 1 >= lo and l1 == "by":
        found.append(flag("agent_by"))
    if lo == 0 and hi == n:  # the whole sentence's bag, added up first, less the words only in the target
        found.append(add(0j, map(pw.w.get, dict.fromkeys(norms))))
        target = norms[first : last + 1]
        for t in dict.fromkeys(target):
            if norms.count(t) == target.count(t) and pw.w.get(t):
                found.append(-pw.w[t])
    else:
        found += map(pw.w.get, dict.fromkeys(norms[lo:first] + norms[last + 1 : hi]))

    found += map(pw.c.get, norms[clause_start:first] + norms[last + 1 : clause_end])  # words as often as they occur
    if first - BAND_START > lo:
        found += map(pw.Ln.get, norms[max(lo, first - MID) : first - BAND_START])
    found += map(pw.Rn.get, norms[last + BAND_START + 1 : min(hi, last + MID + 1)])
    after, before = norms[last + 1 : min(clause_end, last + 5)], norms[max(clause_start, first - 3) : first]
    for words, verbs, name in ((after, res.obj_neg, "subj_of_neg"), (after, res.obj_pos_only, "subj_of_pos"), (before, res.obj_neg, "obj_of_neg"), (before, res.obj_pos_only, "obj_of_pos")):
        if not verbs.isdisjoint(words):
            found.append(flag(name))
    if last + 2 < hi and r1 in _PASSIVE_AUX:
        if r2 in res.obj_neg:
            found.append(flag("passive_neg"))
        elif r2 in res.obj_pos:
            found.append(flag("passive_pos"))
    if bisect_left(contrasts, first) > bisect_left(contrasts, lo):
        found.append(flag("contrast_L"))
    if bisect_left(contrasts, hi) > bisect_right(contrasts, last):
        found.append(flag("contrast_R"))
    sum_l = sum_r = near_sum = clause_sum = lex_dist = 0.0
    summed, words = {}, {}
    for x, pol in hits:
        if x < lo or first <= x <= last or x >= hi:
            continue
        before_target = x < first
        outside = [j for j in negators if j <= x and not first <= j <= last]
        negated = False
        if outside and lo <= outside[-1] < x:
            j = outside[-1]
            negated = (x - j if before_target or j > last else x - j - (last - first)) <= NEG_SCOPE
        pol = -pol if negated else pol
        dist = first - x if before_target else x - last
        sum_l, sum_r = (sum_l + pol, sum_r) if before_target else (sum_l, sum_r + pol)
        key = "lex%s%s%s" % ("+" if pol > 0 else "-", "L" if before_target else "R", "n" if dist <= MID else "f")
        summed[key] = summed.get(key, 0.0) + abs(pol)
        near_sum += pol if dist <= MID else 0.0
        lex_dist += pol / (1.0 + 0.3 * dist)
        if clause_start <= x < clause_end:
            clause_sum += pol
            key = "lexc+" if pol > 0 else "lexc-"
            summed[key] = summed.get(key, 0.0) + abs(pol)
        side, t = ("lwL" if before_target else "lwR"), norms[x]
        if negated:
            words["negw=" + t] = pw.negw.get(t)
            words[side + "=!" + t] = getattr(pw, side).get("!" + t)
        else:
            words[side + "=" + t] = getattr(pw, side).get(t)
    z = add(0j, found + list(words.values()))
    if words:
        squash = lambda x: x / (1.0 + abs(x))  # noqa: E731
        summed.update(lexsumL=squash(sum_l), lexsumR=squash(sum_r), lexnear=squash(near_sum), lexclause=squash(clause_sum), lexd=lex_dist)
        for name, v in summed.items():
            if flag(name):
                z = z + flag(name) * v
    return z


def _sentences_and_spans():
    """The test sentences, longer ones and random spans (inside tokens, on whitespace, empty)."""
    import random

    rng = random.Random(11)
    cases = [(s, _all_spans(s, m)) for s, m in LONE_TARGET_CASES + WHITESPACE_CASES]
    long = " ".join(s for s, _ in LONE_TARGET_CASES[:10])  # beyond the window either side
    cases.append((long, [span(long, "Smith"), span(long, "Brown"), span(long, "Lee"), span(long, "mayor")]))
    for sentence, _ in list(cases):
        n = len(sentence)
        starts = [rng.randint(0, n) for _ in range(6)]
        cases.append((sentence, [(a, min(n, a + rng.randint(0, 12))) for a in starts]))
    return cases


@pytest.mark.parametrize("which_model", ["shipped", "every feature"])
def test_lone_target_scores_are_the_reference_floats(which_model):
    from newsanalyzer.target_sentiment import _alone_scores, _SentenceTables, load_resources

    res = load_resources()
    for sentence, spans in _sentences_and_spans():
        model = load_model() if which_model == "shipped" else _every_feature_model(sentence, [extract_features(sentence, [s])[0] for s in spans])
        scores = _alone_scores(sentence, _SentenceTables(sentence, res), spans, res, model)
        assert scores == [_reference_alone_scores(sentence, s, e, res, model) for s, e in spans], sentence


def test_decide_takes_the_maximum_as_max_does():
    """`_decide` compares for the maximum score; the same polarity and label as with `max` (ties, -0.0, infinities, NaN)."""
    import itertools

    from newsanalyzer.target_sentiment import _decide

    def with_max(a, b):
        m = max(a, 0.0, b)
        e0, e2 = math.exp(a - m), math.exp(b - m)
        pol = (e2 - e0) / (e0 + math.exp(-m) + e2)
        if not math.isfinite(pol):
            return 0.0, "neutral"
        pol = max(-1.0, min(1.0, pol))
        label = "negative" if a >= 0.0 and a >= b else ("positive" if b > 0.0 else "neutral")
        return pol, label

    model = load_model()
    values = (0.0, -0.0, 1.5, -2.25, 700.0, -700.0, math.inf, -math.inf, math.nan)
    for a, b in itertools.product(values, repeat=2):
        assert repr(_decide(model, complex(a, b))) == repr(with_max(a, b)), (a, b)


@pytest.mark.parametrize("extra_negative", [[], ["didn't", "won’t", "can't"]])
def test_marks_note_each_word_as_the_rules_say(extra_negative):
    """`_Resources.marks` (built lexicon words first) is what noting every word by the rules gives."""
    from newsanalyzer.target_sentiment import LEXICON_FILE, WORDS_FILE, _QUOTE_CHARS, _read_data_text, _Resources, parse_lexicon

    words = json.loads(_read_data_text(WORDS_FILE))
    words["news_negative"] = words["news_negative"] + extra_negative
    res = _Resources(words, parse_lexicon(_read_data_text(LEXICON_FILE)))
    expected = {
        t: (t in res.clause_stops, t in _QUOTE_CHARS, t in res.negators or t.endswith("n't") or t == "cannot", t in res.contrast, res.lexicon.get(t))
        for t in (*res.clause_stops, *_QUOTE_CHARS, *res.negators, "cannot", *res.lexicon)
    }
    assert res.marks == expected


def test_score_alone_each_is_score_alone_of_each():
    from newsanalyzer.target_sentiment import score_alone, score_alone_each

    pieces = [(sentence, _all_spans(sentence, mentions)) for sentence, mentions in LONE_TARGET_CASES + WHITESPACE_CASES]
    long = "x" * 13_000 + " Smith failed badly, said Jones."
    pieces += [(long, _all_spans(long, ["Smith", "Jones"])), ("Smith won.", [(-3, 2), (5, 2), (0, 5), (15, 19)]), ("", [])]
    assert score_alone_each(pieces) == [score_alone(sentence, spans) for sentence, spans in pieces]
