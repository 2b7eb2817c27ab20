"""Rich tables for people: a summary, the quotes and the actors of each document.

Article text is always wrapped in `rich.text.Text`, never parsed as markup
(`[he] said` keeps its brackets). In a pipe the tables use ASCII borders and
no colour.
"""

from __future__ import annotations

import shutil

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsanalyzer.model import Analysis, Sentiment

QUOTE_WIDTH = 160  # characters of a quote shown before it is shortened
LABEL_STYLE = {"positive": "green", "negative": "red", "neutral": "dim"}


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """One line, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width - 1)
    return flat[: cut if cut > width // 2 else width - 1] + "…"


class TableRenderer:
    def __init__(self, view: str, out, *, color: bool = False):
        self.view = view
        terminal = color or (hasattr(out, "isatty") and out.isatty())
        width = shutil.get_terminal_size((120, 24)).columns if terminal else 120
        self.console = Console(
            file=out,
            force_terminal=color or None,
            no_color=not color,
            color_system="auto" if color else None,
            width=width,
            highlight=False,
            emoji=False,
            soft_wrap=False,
        )
        encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
        self.unicode = encoding.startswith("utf")
        self.box = box.ROUNDED if terminal and self.unicode else box.ASCII
        self.count = 0

    # -- pieces ---------------------------------------------------------------

    def bar(self, polarity: float, width: int = 5) -> Text:
        """A diverging bar: red to the left of the centre, green to the right."""
        full, empty, mid = ("█", "·", "│") if self.unicode else ("#", ".", "|")
        cells = round(abs(polarity) * width)
        left = (empty * (width - cells) + full * cells) if polarity < 0 else empty * width
        right = (full * cells + empty * (width - cells)) if polarity > 0 else empty * width
        text = Text()
        text.append(left, style="red")
        text.append(mid, style="dim")
        text.append(right, style="green")
        text.append(f" {polarity:+.2f}", style=LABEL_STYLE[_label(polarity)])
        return text

    def sentiment_cell(self, s: Sentiment) -> Text:
        return Text(f"{s.label} {s.polarity:+.2f}", style=LABEL_STYLE[s.label])

    @staticmethod
    def key_values(rows: list[tuple[str, Text]]) -> Table:
        """A two-column grid of bold keys and their values."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for key, value in rows:
            grid.add_row(key, value)
        return grid

    def summary(self, doc_id: str, a: Analysis) -> Panel:
        stats = a.stats
        grid = self.key_values([])
        grid.add_row("Words", Text(f"{stats.words:,}"))
        grid.add_row("Sentences", Text(f"{stats.sentences:,}"))
        grid.add_row("Paragraphs", Text(f"{stats.paragraphs:,}"))
        grid.add_row("Reading time", Text(f"{max(1, round(stats.reading_minutes))} min" if stats.words else "0 min"))
        grid.add_row("Tone", self.sentiment_cell(a.sentiment) + Text(f"  subjectivity {a.sentiment.subjectivity:.2f}", style="dim"))
        grid.add_row("Quotes", Text(str(len(a.quotes))))
        grid.add_row("Actors", Text(f"{len(a.actors)} ({sum(1 for x in a.actors if x.type == 'person')} people)"))
        if self.view == "analyze" and a.quotes:
            from newsanalyzer.sources import breakdown, describe

            by_source, people = describe(breakdown(a))
            grid.add_row("Quoted", Text(by_source))
            grid.add_row("People quoted", Text(people))
        return Panel(grid, title=Text(doc_id), title_align="left", box=self.box, expand=False)

    def quotes_table(self, a: Analysis) -> Table:
        """Who said what: the speaker as written, then the actor it resolves to when different."""
        table = Table(title="Quotes", box=self.box, title_justify="left", show_lines=False, expand=True)
        table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("Speaker → actor" if self.unicode else "Speaker -> actor", overflow="fold", max_width=30)
        table.add_column("Quote", ratio=1, min_width=40)
        table.add_column("Kind", no_wrap=True)
        table.add_column("Cue", overflow="fold", max_width=12)
        table.add_column("Tone", no_wrap=True, justify="right")
        arrow = " → " if self.unicode else " -> "
        for i, q in enumerate(a.quotes, start=1):
            who = Text(q.speaker.text if q.speaker else "—" if self.unicode else "-")
            if q.actor and (q.speaker is None or q.actor != q.speaker.text):
                who.append(arrow, style="dim")
                who.append(q.actor, style="bold")
            table.add_row(
                Text(str(i)),
                who,
                Text(shorten(q.text)),
                Text(q.kind),
                Text(q.cue.text if q.cue else ""),
                Text(f"{q.sentiment.polarity:+.2f}", style=LABEL_STYLE[q.sentiment.label]),
            )
        return table

    def actors_table(self, a: Analysis) -> Table:
        table = Table(title="Actors", box=self.box, title_justify="left", expand=False)
        table.add_column("Actor", overflow="fold")
        table.add_column("Type")
        table.add_column("Mentions", justify="right")
        table.add_column("Quotes", justify="right")
        table.add_column("Said", no_wrap=True)
        table.add_column("Portrayed", no_wrap=True)
        ranked = sorted(a.actors, key=lambda x: (-x.quotes, -len(x.mentions), x.mentions[0].start if x.mentions else 0))
        for x in ranked:
            table.add_row(
                Text(x.name),
                Text(x.type),
                Text(str(len(x.mentions))),
                Text(str(x.quotes)),
                self.bar(x.said.polarity) if x.quotes else Text(""),
                self.bar(x.received.polarity),
            )
        return table

    def sentences_table(self, a: Analysis) -> Table:
        table = Table(title="Sentences", box=self.box, title_justify="left", expand=True)
        table.add_column("#", justify="right", style="dim")
        table.add_column("Sentence", ratio=1)
        table.add_column("Tone", no_wrap=True)
        table.add_column("Subjectivity", justify="right")
        for i, (s, score) in enumerate(zip(a.sentences, a.sentence_sentiments)):
            table.add_row(Text(str(i)), Text(shorten(a.text[s.start : s.end])), self.sentiment_cell(score), Text(f"{score.subjectivity:.2f}"))
        return table

    def tokens_table(self, a: Analysis) -> Table:
        table = Table(title="Tokens", box=self.box, title_justify="left")
        table.add_column("Sentence", justify="right", style="dim")
        table.add_column("Start", justify="right")
        table.add_column("End", justify="right")
        table.add_column("Tag")
        table.add_column("Token")
        for i in range(len(a.sentences)):
            for t in a.sentence_tokens(i):
                table.add_row(Text(str(i)), Text(str(t.start)), Text(str(t.end)), Text(t.tag), Text(t.text))
        return table

    # -- the renderer -----------------------------------------------------------

    def document(self, doc_id: str, analysis: Analysis, *, include_text: bool = False) -> None:
        self.write(doc_id, analysis)

    def write(self, doc_id: str, analysis: Analysis) -> None:
        if self.count:
            self.console.print()
        self.count += 1
        parts = {
            "analyze": lambda: [self.summary(doc_id, analysis), self.quotes_table(analysis), self.actors_table(analysis)],
            "quotes": lambda: [self.quotes_table(analysis)],
            "actors": lambda: [self.actors_table(analysis)],
            "sentiment": lambda: [self.summary(doc_id, analysis), self.sentences_table(analysis), self.actors_table(analysis)],
            "tokens": lambda: [self.tokens_table(analysis)],
        }[self.view]()
        if self.view in ("quotes", "actors", "tokens"):
            parts.insert(0, Text(doc_id, style="bold"))
        self.console.print(Group(*parts))

    def close(self) -> None:
        self.console.file.flush()


def _label(polarity: float) -> str:
    return "positive" if polarity >= 0.05 else "negative" if polarity <= -0.05 else "neutral"
