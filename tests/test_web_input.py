"""Web pages and URLs as input: the article's text and metadata, offsets into that text, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsanalyzer import __version__
from newsanalyzer.cli import main
from tests.web_pages import ARTICLE_PAGE, PLAIN_ARTICLE, LocalServer


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def assert_offsets_slice(record):
    text = record["text"]
    for q in record["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        for part in ("speaker", "cue"):
            if q[part]:
                assert text[q[part]["start"] : q[part]["end"]] == q[part]["text"]
    for actor in record["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def assert_is_the_article(record):
    assert record["meta"]["title"] == "Council backs harbor bridge"
    assert record["meta"]["author"] == "Ana Ruiz"
    assert record["meta"]["date"] == "2024-05-02"
    assert "Subscribe" not in record["text"] and "Cookie" not in record["text"] and "script ran" not in record["text"]
    assert {q["actor"] for q in record["quotes"]} >= {"Jane Doe", "Tom Lee"}
    assert_offsets_slice(record)


@pytest.fixture()
def page(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    return path


def test_html_file_is_read_as_its_article(page):
    result = invoke("analyze", "--format", "json", str(page))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    record = json.loads(result.stdout)
    assert record["id"] == str(page)
    assert record["meta"]["url"] is None
    assert_is_the_article(record)


def test_piped_html_with_the_html_flag():
    result = invoke("analyze", "--format", "jsonl", "--html", "-", input=ARTICLE_PAGE)
    assert result.exit_code == 0, result.stderr
    assert_is_the_article(json.loads(result.stdout))


def test_piped_html_is_recognised_by_its_content():
    record = json.loads(invoke("quotes", "--format", "json", input=ARTICLE_PAGE).stdout)
    assert_is_the_article(record)


def test_text_flag_reads_an_html_file_as_plain_text(page):
    record = json.loads(invoke("analyze", "--format", "json", "--text", str(page)).stdout)
    assert "meta" not in record and "text" not in record
    assert record["stats"]["characters"] == len(ARTICLE_PAGE)


def test_no_main_text_falls_back_to_blanked_markup_with_a_note(page, monkeypatch):
    monkeypatch.setattr("newsanalyzer.extract.extract_article", lambda html, url=None: None)
    result = invoke("quotes", "--format", "json", str(page))
    assert result.exit_code == 0
    assert "no main text found" in result.stderr
    record = json.loads(result.stdout)
    assert len(record["text"]) == len(ARTICLE_PAGE)  # the page itself, markup blanked, offsets kept
    assert "<" not in record["text"]
    assert_offsets_slice(record)
    assert invoke("quotes", "-q", "--format", "json", str(page)).stderr == ""


def test_include_text_adds_plain_text_too():
    plain = json.loads(invoke("quotes", "--format", "json", input=PLAIN_ARTICLE).stdout)
    assert "text" not in plain
    record = json.loads(invoke("quotes", "--format", "json", "--include-text", input=PLAIN_ARTICLE).stdout)
    assert record["text"] == PLAIN_ARTICLE
    assert_offsets_slice(record)


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "newsanalyzer", *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def test_url_is_fetched_with_our_user_agent_and_its_metadata():
    with LocalServer() as server:
        url = server.url("/article")
        proc = cli("analyze", "--format", "jsonl", url, server.url("/plain"))
        agents = list(server.user_agents)
    assert proc.returncode == 0, proc.stderr
    article, plain = (json.loads(line) for line in proc.stdout.splitlines())
    assert article["id"] == url and article["meta"]["url"] == url
    assert_is_the_article(article)
    assert plain["text"] == PLAIN_ARTICLE and plain["meta"]["url"] == server.url("/plain")
    assert plain["quotes"][0]["actor"] == "Ann Cole"
    assert agents and all(agent.startswith(f"newsanalyzer/{__version__}") for agent in agents)


def test_a_404_and_a_timeout_among_good_urls():
    with LocalServer() as server:
        urls = [server.url("/article"), server.url("/missing"), server.url("/slow"), server.url("/plain")]
        proc = cli("quotes", "--format", "jsonl", "--timeout", "1", *urls, timeout=60)
    assert proc.returncode == 1
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == [urls[0], urls[3]]
    errors = [line for line in proc.stderr.splitlines() if "error:" in line]
    assert errors == [
        f"newsanalyzer: error: {urls[1]}: HTTP 404 Not Found",
        f"newsanalyzer: error: {urls[2]}: timed out after 1 s (change the limit with --timeout)",
    ]
    assert "Traceback" not in proc.stderr


def test_unreachable_url_is_one_error_line():
    with LocalServer() as server:
        url = server.url("/article")
    proc = cli("analyze", "--format", "jsonl", "--timeout", "5", url)  # the server is closed now
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"newsanalyzer: error: {url}: cannot fetch") and "Traceback" not in proc.stderr


def test_version_and_help_do_not_import_trafilatura():
    for args in (["--version"], ["analyze", "--help"]):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsanalyzer", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0
        assert "trafilatura" not in proc.stderr and "urllib.request" not in proc.stderr
