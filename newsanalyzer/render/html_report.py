"""The HTML report: one self-contained page a journalist can open, print or forward.

Each document is a section: a summary at the top (title, byline, figures and
who gets quoted), the article with every quote highlighted in its speaker's
colour (the cue underlined, the speaker mention marked and linked to its
actor), and a side panel of actors with diverging sentiment bars (what each
said, and how each is portrayed).

Safety: every piece of article text and every attribute value goes through
`html.escape` inside double quotes; the page has no script and a
Content-Security-Policy that allows none, no external assets and no network
access, so it works from file:// and prints to PDF (print CSS included).

`HtmlRenderer.prepare` is pure and picklable (it may run in a `--jobs`
worker); `write` and `close` only stream the prepared sections between the
page's opening and its end.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsanalyzer._version import __version__
from newsanalyzer.model import Actor, Analysis, Meta, Sentiment

PALETTE_SIZE = 10  # speaker colours c0..c9, then they repeat
NEUTRAL_BAND = 0.05
SOURCE_LABELS = {"person": "Named people", "organization": "Organisations", "unnamed": "Unnamed sources", "other": "Places and other"}
_SURROGATE = re.compile("[\ud800-\udfff]")
KIND_HELP = {
    "direct": "direct: the whole quote is in quotation marks",
    "mixed": "mixed: reported speech with quoted fragments",
    "indirect": "indirect: reported speech without quotation marks",
}


def esc(value: object) -> str:
    """Text or an attribute value, escaped for HTML (always used inside double quotes)."""
    text = html.escape(str(value), quote=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from odd input: shown as U+FFFD, never a crash
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _label(polarity: float) -> str:
    return "positive" if polarity >= NEUTRAL_BAND else "negative" if polarity <= -NEUTRAL_BAND else "neutral"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for an href, else None (no javascript:, data: or file: links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def bar(name: str, polarity: float, *, title: str = "") -> str:
    """A diverging bar: red grows left of the centre line, green right of it."""
    width = min(50.0, abs(polarity) * 50)
    side = "pos" if polarity > 0 else "neg"
    label = _label(polarity)
    return (
        f'<div class="bar" title="{esc(title or f"{name}: {label} {polarity:+.2f}")}">'
        f'<span class="bar-name">{esc(name)}</span>'
        f'<span class="track"><span class="fill {side}" style="width:{width:.1f}%"></span></span>'
        f'<span class="bar-value {label}">{polarity:+.2f}</span></div>'
    )


# ---------------------------------------------------------------------------
# The article text with nested highlights


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # nesting order when spans start together: quote, then speaker, then cue
    open: str
    close: str

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.start, -self.end, self.rank)


def _nested(text: str, start: int, end: int, spans: list[_Span]) -> str:
    """text[start:end] escaped, with `spans` (clipped to it) as properly nested elements.

    Where two spans cross, the later one is closed and reopened around the
    boundary, so the markup is always well formed.
    """
    inside = [s for s in spans if s.start < end and s.end > start and s.start < s.end]
    points = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    starting: dict[int, list[_Span]] = {}
    for s in inside:
        starting.setdefault(max(s.start, start), []).append(s)
    out: list[str] = []
    stack: list[_Span] = []
    active: list[_Span] = []
    for left, right in zip(points, points[1:]):
        active = [s for s in active if s.end > left] + starting.get(left, [])
        wanted = sorted(active, key=lambda s: s.key)
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] is wanted[common]:
            common += 1
        for s in reversed(stack[common:]):
            out.append(s.close)
        for s in wanted[common:]:
            out.append(s.open)
        stack = wanted
        out.append(esc(text[left:right]))
    for s in reversed(stack):
        out.append(s.close)
    return "".join(out)


# ---------------------------------------------------------------------------
# One document


def _rank(actors: Iterable[Actor]) -> list[Actor]:
    return sorted(actors, key=lambda x: (-x.quotes, -len(x.mentions), x.mentions[0].start if x.mentions else 0, x.name))


def _section_id(doc_id: str) -> str:
    return "d" + hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _headline(a: Analysis, title: str | None) -> str | None:
    """The article's first paragraph when it is a headline (the page's title, or a short line
    without closing punctuation followed by more text)."""
    if len(a.paragraphs) < 2:
        return None
    first = a.text[a.paragraphs[0].start : a.paragraphs[0].end]
    if title is not None:
        return first if " ".join(first.split()) == title else None
    return first if len(first) <= 160 and first.rstrip()[-1:] not in ".!?:;,\"”’'" else None


def _article(a: Analysis, anchors: dict[str, str], colours: dict[str, str], skip_first: bool = False) -> str:
    spans: list[_Span] = []
    seen_speakers: list[tuple[int, int]] = []
    seen_cues: set[tuple[int, int]] = set()
    for i, q in enumerate(a.quotes):
        colour = colours.get(q.actor or "", "cx")
        who = q.actor or "unattributed"
        title = f"{who} · {KIND_HELP[q.kind]} · tone {q.sentiment.label} {q.sentiment.polarity:+.2f}"
        spans.append(_Span(
            q.start, q.end, 0,
            f'<mark class="quote k-{esc(q.kind)} {colour}" data-quote="{i}" data-actor="{esc(q.actor or "")}" '
            f'data-kind="{esc(q.kind)}" data-start="{q.start}" data-end="{q.end}" title="{esc(title)}">',
            "</mark>",
        ))
        if q.speaker and not any(s < q.speaker.end and q.speaker.start < e for s, e in seen_speakers):
            seen_speakers.append((q.speaker.start, q.speaker.end))
            attrs = f'data-actor="{esc(q.actor or "")}" data-start="{q.speaker.start}" data-end="{q.speaker.end}"'
            if q.actor in anchors:
                spans.append(_Span(q.speaker.start, q.speaker.end, 1,
                                   f'<a class="speaker {colour}" href="#{anchors[q.actor]}" {attrs} title="{esc(q.actor)}">', "</a>"))
            else:
                spans.append(_Span(q.speaker.start, q.speaker.end, 1, f'<span class="speaker cx" {attrs}>', "</span>"))
        if q.cue and (q.cue.start, q.cue.end) not in seen_cues:
            seen_cues.add((q.cue.start, q.cue.end))
            spans.append(_Span(q.cue.start, q.cue.end, 2,
                               f'<span class="cue" data-start="{q.cue.start}" data-end="{q.cue.end}">', "</span>"))
    if not a.paragraphs:
        return '<p class="empty">This document has no text.</p>'
    paragraphs = list(a.paragraphs)
    if skip_first and not any(s.start < paragraphs[0].end for s in spans):
        paragraphs = paragraphs[1:]  # it is the headline above, and nothing in it is marked
    return "\n".join(f"<p>{_nested(a.text, p.start, p.end, spans)}</p>" for p in paragraphs)


def _tone(s: Sentiment) -> str:
    return f'<span class="tone {esc(s.label)}">{esc(s.label)} {s.polarity:+.2f}</span>'


def who_gets_quoted(record: dict) -> str:
    """The source-diversity block: quotes by kind of source, people by how the text refers to them."""
    quotes = record["quotes"]
    total = sum(quotes.values())
    if not total:
        return '<div class="who"><h2>Who gets quoted</h2><p class="muted">No quotes found.</p></div>'
    segments = "".join(
        f'<span class="seg s-{kind}" style="width:{100 * n / total:.2f}%" title="{esc(SOURCE_LABELS[kind])}: {n}"></span>'
        for kind, n in quotes.items() if n
    )
    legend = "".join(
        f'<li><span class="dot s-{kind}"></span>{esc(SOURCE_LABELS[kind])} <b>{n}</b> <span class="muted">{100 * n / total:.0f}%</span></li>'
        for kind, n in quotes.items()
    )
    people = record["people"]
    named = sum(e["people"] for e in people.values())
    chips = "".join(
        f'<li class="ref-{key}"><b>{e["people"]}</b> {esc(key if key != "unknown" else "not stated")}'
        f'<span class="muted"> · {e["quotes"]} quote{"s" if e["quotes"] != 1 else ""}</span></li>'
        for key, e in people.items() if e["people"] or key != "they"
    )
    return (
        '<div class="who"><h2>Who gets quoted</h2>'
        f'<div class="stack" role="img" aria-label="quotes by kind of source">{segments}</div>'
        f'<ul class="legend">{legend}</ul>'
        f'<h3>{named} named {"person" if named == 1 else "people"} quoted, referred to as</h3>'
        f'<ul class="refs">{chips}</ul>'
        '<p class="fine">From the pronouns resolved to each person and Mr./Ms./Mrs. before their name; '
        "never guessed from a name.</p></div>"
    )


def _panel(a: Analysis, anchors: dict[str, str], colours: dict[str, str]) -> str:
    items = []
    for actor in _rank(a.actors):
        colour = colours.get(actor.name, "cn")
        facts = [f'{len(actor.mentions)} mention{"s" if len(actor.mentions) != 1 else ""}']
        if actor.quotes:
            facts.append(f'{actor.quotes} quote{"s" if actor.quotes != 1 else ""}')
        if actor.referred_as and actor.referred_as != "unknown":
            facts.append(f"referred to as {actor.referred_as}")
        bars = bar("said", actor.said.polarity, title=f"What {actor.name} said: {actor.said.label} {actor.said.polarity:+.2f}") if actor.quotes else ""
        bars += bar("received", actor.received.polarity,
                    title=f"How {actor.name} is portrayed: {actor.received.label} {actor.received.polarity:+.2f}")
        items.append(
            f'<li class="actor {colour}" id="{anchors[actor.name]}" data-actor="{esc(actor.name)}">'
            f'<div class="actor-name"><span class="swatch"></span>{esc(actor.name)} <span class="type">{esc(actor.type)}</span></div>'
            f'<div class="facts">{esc(" · ".join(facts))}</div>{bars}</li>'
        )
    body = "".join(items) or '<li class="muted">No actors found.</li>'
    return (
        '<aside class="panel"><h2>Actors</h2>'
        '<p class="fine">Bars: <b>said</b>, the tone of their quotes; <b>received</b>, the tone toward them. '
        'Red left of the line is negative, green right is positive.</p>'
        f'<ol class="actors">{body}</ol></aside>'
    )


def document_section(doc_id: str, a: Analysis, meta: Meta | None = None) -> tuple[str, str]:
    """(title, the <section> of one document)."""
    from newsanalyzer.sources import breakdown

    section = _section_id(doc_id)
    ranked = _rank(a.actors)
    anchors = {actor.name: f"{section}-a{i}" for i, actor in enumerate(ranked)}
    speakers = [actor.name for actor in ranked if actor.quotes]
    colours = {name: f"c{i % PALETTE_SIZE}" for i, name in enumerate(speakers)}
    meta = meta or Meta()
    headline = _headline(a, meta.title)
    fallback = "standard input" if doc_id == "-" else doc_id.rstrip("/").rsplit("/", 1)[-1] or doc_id
    title = meta.title or (" ".join(headline.split()) if headline else fallback)
    byline = []
    if meta.author:
        byline.append(f'By <span class="author">{esc(meta.author)}</span>')
    if meta.date:
        byline.append(f'<time>{esc(meta.date)}</time>')
    link = safe_url(meta.url)
    if link:
        byline.append(f'<a href="{esc(link)}" rel="noopener noreferrer">{esc(urlsplit(link).netloc)}</a>')
    stats = a.stats
    minutes = max(1, round(stats.reading_minutes)) if stats.words else 0
    people = sum(1 for x in a.actors if x.type == "person" and x.named)
    figures = [
        ("Words", f"{stats.words:,}", f"{minutes} min read"),
        ("Quotes", f"{len(a.quotes)}", f"{sum(1 for q in a.quotes if q.actor)} attributed"),
        ("Actors", f"{len(a.actors)}", f"{people} named {'person' if people == 1 else 'people'}"),
    ]
    figure_html = "".join(f'<div class="figure"><span class="k">{k}</span><span class="v">{v}</span><span class="s">{s}</span></div>' for k, v, s in figures)
    figure_html += (f'<div class="figure"><span class="k">Tone</span><span class="v">{_tone(a.sentiment)}</span>'
                    f'<span class="s">subjectivity {a.sentiment.subjectivity:.2f}</span></div>')
    legend = "".join(f'<span class="key k-{k}" title="{esc(v)}">{esc(k)}</span>' for k, v in KIND_HELP.items())
    body = (
        f'<section class="doc" id="{section}" data-id="{esc(doc_id)}">'
        '<header class="doc-head">'
        f'<p class="source">{esc(doc_id)}</p><h1>{esc(title)}</h1>'
        + (f'<p class="byline">{" · ".join(byline)}</p>' if byline else "")
        + f'<div class="summary"><div class="figures">{figure_html}</div>{who_gets_quoted(breakdown(a))}</div>'
        '</header><div class="columns">'
        f'<article class="text"><div class="key-line">Quotes in the speaker\'s colour: {legend} '
        '<span class="key-cue">cue</span> <span class="key-speaker">speaker</span></div>'
        f'{_article(a, anchors, colours, skip_first=headline is not None)}</article>'
        f'{_panel(a, anchors, colours)}</div></section>\n'
    )
    return title, body


# ---------------------------------------------------------------------------
# The page


CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--paper:#fff;--wash:#f6f8fa;--pos:#1a7f37;--neg:#cf222e;
--serif:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"DejaVu Serif",serif;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--wash);color:var(--ink);font:15px/1.5 var(--sans)}
.masthead{background:#0d1117;color:#e6edf3;padding:10px 32px;display:flex;justify-content:space-between;align-items:baseline;font-size:13px;letter-spacing:.02em}
.masthead b{font-weight:650;letter-spacing:.04em}
.masthead span{color:#9198a1}
main{max-width:1240px;margin:0 auto;padding:24px 32px 40px}
.doc{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:0 0 28px;overflow:hidden}
.doc-head{padding:26px 32px 20px;border-bottom:1px solid var(--line)}
.source{margin:0 0 4px;color:var(--muted);font-size:12.5px;word-break:break-all}
h1{font:700 30px/1.2 var(--serif);margin:0 0 6px;letter-spacing:-.01em}
.byline{margin:0 0 4px;color:var(--muted);font-size:14px}
.byline a{color:inherit}
.summary{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.25fr);gap:28px;margin-top:18px;align-items:start}
.figures{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:10px}
.figure{background:var(--wash);border-radius:8px;padding:10px 14px;display:flex;flex-direction:column}
.figure .k{font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.figure .v{font-size:24px;font-weight:650;line-height:1.25}
.figure .s{font-size:12.5px;color:var(--muted)}
.tone{font-size:19px;white-space:nowrap}
.tone.positive{color:var(--pos)}.tone.negative{color:var(--neg)}.tone.neutral{color:var(--muted)}
h2{font-size:12px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);margin:0 0 8px;font-weight:650}
h3{font-size:13px;font-weight:600;margin:12px 0 6px}
.stack{display:flex;height:14px;border-radius:7px;overflow:hidden;background:var(--line)}
.seg{display:block;height:100%}
.s-person{background:#0969da}.s-organization{background:#8250df}.s-unnamed{background:#bf8700}.s-other{background:#8c959f}
.legend,.refs{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;vertical-align:0}
.refs li{background:var(--wash);border-radius:999px;padding:2px 10px}
.muted{color:var(--muted)}
.fine{color:var(--muted);font-size:12px;margin:8px 0 0}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 340px}
.text{padding:22px 36px 30px;font:17.5px/1.7 var(--serif);max-width:760px}
.text p{margin:0 0 1em;white-space:pre-line}
.key-line{font:12.5px/1.6 var(--sans);color:var(--muted);margin-bottom:16px;padding-bottom:10px;border-bottom:1px dashed var(--line)}
.key{display:inline-block;padding:0 6px;margin:0 2px;border-radius:3px;color:var(--ink);--c:#57606a}
.key-cue{text-decoration:underline 2px;text-underline-offset:3px;color:var(--ink)}
.key-speaker{font-weight:700;color:var(--ink)}
mark.quote,.key{background:color-mix(in srgb,var(--c) 15%,transparent);color:inherit;border-radius:3px;padding:1px 1px;
box-decoration-break:clone;-webkit-box-decoration-break:clone;box-shadow:inset 0 -2px 0 color-mix(in srgb,var(--c) 55%,transparent)}
mark.k-mixed,.key.k-mixed{background:color-mix(in srgb,var(--c) 10%,transparent);box-shadow:inset 0 -2px 0 color-mix(in srgb,var(--c) 55%,transparent),inset 0 0 0 1px color-mix(in srgb,var(--c) 30%,transparent)}
mark.k-indirect,.key.k-indirect{background:color-mix(in srgb,var(--c) 7%,transparent);box-shadow:none;
text-decoration:underline dashed color-mix(in srgb,var(--c) 70%,transparent);text-decoration-thickness:1.5px;text-underline-offset:4px}
.cue{text-decoration:underline 2px;text-underline-offset:3px;text-decoration-color:color-mix(in srgb,var(--ink) 55%,transparent)}
.speaker{font-weight:700;color:color-mix(in srgb,var(--c) 80%,black);text-decoration:none;border-bottom:2px solid var(--c)}
a.speaker:hover{background:color-mix(in srgb,var(--c) 12%,transparent)}
.panel{border-left:1px solid var(--line);background:#fbfcfd;padding:22px 22px 26px}
.panel .fine{margin:0 0 12px}
.actors{list-style:none;margin:0;padding:0}
.actor{padding:10px 0;border-top:1px solid var(--line);break-inside:avoid}
.actor:target{background:color-mix(in srgb,var(--c) 10%,transparent);outline:2px solid color-mix(in srgb,var(--c) 50%,transparent);border-radius:6px}
.actor-name{font-weight:650;font-size:14.5px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:3px;background:var(--c);margin-right:7px}
.type{font-weight:400;font-size:11.5px;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:0 6px;margin-left:4px}
.facts{font-size:12.5px;color:var(--muted);margin:1px 0 4px 17px}
.bar{display:grid;grid-template-columns:60px 1fr 44px;align-items:center;gap:8px;font-size:12px;margin:2px 0 0 17px}
.bar-name{color:var(--muted)}
.track{position:relative;height:8px;background:#eef1f4;border-radius:4px}
.track::after{content:"";position:absolute;left:50%;top:-3px;bottom:-3px;width:1px;background:#8c959f}
.fill{position:absolute;top:0;bottom:0}
.fill.pos{left:50%;background:var(--pos);border-radius:0 4px 4px 0}
.fill.neg{right:50%;background:var(--neg);border-radius:4px 0 0 4px}
.bar-value{text-align:right;font-variant-numeric:tabular-nums}
.bar-value.positive{color:var(--pos)}.bar-value.negative{color:var(--neg)}.bar-value.neutral{color:var(--muted)}
.c0{--c:#0969da}.c1{--c:#d1246f}.c2{--c:#1a7f37}.c3{--c:#bc4c00}.c4{--c:#8250df}
.c5{--c:#0e7490}.c6{--c:#a40e26}.c7{--c:#6e7b00}.c8{--c:#9a6700}.c9{--c:#3e4c59}
.cx{--c:#6e7781}.cn{--c:#afb8c1}
.corpus{display:grid;grid-template-columns:1fr 1fr;gap:28px;padding:20px 32px 26px}
.colophon{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}
.empty{color:var(--muted)}
@media (max-width:900px){.summary,.columns{grid-template-columns:1fr}.panel{border-left:0;border-top:1px solid var(--line)}main{padding:12px}}
@media print{
@page{margin:14mm 12mm}
body{background:#fff;font-size:10pt}
.masthead{background:none;color:var(--ink);padding:0 0 6px;border-bottom:1px solid var(--line)}
main{max-width:none;padding:8px 0 0}
.doc{border:0;border-radius:0;margin:0;break-after:page}
.doc:last-of-type{break-after:auto}
.doc-head{padding:8px 0 12px}
h1{font-size:22pt}
.columns{display:block}
.text{padding:12px 0;max-width:none;font-size:11pt;line-height:1.55}
.panel{border:0;border-top:1px solid var(--line);background:none;padding:12px 0 0;columns:2;column-gap:24px}
.panel h2,.panel .fine{column-span:all}
a{color:inherit}
}
"""


