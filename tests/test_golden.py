"""Whole-article behaviour: each sample against its reviewed golden JSON.

Regenerate on purpose only, then review the diff:
    NEWSANALYZER_REGENERATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os

import pytest

from newsanalyzer import analyze
from newsanalyzer.render.records import document_record
from tests.conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_golden(sample):
    text = sample.read_bytes().decode("utf-8")
    record = document_record(f"samples/{sample.name}", analyze(text))
    golden = GOLDEN / (sample.stem + ".json")
    if os.environ.get("NEWSANALYZER_REGENERATE_GOLDEN"):
        golden.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {sample.name}; regenerate on purpose"
    assert record == json.loads(golden.read_text(encoding="utf-8"))
