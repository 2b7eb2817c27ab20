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
    model = load_model()
    assert model.labels == ("negative", "neutral", "positive")
    assert len(model.weights) == sum(map(len, data["features"].values())) > 10_000
    # The training script's 4 significant digits, exactly.
    assert all(len(v) == 3 and all(math.isfinite(x) and x == float("%.4g" % x) for x in v) for v in model.weights.values())


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


@pytest.mark.parametrize("sentence, mentions", LONE_TARGET_CASES + WHITESPACE_CASES)
def test_lone_targets_get_exactly_their_features(sentence, mentions):
    """The fast path adds up the same features as `extract_features`: checked with a model that weighs every feature differently."""
    import zlib

    from newsanalyzer.target_sentiment import _alone_scores, _Model, _SentenceTables, load_resources

    spans = _all_spans(sentence, mentions)
    expected = [extract_features(sentence, [s])[0] for s in spans]
    words = {t for _, _, t in tokenize(sentence)} | {"<s>", "</s>"}
    prefixes = ("w=", "c=", "Ln=", "Rn=", "L1=", "R1=", "lwL=", "lwR=", "lwL=!", "lwR=!", "negw=")
    # Every feature the sentence could give, so that a feature added by mistake shows too.
    names = sorted({name for features in expected for name in features} | {p + w for p in prefixes for w in words})
    weights = {name: [zlib.crc32((name + str(k)).encode()) / 2**32 - 0.5 for k in range(3)] for name in names}
    model = _Model({"labels": ["negative", "neutral", "positive"], "bias": [0.1, 0.2, 0.3], "weights": weights})
    res = load_resources()
    tables = _SentenceTables(sentence, res)
    for (s, e), features in zip(spans, expected):
        z = [model.bias[k] + sum(model.weights[name][k] * v for name, v in features.items()) for k in range(3)]
        assert _alone_scores(sentence, tables, s, e, res, model) == pytest.approx(z, abs=1e-9), sentence[s:e]


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

    norms, lengths = _tokenize_packed(sentence)
    tokens = tokenize(sentence)
    assert norms == [t for _, _, t in tokens]
    assert lengths == [e - s for s, e, _ in tokens]


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
