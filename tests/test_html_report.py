"""The HTML report: one self-contained page, every quote marked with its speaker, article text escaped."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsanalyzer.cli import main
from tests.conftest import SAMPLES
from tests.web_pages import ARTICLE_PAGE

CHROMIUM = "/usr/bin/chromium"
HOSTILE = (
    "<script>alert('script ran')</script> “It is <b>fine</b> & \"safe\" here,” Jo Ames said.\n\n"
    "“The \"><img src=x onerror=alert(1)> tag is only text,” Ann Lee said of the '<style>' mess.\n"
)
SAMPLE = SAMPLES / "harbor-bridge-vote.txt"


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


class Marks(HTMLParser):
    """The report's elements, as a browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[dict] = []
        self.quote_text: dict[tuple[int, int], list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self.stack.append(attrs)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for attrs in self.stack:
            self.quote_text.setdefault((int(attrs["data-start"]), int(attrs["data-end"])), []).append(data)


def article_part(page: str) -> str:
    """The article text of (the first section of) a report, where only our highlights may be elements."""
    return page.split('<article class="text">', 1)[1].split("</article>", 1)[0]


def visible_text(fragment: str) -> str:
    """The text a reader sees (entities decoded, tags dropped)."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(fragment)
    parser.close()
    return "".join(parts)


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    parser.close()
    return parser


def assert_quotes_marked(page: str, records: list[dict]) -> None:
    marks = parse(page)
    by_span = {(int(a["data-start"]), int(a["data-end"])): a for tag, a in marks.tags if tag == "mark"}
    for record in records:
        for q in record["quotes"]:
            attrs = by_span[(q["start"], q["end"])]
            assert attrs["data-actor"] == (q["actor"] or "")
            assert attrs["data-kind"] == q["kind"]
            assert "".join(marks.quote_text[(q["start"], q["end"])]) == q["text"]


def test_report_marks_every_quote_with_its_speaker_cue_and_actor_link():
    page = invoke("analyze", "--format", "html", str(SAMPLE)).stdout
    record = json.loads(invoke("analyze", "--format", "json", str(SAMPLE)).stdout)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert_quotes_marked(page, [record])
    tags = parse(page).tags
    ids = {a["id"] for _, a in tags if "id" in a}
    speakers = [a for tag, a in tags if tag == "a" and "speaker" in a.get("class", "")]
    assert speakers and all(a["href"][1:] in ids for a in speakers)  # each speaker links to its actor in the panel
    panel = {a["data-actor"] for tag, a in tags if tag == "li" and "actor" in a.get("class", "").split()}
    assert panel == {x["name"] for x in record["actors"]}
    assert sum(1 for tag, a in tags if a.get("class") == "cue") >= 1
    assert "Who gets quoted" in page and "received" in page


def test_page_is_self_contained_and_runs_nothing():
    page = invoke("analyze", "--format", "html", str(SAMPLE)).stdout
    tags = parse(page).tags
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "link", "object", "embed")]
    assert not re.search(r"""(?:src|href)="(?:https?:)?//""", page)
    assert "default-src 'none'" in page  # and a policy that would block any script anyway
    assert "@media print" in page


def test_article_text_is_escaped():
    page = invoke("analyze", "--format", "html", "--text", input=HOSTILE).stdout
    tags = parse(page).tags
    assert not [t for t, _ in tags if t in ("script", "img")]
    assert {t for t, _ in parse(article_part(page)).tags} <= {"div", "span", "p", "mark", "a"}
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    shown = visible_text(article_part(page))
    assert "<script>alert('script ran')</script>" in shown and '"><img src=x onerror=alert(1)>' in shown
    record = json.loads(invoke("analyze", "--format", "json", "--text", input=HOSTILE).stdout)
    assert_quotes_marked(page, [record])


def test_metadata_is_escaped_and_only_web_links_are_made():
    from newsanalyzer import analyze
    from newsanalyzer.model import Meta
    from newsanalyzer.render.html_report import document_section

    meta = Meta(title='<script>x</script>"', author="<i>A</i>", date="2024", url="javascript:alert(1)")
    _, section = document_section('id"><script>', analyze("“Fine,” Jo Ames said."), meta)
    assert "<script>" not in section and "<i>" not in section and "javascript:" not in section
    _, section = document_section("x", analyze("Fine."), Meta(url="https://example.org/a?b=1&c=2"))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in section


