from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def _session_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("newsanalyzer-cache")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, _session_cache_dir):
    """No test depends on the caller's colour or encoding settings, or writes to the caller's cache."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    monkeypatch.setenv("NEWSANALYZER_CACHE_DIR", str(_session_cache_dir))
