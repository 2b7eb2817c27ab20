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


def _encoded_line(doc_id, analysis, include_text=False, meta=None):
    """What the JSON Lines renderer wrote before its fast path: the encoder over `document_record`."""
    from newsanalyzer.render.json_lines import _ONE_LINE
    from newsanalyzer.render.records import document_record

    record = document_record(doc_id, analysis)
    if meta is not None:
        record["meta"] = {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url}
    if include_text:
        record["text"] = analysis.text
    return _ONE_LINE.encode(record)


class _Quotes(int):
    pass


def test_json_lines_fast_path_writes_the_encoders_bytes():
    """Actors formatted field by field give the encoder's very text; a value of another type than the
    model declares (a bool, an int subclass, NaN, a str where a number goes) takes the encoder's path."""
    import dataclasses

    from newsanalyzer.model import Meta, Sentiment
    from newsanalyzer.render import json_lines
    from newsanalyzer.render.json_lines import _document_line

    texts = [ARTICLE, "", 'Ann Lee said "no". She left.\n\n“Wir schaffen das,” sagte Angela Merkel. 東京 \\ \x07 \u2028 said Bob.',
             "Barack Obama met Vladimir Putin. Obama said he was “deeply troubled” and Putin said nothing."]
    texts += ["\n\n".join(texts * 3), "\n\n".join(texts[3:] * 4)]  # more mentions than `_FEW_MENTIONS`
    fast = 0
    for text in texts:
        a = analyze(text)
        for doc_id, include_text, meta in [("x", False, None), ('a "b"\n', True, Meta("T", None, "2016", "u"))]:
            line = JsonRenderer.prepare("analyze", True, doc_id, a, include_text, meta)
            assert line == _encoded_line(doc_id, a, include_text, meta)
            fast_line = _document_line(doc_id, a, include_text, meta)
            assert fast_line in (line, None)
            fast += fast_line is not None
            json.loads(line)
    assert fast == 4  # the two long texts, twice
    a = analyze(texts[-1])
    assert sum(len(actor.mentions) for actor in a.actors) >= 8
    assert a.actors and a.actors[0].mentions
    first = a.actors[0]
    mention = first.mentions[0]
    odd_mentions = [dataclasses.replace(mention, start=True), dataclasses.replace(mention, polarity=1), dataclasses.replace(mention, sentence=_Quotes(3)),
                    dataclasses.replace(mention, polarity=float("nan")), dataclasses.replace(mention, text=5)]
    odd_actors = [dataclasses.replace(first, quotes=True), dataclasses.replace(first, type="place", referred_as=3), dataclasses.replace(first, name=None),
                  dataclasses.replace(first, said=Sentiment(float("inf"), 0.0, "positive"))]
    odd_actors += [dataclasses.replace(first, mentions=(m,) + first.mentions[1:]) for m in odd_mentions]
    for actor in odd_actors:
        odd = dataclasses.replace(a, actors=(actor,) + a.actors[1:])
        assert _document_line("x", odd, False, None) is None
        try:
            expected = _encoded_line("x", odd)
        except (ValueError, TypeError) as error:  # NaN: the encoder refuses it, as before
            try:
                JsonRenderer.prepare("analyze", True, "x", odd)
            except type(error):
                continue
            raise AssertionError("the encoder's error is not raised")
        assert JsonRenderer.prepare("analyze", True, "x", odd) == expected
    fine = dataclasses.replace(a, actors=(dataclasses.replace(first, referred_as=None, mentions=()),) + a.actors[1:])
    assert _document_line("x", fine, False, None) == _encoded_line("x", fine)
    marked = dataclasses.replace(a, text=a.text + json_lines._ACTORS_MARK)  # the mark inside a text: not the mark's own JSON
    assert _document_line("x", marked, True, None) == _encoded_line("x", marked, True)
    mark = json_lines._ACTORS_MARK  # a value that is the mark: the encoder
    assert _document_line(mark, a, False, None) is None and _document_line("x", a, False, Meta(mark)) is None
    assert JsonRenderer.prepare("analyze", True, mark, a) == _encoded_line(mark, a)
