import io
import os
from pathlib import Path

import pytest

from newsanalyzer.inputs import Document, InputProblem, UsageProblem, decode, expand, read_documents
from newsanalyzer.markup import blank_markup, looks_like_html


def test_decode_strips_one_utf8_bom_and_keeps_crlf():
    assert decode(b"\xef\xbb\xbfA\r\nB") == "A\r\nB"
    assert decode(b"\xef\xbb\xbf\xef\xbb\xbfA") == "\ufeffA"  # only one is a byte-order mark


def test_decode_utf16_with_bom():
    assert decode("“Hi”".encode("utf-16")) == "“Hi”"
    assert decode("“Hi”".encode("utf-16-be").join([b"\xfe\xff", b""])) == "“Hi”"


def test_decode_reports_the_first_bad_byte():
    with pytest.raises(ValueError, match="byte 3"):
        decode(b"abc\xffdef")


def test_decode_recognises_windows_1252_quotes():
    with pytest.raises(ValueError, match="cp1252"):
        decode(b"He said \x93no\x94.")
    assert decode(b"He said \x93no\x94.", "cp1252") == "He said “no”."


def test_decode_refuses_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x7fELF\x00\x00")


def test_unknown_encoding_is_a_usage_problem():
    with pytest.raises(UsageProblem):
        decode(b"x", "no-such-codec")


def test_stdin_jsonl_records_stream_with_line_numbers():
    stream = io.BytesIO(b'{"id": "a", "text": "One."}\n\nnot json\n{"text": "Two."}\n[1]\n')
    items = list(read_documents(["-"], jsonl=True, stdin=stream))
    assert items == [
        Document("a", "One."),
        InputProblem("-:3", "not valid JSON (Expecting value)"),
        Document("-:4", "Two."),
        InputProblem("-:5", 'record has no "text" string'),
    ]


def test_oversized_jsonl_record_is_skipped_and_the_next_one_read():
    stream = io.BytesIO(b'{"text": "' + b"x" * 100 + b'"}\n{"text": "ok"}\n')
    items = list(read_documents(["-"], jsonl=True, stdin=stream, max_bytes=50))
    assert isinstance(items[0], InputProblem) and "larger than 50 bytes" in items[0].message
    assert items[1] == Document("-:2", "ok")


def test_markup_is_blanked_with_offsets_kept():
    page = '<p class="a">Hello <b>world</b></p>\n<script>var said = "x";</script>'
    blank = blank_markup(page)
    assert len(blank) == len(page)
    assert blank.split() == ["Hello", "world"]
    assert blank.count("\n") == page.count("\n")
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert not looks_like_html("Use a < b and b > c, he said.")


def test_folder_gives_its_txt_files_in_path_order(tmp_path):
    for name in ["b.txt", "A.txt", "a b.txt", ".txt", "notes.md", "c.txt.bak", "..txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()  # a folder, not a file
    (tmp_path / "sub.txt" / "inner.txt").write_text("x", encoding="utf-8")
    expected = sorted(p for p in tmp_path.iterdir() if p.suffix == ".txt" and p.is_file())
    assert list(expand([str(tmp_path)])) == [str(p) for p in expected]
    assert [Path(p).name for p in expand([str(tmp_path)])] == ["..txt", "A.txt", "a b.txt", "b.txt"]
    (tmp_path / "only").mkdir()
    assert list(expand([str(tmp_path / "only")])) == [InputProblem(str(tmp_path / "only"), "folder has no *.txt files")]


@pytest.mark.parametrize("spelling", ["corpus", "corpus/", "./corpus", "corpus//", "."])
def test_folder_files_are_named_as_pathlib_joins_them(tmp_path, monkeypatch, spelling):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("b.txt", "a.txt"):
        (folder / name).write_text("x")
    monkeypatch.chdir(folder if spelling == "." else tmp_path)
    assert list(expand([spelling])) == [str(Path(spelling) / name) for name in ("a.txt", "b.txt")]


def test_urls_are_told_from_paths_as_fetch_tells_them():
    from newsanalyzer.fetch import is_url
    from newsanalyzer.inputs import URL_PREFIXES

    for item in ["http://a.b/c", "HTTPS://A.B", "https://", "http:/a", "ftp://a.b", "file.txt", "-", "http", "Http://x", "news/http://x"]:
        assert item.lower().startswith(URL_PREFIXES) == is_url(item), item


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 70_000, 200_000])
@pytest.mark.parametrize("limit", [0, 10, 65_536, 100_000, 20_000_000])
def test_reads_one_byte_past_the_limit_from_files_and_pipes(tmp_path, size, limit):
    import threading

    from newsanalyzer.inputs import _read_limited

    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        assert _read_limited(handle, limit) == data[: limit + 1]
    read_end, write_end = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write_end, data) if data else None, os.close(write_end)))
    writer.start()
    with open(read_end, "rb") as pipe:
        got = _read_limited(pipe, limit)
        pipe.read()  # let the writer finish
    writer.join()
    assert got == data[: limit + 1]
