"""Derived data kept on disk between runs: read back when its sources are unchanged, else rebuilt;
never required (no folder, a damaged file or an unwritable folder only means building it again)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsanalyzer import disk_cache
from tests.conftest import SAMPLES


def _valid(value) -> bool:
    return type(value) is dict


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "lexicon.txt"
    path.write_text("good 0.7\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV, str(where))
    return where


def _counting_build(source):
    calls = []

    def build():
        calls.append(1)
        word, value = source.read_text(encoding="utf-8").split()
        return {word: (float(value), None, ("a", 1))}

    return build, calls


def test_built_once_then_read_back(source, folder):
    build, calls = _counting_build(source)
    first = disk_cache.load("words", [str(source)], build, _valid)
    second = disk_cache.load("words", [str(source)], build, _valid)
    assert first == second == {"good": (0.7, None, ("a", 1))}
    assert len(calls) == 1
    assert [p.name.startswith("words-") and p.suffix == ".marshal" for p in folder.iterdir()] == [True]


def test_a_changed_source_is_derived_again_and_only_the_newest_files_kept(source, folder):
    build, calls = _counting_build(source)
    disk_cache.load("words", [str(source)], build, _valid)
    first = set(folder.iterdir())
    for k in range(1, 6):  # five more versions of the source, as upgrades or other installations make
        source.write_text(f"word{k} 0.{k}\n", encoding="utf-8")
        os.utime(source, ns=(k, k))
        assert disk_cache.load("words", [str(source)], build, _valid) == {f"word{k}": (k / 10, None, ("a", 1))}
    assert len(calls) == 6
    kept = set(folder.iterdir())
    assert len(kept) == disk_cache._VERSIONS_KEPT and not first & kept  # the oldest went first
    assert disk_cache.load("words", [str(source)], build, _valid) == {"word5": (0.5, None, ("a", 1))}
    assert len(calls) == 6  # the newest is read back


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "marshal of a list"])
def test_a_damaged_file_is_derived_again(source, folder, damage):
    import marshal

    build, calls = _counting_build(source)
    disk_cache.load("words", [str(source)], build, _valid)
    [path] = folder.iterdir()
    path.write_bytes(marshal.dumps([1, 2]) if damage == "marshal of a list" else damage)
    assert disk_cache.load("words", [str(source)], build, _valid) == {"good": (0.7, None, ("a", 1))}
    assert len(calls) == 2


def test_a_file_of_the_same_name_holding_other_data_is_not_read_back(source, folder):
    """Names are short digests: two identities may share one by chance; the identity stored in the file tells them apart."""
    import marshal

    build, calls = _counting_build(source)
    disk_cache.load("words", [str(source)], build, _valid)
    [path] = folder.iterdir()
    identity, value = marshal.loads(path.read_bytes())
    assert value == {"good": (0.7, None, ("a", 1))} and identity == disk_cache._identity("words", [str(source)])
    path.write_bytes(marshal.dumps((identity.replace("words", "other"), {"bad": (0.0, None, ("b", 2))})))
    assert disk_cache.load("words", [str(source)], build, _valid) == {"good": (0.7, None, ("a", 1))}
    assert len(calls) == 2
    assert disk_cache.load("words", [str(source)], build, _valid) == {"good": (0.7, None, ("a", 1))}
    assert len(calls) == 2  # written back whole, and read


def test_no_cache_when_switched_off_a_source_is_missing_or_the_folder_cannot_be_written(source, tmp_path, monkeypatch):
    build, calls = _counting_build(source)
    monkeypatch.setenv(disk_cache.ENV, "")  # switched off
    assert disk_cache.folder() is None
    disk_cache.load("words", [str(source)], build, _valid)
    disk_cache.load("words", [str(source)], build, _valid)
    assert len(calls) == 2

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(disk_cache.ENV, str(blocked / "cache"))
    assert disk_cache.load("words", [str(source)], build, _valid) == {"good": (0.7, None, ("a", 1))}

    monkeypatch.setenv(disk_cache.ENV, str(tmp_path / "cache"))
    assert disk_cache.load("words", [str(tmp_path / "missing.txt")], lambda: {}, _valid) == {}
    assert not (tmp_path / "cache").exists()


def test_default_folder_follows_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.delenv(disk_cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert disk_cache.folder() == str(tmp_path / "newsanalyzer")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: str(tmp_path / "home") if path == "~" else path)
    assert disk_cache.folder() == str(tmp_path / "home" / ".cache" / "newsanalyzer")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no HOME, no password entry
    assert disk_cache.folder() is None


def test_the_shipped_data_read_back_equals_the_data_derived(folder):
    """The tagger's lines, TextBlob's sentiment table and our model's weights, read from the cache."""
    from newsanalyzer import _light_imports

    _light_imports.install()
    from textblob import en

    from newsanalyzer import (
        fast_tagger,
        pattern_polarity,
        target_sentiment,
        textblob_data,
    )

    derived_table = pattern_polarity._derive_table()
    textblob_data.english_files.cache_clear()
    pattern_polarity._table.cache_clear()
    target_sentiment.load_model.cache_clear()
    try:
        for _ in range(2):  # the first call writes, the second reads
            assert fast_tagger.SortedLexicon.from_path(en.parser.lexicon.path)._lines == fast_tagger._checked_lines(
                fast_tagger._read_text(en.parser.lexicon.path)
            )
            pattern_polarity._table.cache_clear()
            assert pattern_polarity._table() == derived_table
            target_sentiment.load_model.cache_clear()
            model = target_sentiment.load_model()
            assert model.pairs == target_sentiment.parse_model(target_sentiment._read_data_text(target_sentiment.WEIGHTS_FILE)).pairs
        data_files = [p.name.split("-")[0] for p in folder.iterdir() if not p.name.startswith("code_")]  # (not modules' generated code)
        assert sorted(data_files) == ["pattern_table", "sentiment_model", "tagger_lexicon", "textblob_files"]
    finally:
        textblob_data.english_files.cache_clear()
        pattern_polarity._table.cache_clear()
        target_sentiment.load_model.cache_clear()


