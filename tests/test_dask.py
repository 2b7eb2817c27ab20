"""The Dask path gives the same bytes, in the same order, as one process does.

Runs a real two-process `distributed.LocalCluster` on loopback; skipped when
the `dask` extra is not installed.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed")

from conftest import ROOT, SAMPLES  # noqa: E402

from newsanalyzer.inputs import Document, InputProblem  # noqa: E402
from newsanalyzer.pipeline import analyze  # noqa: E402
from newsanalyzer.render.records import document_record  # noqa: E402


def _records() -> list[dict]:
    """~30 articles of mixed sizes, recombined from the samples' paragraphs, plus edge cases."""
    paragraphs = [p for f in sorted(SAMPLES.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(20240611)
    records = []
    for i in range(24):
        n = rng.choice([1, 2, 3, 5, 8, 13, 21, 34])
        records.append({"id": f"mix-{i:02d}", "text": "\n\n".join(rng.choice(paragraphs) for _ in range(n))})
    whole = "\n\n".join(f.read_text(encoding="utf-8") for f in sorted(SAMPLES.glob("*.txt")))
    records += [
        {"id": "empty", "text": ""},
        {"id": "blank", "text": "  \n\n \t\n"},
        {"id": 7, "text": "“We will win,” Jane Doe said. She added: “Nothing is settled.”"},
        {"id": "unbalanced", "text": "Officials said \"the bridge will open in May. Nobody else commented.\n\nThe vote is Tuesday."},
        {"id": "unicode", "text": "«Ça suffit», a déclaré Marie Curie. 東京 — “Zürich’s mayor,” said Ana Núñez.\r\n\r\nEnd."},
        {"id": "large", "text": "\n\n".join([whole] * 6)},  # ~55 KB
    ]
    return records


RECORDS = _records()


def _expected_line(record: dict) -> str:
    """What `newsanalyzer analyze --format jsonl` prints for a record (json_lines.JsonRenderer)."""
    doc = document_record(str(record["id"]), analyze(record["text"]))
    return json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n"


@pytest.fixture(scope="module")
def expected() -> str:
    return "".join(_expected_line(r) for r in RECORDS)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_run_on_cluster_gives_the_single_process_bytes_in_order(cluster, expected):
    from newsanalyzer.dask import run_on_cluster

    documents = [Document(str(r["id"]), r["text"]) for r in RECORDS]
    out = io.StringIO()
    # Small partitions and several in flight, so results arrive out of order.
    count = run_on_cluster(documents, cluster.scheduler_address, out, partition_size=3, max_in_flight=4)
    assert count == len(RECORDS)
    assert out.getvalue().encode("utf-8") == expected.encode("utf-8")


def test_problems_keep_their_place_and_records_take_any_shape(cluster):
    from newsanalyzer.dask import analyze_jsonl

    items: list = []
    for i, r in enumerate(RECORDS[:10]):
        if i in (0, 4, 5):
            items.append(InputProblem(f"bad-{i}", "no such file"))
        items.append(r if i % 2 else (str(r["id"]), r["text"]))
    items.append(InputProblem("bad-last", "not valid UTF-8 at byte 3"))

    events: list = []
    for line in analyze_jsonl(items, cluster.scheduler_address, partition_size=2, partition_chars=5_000,
                              on_problem=lambda doc_id, message: events.append(("problem", doc_id))):
        events.append(("line", line + "\n"))

    wanted = []
    for item in items:
        if isinstance(item, InputProblem):
            wanted.append(("problem", item.id))
        else:
            record = item if isinstance(item, dict) else {"id": item[0], "text": item[1]}
            wanted.append(("line", _expected_line(record)))
    assert events == wanted


def _cli(args: list, cwd) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "newsanalyzer", "analyze", "--format", "jsonl", "--quiet", *map(str, args)],
        capture_output=True, cwd=cwd, timeout=120, check=True,
    )
    return done.stdout


HTML = "<html><body><p>“We will build it,” said <b>Maria Lopez</b>.</p><p>The mayor disagreed.</p></body></html>"


def test_paths_give_the_command_lines_bytes(cluster, tmp_path):
    """Folders, *.jsonl files and HTML read exactly as `newsanalyzer analyze --format jsonl` reads them."""
    from newsanalyzer.dask import analyze_jsonl

    folder = tmp_path / "corpus"
    folder.mkdir()
    for r in RECORDS[:6]:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8", newline="")
    (folder / "page.txt").write_text(HTML, encoding="utf-8")
    (tmp_path / "extra.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS[6:9]), encoding="utf-8")
    inputs = [folder, tmp_path / "extra.jsonl"]
    got = "".join(line + "\n" for line in analyze_jsonl([str(p) for p in inputs], cluster.scheduler_address))
    assert '"text": ' in got  # the HTML document carries its blanked text, as on the command line
    assert got.encode("utf-8") == _cli(inputs, tmp_path)


def test_analyze_bag_maps_records_to_lines(cluster, expected):
    import dask.bag as db

    from newsanalyzer.dask import analyze_bag

    with distributed.Client(cluster.scheduler_address):
        lines = analyze_bag(db.from_sequence(RECORDS, npartitions=5)).compute()
    assert "".join(line + "\n" for line in lines) == expected


def test_same_bytes_as_the_command_line(cluster, tmp_path):
    """The real contract: what the CLI writes for a JSON Lines file of the same records."""
    from newsanalyzer.dask import run_on_cluster
    from newsanalyzer.inputs import read_documents

    records = RECORDS[::3] + [{"id": "html", "text": HTML}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = io.StringIO()
    count = run_on_cluster(read_documents([str(source)]), cluster.scheduler_address, out)
    assert count == len(records)
    assert out.getvalue().encode("utf-8") == _cli([source], ROOT)


def test_importing_the_module_does_not_import_dask():
    code = (
        "import sys, newsanalyzer.dask; "
        "assert 'dask' not in sys.modules and 'distributed' not in sys.modules; "
        "import dask, dask.bag; assert not dask.__file__.endswith('newsanalyzer/dask.py'), dask.__file__"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_dask_option_on_the_command_line(cluster, tmp_path):
    """`analyze --dask ADDRESS` prints exactly what a local run prints; other formats are a usage error."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for r in RECORDS[:8]:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8", newline="")
    local = _cli([folder], tmp_path)
    remote = _cli(["--dask", cluster.scheduler_address, folder], tmp_path)
    assert remote == local
    table = subprocess.run(
        [sys.executable, "-m", "newsanalyzer", "analyze", "--dask", cluster.scheduler_address, str(folder)],
        capture_output=True, timeout=120,
    )
    assert table.returncode == 2 and b"--format jsonl" in table.stderr