def page_start(title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="newsanalyzer {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="masthead"><b>NEWSANALYZER</b><span>quotes, sources and tone · report</span></div>\n<main>\n'
    )


def page_end() -> str:
    return (
        f'<p class="colophon">Made by newsanalyzer {esc(__version__)}, offline. Quotes, speakers and tone are found '
        "automatically and can be wrong: check against the article before publishing.</p>\n</main>\n</body>\n</html>\n"
    )


class HtmlRenderer:
    """One page: the opening is written with the first document (its title becomes the page's)."""

    def __init__(self, view: str, out):
        self.view, self.out = view, out
        self.pending: tuple[str, str] | None = None
        self.count = 0

    @staticmethod
    def prepare(view: str, doc_id: str, analysis: Analysis, meta: Meta | None = None) -> tuple[str, str]:
        """(title, section HTML) of one document (pure: may run in a worker process)."""
        return document_section(doc_id, analysis, meta)

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False, meta: Meta | None = None) -> None:
        self.write(doc_id, self.prepare(self.view, doc_id, analysis, meta))

    def write(self, doc_id: str, payload: tuple[str, str]) -> None:
        self.count += 1
        if self.count == 1:
            self.pending = payload
            return
        if self.pending is not None:
            self.out.write(page_start(f"newsanalyzer report: {self.pending[0]} and more") + self.pending[1])
            self.pending = None
        self.out.write(payload[1])

    def close(self) -> None:
        if self.pending is not None:
            self.out.write(page_start(self.pending[0]) + self.pending[1])
        elif self.count == 0:
            self.out.write(page_start("newsanalyzer report") + '<p class="empty">No document could be analysed.</p>\n')
        self.out.write(page_end())
        self.out.flush()