def test_the_command_line_prints_the_same_with_a_cold_or_warm_cache(tmp_path):
    env = dict(os.environ, NEWSANALYZER_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "newsanalyzer", "analyze", "--format", "jsonl", str(SAMPLES)]
    cold = subprocess.run(command, env=env, capture_output=True, timeout=120)
    warm = subprocess.run(command, env=env, capture_output=True, timeout=120)
    off = subprocess.run(command, env=dict(env, NEWSANALYZER_CACHE_DIR=""), capture_output=True, timeout=120)
    assert cold.returncode == warm.returncode == off.returncode == 0
    assert cold.stdout == warm.stdout == off.stdout and cold.stdout.count(b"\n") == 3
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    assert kept == ["code_inputs", "code_model", "code_pipeline", "code_sentiment", "code_target_sentiment",  # generated code
                    "pattern_table", "sentiment_model", "sentiment_words", "tagger_lexicon", "textblob_files"]


def test_the_target_sentiment_word_lists_read_back_equal_those_derived(folder):
    from newsanalyzer import target_sentiment

    derived = vars(target_sentiment._read_resources())
    target_sentiment.load_resources.cache_clear()
    try:
        for _ in range(2):  # the first call writes, the second reads
            target_sentiment.load_resources.cache_clear()
            loaded = vars(target_sentiment.load_resources())
            assert loaded == derived and list(loaded["marks"]) == list(derived["marks"]) and list(loaded["lexicon"]) == list(derived["lexicon"])
        assert [p.name.split("-")[0] for p in folder.iterdir()] == ["sentiment_words"]
    finally:
        target_sentiment.load_resources.cache_clear()
