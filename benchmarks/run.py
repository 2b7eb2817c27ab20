#!/usr/bin/env python3
"""newsanalyzer benchmarks: start-up, per-article latency, throughput, scaling, memory.

    python benchmarks/run.py [--corpus DIR] [--quick] [--repeat N] [--limit N] [--no-dask]

Prints markdown tables on stdout (progress goes to stderr). Every command-line
measurement runs the CLI in a fresh process through a small wrapper process
that times it and reads `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`, so
each peak-memory figure belongs to one run (for `--jobs 2` it is the largest
single process, not the sum over processes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "china-russia-north-korea.txt"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"

# Runs `argv[1:]`, stdout to /dev/null, and reports wall time, peak RSS and exit status.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"wall": wall, "maxrss_kb": rss, "rc": p.returncode, "stderr": p.stderr.decode("utf-8", "replace")[-2000:]}))
"""

# News-like paragraphs written for these benchmarks (no corpus text).
PARAGRAPHS = [
    "“We are not going to accept a deal that leaves our workers behind,” said Maria Lopez, the union’s "
    "president, after talks with the Harbor Authority broke down on Tuesday night.",
    "The authority’s chief executive, Daniel Reed, told reporters that the offer was “fair and final” and that "
    "the board would meet again on Friday to consider its options.",
    "According to the city’s budget office, the bridge repairs will cost $48 million over three years, "
    "nearly twice the estimate published in March.",
    "Senator Alice Moreno criticised the plan. She said the state had “ignored every warning” about the "
    "ageing structure, and called for an independent review.",
    "Residents of the eastern districts, who rely on the ferry, were divided. “It is a disaster for small "
    "shops,” said Tom Becker, who runs a bakery near the pier. Others welcomed the decision.",
    "The Ministry of Transport declined to comment on the report, but a spokesman, Li Wei, said the "
    "government remained “committed to safe and affordable travel for everyone.”",
    "Analysts at Northbridge Capital warned that delays could push costs higher. \"The longer this drags "
    "on, the worse it gets,\" said Priya Natarajan, a senior economist at the firm.",
    "Mr. Reed later admitted that the authority had underestimated public anger. He promised a series of "
    "town-hall meetings, the first of which is scheduled for next Monday in the old customs house.",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def synthetic(size: int) -> str:
    """An article of about `size` characters made by repeating the paragraphs above."""
    parts, total, i = [], 0, 0
    while total < size:
        p = PARAGRAPHS[i % len(PARAGRAPHS)]
        parts.append(p)
        total += len(p) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def one_line_unbalanced(size: int) -> str:
    """One line of `size` characters with a single opening quote mark that never closes."""
    body = " ".join(p.replace("“", "").replace("”", "").replace('"', "") for p in PARAGRAPHS)
    text = "Officials said “" + body
    while len(text) < size:
        text += " " + body
    return text[:size]


# --------------------------------------------------------------------------
# Helpers


def cli_argv() -> list[str]:
    """The installed console script, or `python -m newsanalyzer` without one."""
    script = shutil.which("newsanalyzer")
    return [script] if script else [sys.executable, "-m", "newsanalyzer"]


def measure(argv: list[str]) -> dict:
    """Run `argv` once in a fresh process (through the wrapper)."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def median_run(argv: list[str], n: int) -> tuple[float, float, int]:
    """(median wall seconds, max RSS MiB over the runs, last exit status) of `n` fresh runs."""
    runs = [measure(argv) for _ in range(n)]
    return statistics.median(r["wall"] for r in runs), max(r["maxrss_kb"] for r in runs) / 1024, runs[-1]["rc"]


def timed(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *(line(r) for r in cells)])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --------------------------------------------------------------------------
# Sections


def startup(n: int) -> str:
    log("start-up ...")
    rows = []
    for args in (["--version"], ["--help"], ["analyze", "--help"]):
        wall, rss, _ = median_run(cli_argv() + args, n)
        rows.append([f"`newsanalyzer {' '.join(args)}`", ms(wall), f"{rss:.0f} MiB"])
    wall, rss, _ = median_run([sys.executable, "-c", "pass"], n)
    rows.append(["`python -c pass` (interpreter floor)", ms(wall), f"{rss:.0f} MiB"])
    return "## Start-up (median of %d fresh processes)\n\n" % n + table(["command", "wall", "peak RSS"], rows)


GROUPS = ("nltk", "textblob", "numpy", "scipy", "rich", "click", "newsanalyzer", "dask", "distributed")


def import_breakdown() -> str:
    log("import time ...")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsanalyzer", "analyze", str(SAMPLE), "--format", "jsonl"],
        capture_output=True, text=True, cwd=ROOT,
    )
    pattern = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")
    entries = []
    for raw in done.stderr.splitlines():
        m = pattern.match(raw)
        if m:
            entries.append((int(m[1]), int(m[2]), len(m[3]) // 2, m[4]))
    by_group: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for self_us, _, _, name in entries:
        top = name.split(".")[0]
        group = top if top in GROUPS else ("stdlib" if top in sys.stdlib_module_names else "other third-party")
        by_group[group] += self_us
        counts[group] += 1
    total = sum(by_group.values())
    rows = [[g, counts[g], ms(us / 1e6), f"{100 * us / total:.0f}%"] for g, us in sorted(by_group.items(), key=lambda kv: -kv[1])]
    rows.append(["**total**", sum(counts.values()), ms(total / 1e6), "100%"])
    group_table = table(["package (self time summed)", "modules", "import time", "share"], rows)
    top = sorted(entries, key=lambda e: -e[1])
    # The biggest cumulative entries, skipping ones whose parent is already listed with nearly the same time.
    offenders, shown = [], []
    for self_us, cum_us, depth, name in top:
        if len(offenders) == 12:
            break
        if any(name.startswith(s + ".") and cum_us > 0.8 * c for s, c in shown):
            continue
        shown.append((name, cum_us))
        offenders.append([f"`{name}`", ms(cum_us / 1e6), ms(self_us / 1e6)])
    offender_table = table(["module", "cumulative", "self"], offenders)
    return (
        "## Imports of `newsanalyzer analyze sample --format jsonl` (`python -X importtime`, one run)\n\n"
        + group_table + "\n\nTop offenders (cumulative, nested duplicates folded):\n\n" + offender_table
    )


def latency(n: int) -> str:
    log("latency ...")
    wall, rss, rc = median_run(cli_argv() + ["analyze", str(SAMPLE), "--format", "jsonl"], n)
    from newsanalyzer.pipeline import analyze

    text = SAMPLE.read_text(encoding="utf-8")
    t = time.perf_counter()
    analyze(text)
    cold = time.perf_counter() - t
    warm = timed(lambda: analyze(text), max(5, n))
    samples = sorted((ROOT / "samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    per = timed(lambda: [analyze(x) for x in texts], max(5, n)) / len(texts)
    rows = [
        [f"CLI `analyze {SAMPLE.name} --format jsonl`, fresh process (median of {n})", ms(wall), f"{rss:.0f} MiB"],
        ["in-process `analyze()` of that sample, first call (lazy imports + data)", ms(cold), ""],
        ["in-process `analyze()` of that sample, warm (median)", ms(warm), ""],
        [f"in-process `analyze()`, mean over the {len(texts)} samples, warm", ms(per), ""],
    ]
    size = f"{len(text.encode('utf-8')) / 1024:.1f} KB"
    return f"## Per-article latency (sample: {size})\n\n" + table(["measure", "time", "peak RSS"], rows)


def corpus_files(corpus: Path | None, limit: int | None, tmp: Path) -> tuple[list[Path], str]:
    if corpus is None and DEFAULT_CORPUS.is_dir():
        corpus = DEFAULT_CORPUS
    if corpus is not None:
        files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
        label = str(corpus)
    else:
        folder = tmp / "generated"
        folder.mkdir()
        for i in range(400):
            size = (1500, 3000, 6000, 12000)[i % 4]
            (folder / f"doc-{i:04d}.txt").write_text(synthetic(size + 37 * i), encoding="utf-8")
        files = sorted(folder.iterdir())
        label = "generated (400 synthetic articles, 1.5–27 KB)"
    if limit:
        files = files[:limit]
    return files, label


def has_jobs_option() -> bool:
    done = subprocess.run(cli_argv() + ["analyze", "--help"], capture_output=True, text=True, cwd=ROOT)
    return "--jobs" in done.stdout


def throughput(files: list[Path], label: str, use_dask: bool, tmp: Path) -> str:
    total_kb = sum(p.stat().st_size for p in files) / 1024
    if len(files) == len(list(files[0].parent.glob("*.txt"))):
        inputs = [str(files[0].parent)]
    else:  # a --limit subset: link the chosen files into one folder
        folder = tmp / "subset"
        folder.mkdir()
        for p in files:
            os.symlink(p, folder / p.name)
        inputs = [str(folder)]
    rows = []
    jobs_ok = has_jobs_option()
    for jobs in ((1, 2) if jobs_ok else (None, 1, 2)):
        if jobs is not None and not jobs_ok:
            rows.append([f"CLI `--jobs {jobs}`", "n/a (no --jobs option)", "", "", ""])
            continue
        log(f"throughput: CLI jobs={jobs} over {len(files)} documents ...")
        argv = cli_argv() + ["analyze", "--format", "jsonl", "--quiet", *inputs]
        if jobs is not None:
            argv[-len(inputs):-len(inputs)] = ["--jobs", str(jobs)]
        run = measure(argv)
        if run["rc"] not in (0, 1):
            rows.append([f"CLI {'default' if jobs is None else f'`--jobs {jobs}`'}", f"failed (status {run['rc']})", "", "", ""])
            log(run["stderr"])
            continue
        name = "CLI, default options" if jobs is None else f"CLI `--jobs {jobs}`"
        rows.append([name, f"{run['wall']:.2f} s", f"{len(files) / run['wall']:.1f}", f"{total_kb / run['wall']:.0f}", f"{run['maxrss_kb'] / 1024:.0f} MiB"])
    log("throughput: in-process ...")
    from newsanalyzer.pipeline import analyze

    texts = [p.read_text(encoding="utf-8") for p in files]
    analyze(texts[0])
    t = time.perf_counter()
    for x in texts:
        analyze(x)
    wall = time.perf_counter() - t
    rows.append(["in-process `analyze()` loop (warm, no I/O)", f"{wall:.2f} s", f"{len(files) / wall:.1f}", f"{total_kb / wall:.0f}", ""])
    if use_dask:
        rows.append(dask_row(files, texts, total_kb))
    return (
        f"## Throughput ({len(files)} documents, {total_kb / 1024:.1f} MB; corpus: {label}; {os.cpu_count()} CPUs)\n\n"
        + table(["run", "wall", "docs/s", "KB/s", "peak RSS"], rows)
    )


def dask_row(files: list[Path], texts: list[str], total_kb: float) -> list[str]:
    try:
        import distributed
    except ImportError:
        return ["Dask LocalCluster (2 workers)", "n/a (dask extra not installed)", "", "", ""]
    from newsanalyzer.dask import run_on_cluster
    from newsanalyzer.inputs import Document

    log("throughput: dask LocalCluster ...")
    t0 = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        start = time.perf_counter() - t0
        with open(os.devnull, "w", encoding="utf-8") as out:
            t = time.perf_counter()
            run_on_cluster((Document(str(p), x) for p, x in zip(files, texts)), cluster.scheduler_address, out)
            wall = time.perf_counter() - t
    return [f"Dask LocalCluster, 2 workers (+{start:.1f} s cluster start, excluded)", f"{wall:.2f} s", f"{len(files) / wall:.1f}", f"{total_kb / wall:.0f}", ""]


def scaling(quick: bool) -> str:
    from newsanalyzer.pipeline import analyze

    analyze(synthetic(2000))  # warm: imports and data
    cases = [("1 KB", synthetic(1024), 20), ("10 KB", synthetic(10 * 1024), 5), ("100 KB", synthetic(100 * 1024), 2 if not quick else 1),
             ("1 MB", synthetic(1024 * 1024), 1), ("1 MB, one line, unbalanced “", one_line_unbalanced(1024 * 1024), 1)]
    rows = []
    for name, text, n in cases:
        log(f"scaling: {name} ...")
        wall = timed(lambda: analyze(text), n)
        kb = len(text.encode("utf-8")) / 1024
        a = analyze(text) if n > 1 or kb < 200 else None
        found = f"{len(a.quotes)} quotes, {len(a.actors)} actors" if a else ""
        rows.append([name, f"{kb:.0f}", ms(wall), f"{wall * 1000 / kb:.2f}", n, found])
    return "## Scaling with article size (in-process `analyze()`, median)\n\n" + table(
        ["article", "KB", "time", "ms per KB", "runs", "found"], rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help=f"folder of *.txt articles (default: {DEFAULT_CORPUS} if present, else generated)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and at most 120 corpus documents")
    parser.add_argument("--repeat", type=int, help="fresh processes per start-up/latency measure (default 10, quick 3)")
    parser.add_argument("--limit", type=int, help="use only the first N corpus documents")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask row even when the extra is installed")
    args = parser.parse_args()
    n = args.repeat or (3 if args.quick else 10)
    limit = args.limit or (120 if args.quick else None)
    sys.path.insert(0, str(ROOT))
    from newsanalyzer import __version__

    # Bytecode, as a regular pip install leaves it (an editable install under
    # PYTHONDONTWRITEBYTECODE would recompile our sources in every process).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "newsanalyzer")], check=True, stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files, label = corpus_files(args.corpus, limit, tmp)
        sections = [startup(n), import_breakdown(), latency(n), throughput(files, label, not args.no_dask, tmp), scaling(args.quick)]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    header = (
        f"# newsanalyzer {__version__} benchmarks\n\n"
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
        f"(load average at the end: {load}; other work on the machine skews the figures); "
        f"CLI: `{' '.join(cli_argv())}`; {'quick' if args.quick else 'full'} run, {time.strftime('%Y-%m-%d %H:%M')}."
    )
    print("\n\n".join([header, *sections]))


if __name__ == "__main__":
    main()
