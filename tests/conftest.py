from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    """No test depends on the caller's colour or encoding settings."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
