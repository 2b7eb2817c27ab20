"""The command line through Click's runner (stdout and stderr kept apart) and as a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsanalyzer.cli import main
from tests.conftest import SAMPLES

SAMPLE = str(SAMPLES / "harbor-bridge-vote.txt")
ARTICLE = "“We will win,” Jane Doe said. Officials said the plan was sound.\n"
COMMANDS = ["analyze", "quotes", "actors", "sentiment", "tokens"]


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "--format" in result.stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("newsanalyzer, version ")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_every_command_and_format_from_a_file(command, fmt):
    result = invoke(command, "--format", fmt, SAMPLE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout
    assert result.stderr == ""
    if fmt in ("json", "jsonl"):
        record = json.loads(result.stdout)
        assert record["id"] == SAMPLE
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_reads_standard_input(command):
    result = invoke(command, "--format", "jsonl", input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "-"


def test_dash_reads_standard_input_and_keeps_offsets():
    result = invoke("quotes", "--format", "json", "-", input=ARTICLE)
    record = json.loads(result.stdout)
    quote = record["quotes"][0]
    assert ARTICLE[quote["start"] : quote["end"]] == quote["text"] == "We will win,"
    assert quote["actor"] == "Jane Doe"


def test_jsonl_output_is_one_object_per_document_in_order(tmp_path):
    for name in ["b.txt", "a.txt", "c.md"]:
        (tmp_path / name).write_text(f"{name} said nothing.\n", encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", str(tmp_path))
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_json_with_several_documents_is_an_array(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.", encoding="utf-8")
    result = invoke("analyze", "--format", "json", str(tmp_path))
    assert [d["id"] for d in json.loads(result.stdout)] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_missing_file_among_good_ones_exits_1_and_names_it(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fine.", encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr and "no such file" in result.stderr
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [str(good)]
    assert "Traceback" not in result.stderr


def test_empty_folder_is_an_error(tmp_path):
    result = invoke("analyze", str(tmp_path))
    assert result.exit_code == 1
    assert "no *.txt files" in result.stderr


def test_bad_format_is_a_usage_error():
    result = invoke("analyze", "--format", "xml", SAMPLE)
    assert result.exit_code == 2
    assert "Error:" in result.stderr


def test_dash_twice_is_a_usage_error():
    result = invoke("analyze", "-", "-", input="x")
    assert result.exit_code == 2
    assert "only once" in result.stderr


def test_no_input_on_a_terminal_gives_a_hint_and_exit_2():
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; sys.stdin.isatty = lambda: True; from newsanalyzer.cli import main; main()", "analyze"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "no input" in proc.stderr


def test_not_utf8_is_reported_with_the_byte_offset_and_encoding_option_works(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("He said \u201cno\u201d.".encode("cp1252"))
    result = invoke("analyze", "--format", "jsonl", str(path))
    assert result.exit_code == 1
    assert "not valid UTF-8 at byte 8" in result.stderr and "--encoding cp1252" in result.stderr
    result = invoke("analyze", "--format", "jsonl", "--encoding", "cp1252", str(path))
    assert result.exit_code == 0


def test_unknown_encoding_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert invoke("analyze", "--encoding", "klingon", str(path)).exit_code == 2


def test_bom_and_crlf_keep_offsets(tmp_path):
    text = "Title\r\n\r\n“It works for all of us,” Ann Lee said.\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    record = json.loads(invoke("quotes", "--format", "json", str(path)).stdout)
    quote = record["quotes"][0]
    assert text[quote["start"] : quote["end"]] == quote["text"] == "It works for all of us,"


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("“Yes, we can do it,” Bo Chen said.".encode("utf-16"))
    record = json.loads(invoke("quotes", "--format", "json", str(path)).stdout)
    assert record["quotes"][0]["actor"] == "Bo Chen"


def test_binary_file_in_a_batch_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "b.txt").write_text("Fine.", encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert "binary" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_empty_and_blank_files_are_valid_empty_analyses(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert record["quotes"] == [] and record["actors"] == []
        assert record["sentiment"]["label"] == "neutral"


def test_jsonl_input_records_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "“Hi,” Al Roe said."}) + "\n{broken\n" + json.dumps({"id": "three"}) + "\n"
        + json.dumps({"id": "four", "text": "Fine."}) + "\n",
        encoding="utf-8",
    )
    result = invoke("analyze", "--format", "jsonl", str(path))
    assert result.exit_code == 1
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["one", "four"]
    assert f"{path}:2" in result.stderr and f"{path}:3" in result.stderr


def test_table_output_keeps_brackets_and_has_no_escape_codes_in_a_pipe():
    result = invoke("quotes", input="“[He] is right,” Jo Ames said.\n")
    assert "[He] is right" in result.stdout
    assert "\x1b[" not in result.stdout


def test_csv_neutralises_formulas():
    result = invoke("quotes", "--format", "csv", input="“=cmd|' /C calc'!A0 is fine,” Jo Ames said.\n")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["text"].startswith("'=")


def test_no_color_and_color_flags(monkeypatch):
    assert "\x1b[" in invoke("analyze", "--color", SAMPLE).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("analyze", SAMPLE).stdout


def run_process(*args, input=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "newsanalyzer", *args], input=input, capture_output=True, timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_module_entry_point_and_stdout_identical_with_quiet():
    plain = run_process("analyze", "--format", "jsonl", SAMPLE)
    quiet = run_process("analyze", "--format", "jsonl", "-q", SAMPLE)
    assert plain.returncode == 0 and plain.stdout == quiet.stdout and quiet.stderr == b""


def test_ascii_terminal_encoding_does_not_crash_tables():
    proc = run_process("analyze", str(SAMPLES / "china-russia-north-korea.txt"), env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_full_disk_is_one_error_line():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "newsanalyzer", "analyze", "--format", "jsonl", SAMPLE], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_odd_file_names_work(tmp_path):
    text = "“We will build the bridge,” Ann Lee said.\n"
    for name in ["with space.txt", "-dash.txt"]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    odd = os.path.join(os.fsencode(tmp_path), b"b\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "newsanalyzer", "quotes", "--format", "jsonl", "--", "with space.txt", "-dash.txt", b"b\xe9.txt"],
        cwd=tmp_path, capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.decode("utf-8").splitlines()]
    assert ids == ["with space.txt", "-dash.txt", "b\\xe9.txt"]


def test_process_substitution_path(tmp_path):
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m newsanalyzer quotes --format jsonl <(printf '“It is done now,” Ann Lee said.')"],
        capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["quotes"][0]["actor"] == "Ann Lee"


def test_verbose_and_quiet_do_not_change_stdout():
    plain = run_process("analyze", "--format", "jsonl", SAMPLE)
    verbose = run_process("analyze", "--format", "jsonl", "-v", SAMPLE)
    assert plain.stdout == verbose.stdout
    assert SAMPLE.encode() in verbose.stderr and b"written" in verbose.stderr


@pytest.mark.parametrize("inputs", [["one.txt"], ["missing.txt"], ["one.txt", "missing.txt"]])
@pytest.mark.parametrize("enabled_before", [True, False])
def test_garbage_collection_is_as_the_caller_left_it(tmp_path, inputs, enabled_before):
    """The CLI pauses collection while the lexicons load; a process that runs it (a test,
    a script) gets collection back as it was, whether documents were written or not."""
    import gc

    (tmp_path / "one.txt").write_text("Putin said he was happy.", encoding="utf-8")
    paths = [str(tmp_path / name) for name in inputs]
    (gc.enable if enabled_before else gc.disable)()
    try:
        result = invoke("analyze", "--format", "jsonl", *paths)
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()
    assert result.exit_code == (1 if "missing.txt" in inputs else 0)