def summary_page(record: dict) -> str:
    """The corpus view (`newsanalyzer summary --format html`) as one page."""
    figures = "".join(
        f'<div class="figure"><span class="k">{k}</span><span class="v">{record[key]:,}</span></div>'
        for k, key in (("Documents", "documents"), ("Words", "words"), ("Quotes", "quotes"))
    )

    def table(title: str, rows: list[dict]) -> str:
        body = "".join(
            f'<li class="actor cn"><div class="actor-name">{esc(r["name"])} <span class="type">{esc(r["type"])}</span></div>'
            f'<div class="facts">{r["documents"]} document{"s" if r["documents"] != 1 else ""} · {r["mentions"]} mention{"s" if r["mentions"] != 1 else ""} · {r["quotes"]} quote{"s" if r["quotes"] != 1 else ""}</div>'
            + (bar("said", r["said"]) if r["quotes"] else "") + bar("received", r["received"]) + "</li>"
            for r in rows
        ) or '<li class="muted">None.</li>'
        return f'<div class="corpus-list"><h2>{esc(title)}</h2><ol class="actors">{body}</ol></div>'

    return (
        page_start("newsanalyzer corpus summary")
        + '<section class="doc"><header class="doc-head"><p class="source">corpus summary</p>'
        f'<h1>{record["documents"]:,} article{"s" if record["documents"] != 1 else ""}</h1>'
        f'<div class="summary"><div class="figures">{figures}</div>{who_gets_quoted(record["sources"])}</div></header>'
        f'<div class="corpus">{table("Most quoted", record["most_quoted"])}{table("Most mentioned", record["most_mentioned"])}</div>'
        "</section>\n" + page_end()
    )