def test_several_documents_make_one_page_with_a_section_each(tmp_path):
    (tmp_path / "a.txt").write_text("“We will win,” Jane Doe said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(HOSTILE, encoding="utf-8")
    page = invoke("quotes", "--format", "html", "--text", "-j", "2", str(tmp_path)).stdout
    assert page.count("<!DOCTYPE html>") == 1 and page.count("</html>") == 1
    assert page.count('<section class="doc"') == 2
    records = [json.loads(line) for line in invoke("quotes", "--format", "jsonl", "--text", str(tmp_path)).stdout.splitlines()]
    for record, section in zip(records, page.split('<section class="doc"')[1:]):
        assert_quotes_marked(section, [record])


def test_html_page_from_a_web_page_carries_its_title_and_byline(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    page = invoke("analyze", "--format", "html", str(path)).stdout
    assert "<title>Council backs harbor bridge</title>" in page
    assert "Ana Ruiz" in page and "2024-05-02" in page
    assert "script ran" not in page


def test_output_file_is_replaced_atomically(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    os.chmod(target, 0o640)
    result = invoke("analyze", "--format", "html", "--output", str(target), str(SAMPLE))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(target).st_mode & 0o777 == 0o640  # the file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


def test_a_failed_run_leaves_the_output_file_alone(tmp_path, monkeypatch):
    target = tmp_path / "out.jsonl"
    target.write_text("old", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise RuntimeError("analysis blew up")

    monkeypatch.setattr("newsanalyzer.batch.analyze_stream", interrupted)
    with pytest.raises(RuntimeError):
        invoke("analyze", "--format", "jsonl", "-o", str(target), str(SAMPLE))
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path):
    result = invoke("analyze", "-o", str(tmp_path / "no" / "such.html"), str(SAMPLE))
    assert result.exit_code == 2 and "--output" in result.stderr


def test_tokens_as_html_is_a_usage_error_and_summary_is_a_page():
    assert invoke("tokens", "--format", "html", str(SAMPLE)).exit_code == 2
    page = invoke("summary", "--format", "html", str(SAMPLES)).stdout
    assert page.startswith("<!DOCTYPE html>") and "Most quoted" in page and "Who gets quoted" in page


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser: install Chromium ({CHROMIUM}) to check the report in a real browser")
def test_report_in_a_headless_browser(tmp_path):
    """Chromium loads the page from file://, draws it, and its DOM has every quote marked with its speaker."""
    (tmp_path / "1-sample.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "newsanalyzer", "analyze", "--format", "html", "--text", "-o", str(report), str(tmp_path)], check=True, timeout=120)
    records = [json.loads(line) for line in subprocess.run(
        [sys.executable, "-m", "newsanalyzer", "analyze", "--format", "jsonl", "--text", str(tmp_path)], check=True, timeout=120, capture_output=True, text=True
    ).stdout.splitlines()]
    browser = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
    ]
    screenshot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={screenshot}", "--window-size=1280,2000", report.as_uri()], capture_output=True, timeout=120)
    assert screenshot.exists() and screenshot.stat().st_size > 10_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = subprocess.run([*browser, "--dump-dom", report.as_uri()], capture_output=True, timeout=120, text=True, encoding="utf-8").stdout
    assert "<title>" in dom and "script ran" not in dom.split("</title>")[0]
    sections = dom.split('<section class="doc"')[1:]
    assert len(sections) == 2
    for record, section in zip(records, sections):
        assert_quotes_marked(section, [record])
    hostile = parse(article_part(sections[1])).tags
    assert {t for t, _ in hostile} <= {"div", "span", "p", "mark", "a"}  # the browser built no element from article text
    assert "<script" not in dom and "<img" not in dom
    if os.environ.get("NEWSANALYZER_KEEP_SCREENSHOT"):
        shutil.copy(screenshot, os.environ["NEWSANALYZER_KEEP_SCREENSHOT"])
