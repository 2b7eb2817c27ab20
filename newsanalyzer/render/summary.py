"""Rendering the corpus view (`newsanalyzer summary`), one function per format."""

from __future__ import annotations

import csv
import json

from newsanalyzer.corpus import CSV_COLUMNS, CorpusSummary
from newsanalyzer.render.csv_rows import neutralize


def render_summary(summary: CorpusSummary, fmt: str, out, *, color: bool = False, limit: int = 25) -> None:
    if fmt in ("json", "jsonl"):
        indent = 2 if fmt == "json" else None
        out.write(json.dumps(summary.record(limit), ensure_ascii=False, allow_nan=False, indent=indent) + "\n")
    elif fmt == "html":
        from newsanalyzer.render.html_report import summary_page

        out.write(summary_page(summary.record(limit)))
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in summary.rows():
            writer.writerow([neutralize(v) for v in row])
    else:
        _table(summary, out, color=color, limit=limit)
    out.flush()


def _table(summary: CorpusSummary, out, *, color: bool, limit: int) -> None:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from newsanalyzer.render.table import TableRenderer

    base = TableRenderer("analyze", out, color=color)  # shares the console, borders and bars
    record = summary.record(limit)
    grid = base.key_values(
        [
            ("Documents", Text(f"{summary.documents:,}")),
            ("Words", Text(f"{summary.words:,}")),
            ("Quotes", Text(f"{summary.quotes:,}")),
            ("Actors", Text(f"{len(summary.actors):,}")),
        ]
    )

    def actors_table(title: str, rows: list[dict]) -> Table:
        table = Table(title=title, box=base.box, title_justify="left")
        for name, justify in (("Actor", "left"), ("Type", "left"), ("Docs", "right"), ("Mentions", "right"), ("Quotes", "right")):
            table.add_column(name, justify=justify)
        table.add_column("Said", no_wrap=True)
        table.add_column("Portrayed", no_wrap=True)
        for r in rows:
            table.add_row(
                Text(r["name"]), Text(r["type"]), Text(str(r["documents"])), Text(str(r["mentions"])), Text(str(r["quotes"])),
                base.bar(r["said"]) if r["quotes"] else Text(""), base.bar(r["received"]),
            )
        return table

    shares = Table(title="Quotes by actor type", box=base.box, title_justify="left")
    shares.add_column("Type")
    shares.add_column("Quotes", justify="right")
    shares.add_column("Share", justify="right")
    for kind, value in record["quotes_by_actor_type"].items():
        shares.add_row(Text(kind), Text(str(value["quotes"])), Text(f"{value['share']:.0%}"))
    from newsanalyzer.sources import describe

    by_source, people = describe(record["sources"])
    grid.add_row("Quoted", Text(by_source))
    grid.add_row("People quoted", Text(people))
    base.console.print(
        Group(grid, actors_table("Most quoted", record["most_quoted"]), actors_table("Most mentioned", record["most_mentioned"]), shares)
    )
