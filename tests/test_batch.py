"""Batches: ordered parallel output, streamed JSON Lines, limits, the corpus summary."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from newsanalyzer.cli import main
from tests.conftest import SAMPLES


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def make_corpus(folder, count=12):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(count):
        (folder / f"doc{i:03}.txt").write_text(texts[i % len(texts)][: 400 + 300 * i], encoding="utf-8")
    return folder


def test_jobs_give_byte_identical_output_in_input_order(tmp_path):
    corpus = make_corpus(tmp_path)
    one = invoke("analyze", "--format", "jsonl", "--jobs", "1", str(corpus))
    two = invoke("analyze", "--format", "jsonl", "--jobs", "2", str(corpus))
    every = invoke("analyze", "--format", "jsonl", "--jobs", "0", str(corpus))
    assert one.exit_code == two.exit_code == every.exit_code == 0
    assert one.stdout == two.stdout == every.stdout
    assert [json.loads(x)["id"] for x in one.stdout.splitlines()] == [str(p) for p in sorted(corpus.glob("*.txt"))]


def test_jobs_keep_problems_in_order(tmp_path):
    corpus = make_corpus(tmp_path, 4)
    (corpus / "doc001.txt").write_bytes(b"\x00\x01 binary")
    result = invoke("analyze", "--format", "jsonl", "--jobs", "2", str(corpus))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 3


def test_jsonl_input_is_streamed_with_jobs(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(20):
            out.write(json.dumps({"id": f"r{i}", "text": f"“Record {i} is fine today,” Ann Lee said."}) + "\n")
    result = invoke("quotes", "--format", "jsonl", "-j", "2", str(path))
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [f"r{i}" for i in range(20)]


def test_files_over_the_size_limit_are_refused_with_a_message(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Fine.", encoding="utf-8")
    result = invoke("analyze", "--format", "jsonl", "--max-bytes", "1000", str(tmp_path))
    assert result.exit_code == 1
    assert "larger than 1,000 bytes" in result.stderr and "--max-bytes" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_summary_counts_quotes_and_mentions_across_documents(tmp_path):
    (tmp_path / "a.txt").write_text("“We will build it,” Jane Doe said. Jane Doe smiled.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“It is a fine plan for all,” Jane Doe said. Critics said it would fail.", encoding="utf-8")
    result = invoke("summary", "--format", "json", str(tmp_path))
    record = json.loads(result.stdout)
    assert record["documents"] == 2
    top = record["most_quoted"][0]
    assert top["name"] == "Jane Doe" and top["quotes"] == 2 and top["documents"] == 2
    assert record["quotes_by_actor_type"]["person"]["quotes"] == 2
    table = invoke("summary", str(tmp_path))
    assert "Most quoted" in table.stdout and "Jane Doe" in table.stdout
    rows = invoke("summary", "--format", "csv", str(tmp_path)).stdout.splitlines()
    assert rows[0].startswith("name,type,documents")


def test_html_is_detected_and_tags_are_not_mined():
    page = '<html><body><p data-x="“Nobody said this,” Tom Fake said.">“We will win this race,” <b>Jane Doe</b> said.</p></body></html>'
    result = invoke("quotes", "--format", "json", input=page)
    record = json.loads(result.stdout)
    assert "meta" in record  # read as a web page (tests/test_web_input.py covers extraction)
    assert [q["actor"] for q in record["quotes"]] == ["Jane Doe"]
    assert all(record["text"][q["start"] : q["end"]] == q["text"] for q in record["quotes"])


def run_cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "newsanalyzer", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_closed_pipe_stops_quietly(tmp_path):
    corpus = make_corpus(tmp_path, 30)
    proc = subprocess.run(
        f"{sys.executable} -m newsanalyzer analyze --format jsonl {corpus} | head -n1",
        shell=True, capture_output=True, timeout=120,
    )
    assert len(proc.stdout.splitlines()) == 1
    assert proc.stderr == b""


def test_no_progress_bar_in_a_pipe(tmp_path):
    corpus = make_corpus(tmp_path, 3)
    proc = subprocess.run([sys.executable, "-m", "newsanalyzer", "analyze", "--format", "jsonl", str(corpus)], capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == b""
    assert b"\x1b" not in proc.stdout


def test_ctrl_c_exits_130_with_whole_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    text = (SAMPLES / "china-russia-north-korea.txt").read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for i in range(400):
            out.write(json.dumps({"id": str(i), "text": text}) + "\n")
    proc = run_cli("analyze", "--format", "jsonl", str(path))
    first = proc.stdout.readline()  # at least one document is out: we are inside the loop
    assert first.endswith(b"\n")
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    rest, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 5
    assert proc.returncode == 130
    assert b"interrupted after" in err and b"Traceback" not in err
    for line in (first + rest).splitlines():
        json.loads(line)
