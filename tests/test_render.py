import csv
import io
import json

from rich.console import Console

from newsanalyzer import analyze
from newsanalyzer.render.csv_rows import CsvRenderer, neutralize
from newsanalyzer.render.json_lines import JsonRenderer
from newsanalyzer.render.table import TableRenderer, shorten

ARTICLE = '“Taxes, fees, and "hidden" costs are up,” Ann Lee said. Critics said =SUM(A1) is wrong.'


def test_csv_is_rfc4180_with_commas_quotes_and_newlines():
    out = io.StringIO(newline="")
    renderer = CsvRenderer("quotes", out)
    renderer.document("doc, 1\nsecond line", analyze(ARTICLE))
    text = out.getvalue()
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][0] == "id" and rows[1][0] == "doc, 1\nsecond line"
    assert any('"hidden"' in cell and "," in cell for cell in rows[1])


def test_formula_cells_are_neutralised_but_numbers_are_not():
    assert neutralize("=SUM(A1)") == "'=SUM(A1)"
    assert neutralize("@cmd") == "'@cmd"
    assert neutralize("-0.5") == "'-0.5"
    assert neutralize(-0.5) == -0.5
    assert neutralize("plain") == "plain"


def test_json_single_document_is_one_object_and_several_an_array():
    a = analyze(ARTICLE)
    out = io.StringIO()
    one = JsonRenderer("analyze", out, lines=False)
    one.document("x", a)
    one.close()
    assert json.loads(out.getvalue())["id"] == "x"
    out = io.StringIO()
    many = JsonRenderer("analyze", out, lines=False)
    many.document("x", a)
    many.document("y", a)
    many.close()
    assert [d["id"] for d in json.loads(out.getvalue())] == ["x", "y"]


def test_table_renders_article_text_literally():
    out = io.StringIO()
    renderer = TableRenderer("quotes", out)
    renderer.console = Console(file=out, width=100, color_system=None)
    renderer.document("doc", analyze("“[bold]Not markup[/bold] at all, really,” Ann Lee said."))
    assert "[bold]Not markup[/bold]" in out.getvalue()


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    text = "word " * 100
    short = shorten(text, 30)
    assert len(short) <= 30 and short.endswith("…") and not short.endswith(" …")


def test_diverging_bar_points_the_right_way():
    renderer = TableRenderer("actors", io.StringIO())
    negative, positive = renderer.bar(-0.6).plain, renderer.bar(0.6).plain
    middle = negative.index("|") if "|" in negative else negative.index("│")
    assert "#" in negative[:middle] or "█" in negative[:middle]
    assert "#" in positive[middle:] or "█" in positive[middle:]
