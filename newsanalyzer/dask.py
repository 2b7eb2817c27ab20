"""Analyse many articles on a Dask cluster (`dask.distributed`), in input order.

Optional: needs the `dask` extra (`pip install 'newsanalyzer[dask]'`), and
every worker needs `newsanalyzer` installed (the same version) because tasks
refer to this module's functions by name. Nothing here imports Dask until a
function is called, so `import newsanalyzer.dask` is cheap and never fails.

    >>> from newsanalyzer.dask import analyze_jsonl
    >>> for line in analyze_jsonl(["corpus/"], "tcp://scheduler:8786"):
    ...     print(line)

Each output line is the exact text `newsanalyzer analyze --format jsonl`
prints for that document, WITHOUT the trailing newline (`run_on_cluster`
adds it when writing). Workers run the pure `newsanalyzer.pipeline.analyze`
and serialise the record themselves, so only short strings come back.

Ordering and memory: the input is read lazily and cut into partitions (at most
`partition_size` documents and `partition_chars` characters each); at most
`max_in_flight` partitions are on the cluster at once, and results are taken
in submission order, so output is in input order and memory stays bounded
whatever the corpus size.

(The module is named `newsanalyzer.dask`; it uses absolute imports only, so
`import dask` inside it and elsewhere gets the real library.)
"""

from __future__ import annotations

import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import distributed

    from newsanalyzer.pipeline import Config

__all__ = ["analyze_bag", "analyze_jsonl", "record_line", "run_on_cluster"]

DEFAULT_PARTITION_SIZE = 32  # documents per task: ~0.5 s of work for news-sized articles
DEFAULT_PARTITION_CHARS = 2_000_000  # and no more text than this per task
TOO_DEEP = "could not be analysed (input too deeply nested)"  # the CLI's message

ProblemHandler = Callable[[str, str], None]


# --------------------------------------------------------------------------
# Worker side: plain functions shipped by reference (module + name).


def _config_for(view: str, config: Config | None) -> Config:
    from newsanalyzer.pipeline import Config

    if config is not None:
        return config
    return Config(stages=("segment",)) if view == "tokens" else Config()


def record_line(
    doc_id: str, text: str, config: Config | None = None, view: str = "analyze", include_text: bool = False, meta=None
) -> str:
    """The JSONL line (no newline) the CLI prints for one document.

    `include_text`: add the analysed text, as the CLI does for HTML and URL input
    (`Document.include_text`), whose offsets index the extracted text; `meta`:
    the page's metadata (`Document.meta`).
    """
    from newsanalyzer.pipeline import analyze
    from newsanalyzer.render import prepare

    return prepare("jsonl", view, doc_id, analyze(text, _config_for(view, config)), include_text, meta)


def _analyze_partition(
    triples: list[tuple], config: Config | None, view: str
) -> list[tuple[str, str | None, str | None]]:
    """(id, line, None) per document, or (id, None, message) when one cannot be analysed."""
    results: list[tuple[str, str | None, str | None]] = []
    for doc_id, text, include_text, meta in triples:
        try:
            results.append((doc_id, record_line(doc_id, text, config, view, include_text, meta), None))
        except RecursionError:  # pragma: no cover - as in the CLI, a net for pathological input
            results.append((doc_id, None, TOO_DEEP))
    return results


def _bag_partition(records: Iterable[Any], config: Config | None, view: str) -> list[str]:
    lines = []
    for record in records:
        doc_id, text, include_text, meta = _triple(record)
        lines.append(record_line(doc_id, text, config, view, include_text, meta))
    return lines


def _worker_version() -> str:
    from newsanalyzer._version import __version__

    return __version__


# --------------------------------------------------------------------------
# Inputs


def _triple(record: Any) -> tuple[str, str, bool, Any]:
    """(id, text, include_text, meta) from a Document, an {"id", "text"} dict or an (id, text) pair.

    Dicts and pairs are analysed as given (no HTML detection: that happens when
    `newsanalyzer.inputs` reads a file); a Document read from HTML gets its
    analysed text included, as on the command line."""
    if isinstance(record, dict):
        text, doc_id = record.get("text"), record.get("id")
        if not isinstance(text, str):
            raise ValueError('record has no "text" string')
        if doc_id is None:
            raise ValueError('record has no "id"')
        return str(doc_id), text, False, None
    if isinstance(record, tuple) and len(record) == 2:
        return str(record[0]), record[1], False, None
    return record.id, record.text, bool(record.include_text), record.meta  # a newsanalyzer.inputs.Document


def _items(paths_or_records: Iterable[Any]) -> Iterator[Any]:
    """Documents/problems in order: strings are paths (read lazily), anything else a record."""
    from newsanalyzer.inputs import read_documents

    for item in paths_or_records:
        if isinstance(item, str):
            yield from read_documents([item])
        else:
            yield item


def _partitions(
    items: Iterable[Any], size: int, chars: int
) -> Iterator[tuple[list[tuple], list[tuple[int, str, str]]]]:
    """Chunks of (id, text, include_text, meta) tuples, with the input problems met among
    them as (position in chunk, id, message), so problems keep their place."""
    from newsanalyzer.inputs import InputProblem

    pairs: list[tuple] = []
    problems: list[tuple[int, str, str]] = []
    total = 0
    for item in items:
        if isinstance(item, InputProblem):
            problems.append((len(pairs), item.id, item.message))
            continue
        triple = _triple(item)
        text = triple[1]
        if pairs and (len(pairs) >= size or total + len(text) > chars):
            yield pairs, problems
            pairs, problems, total = [], [], 0
        pairs.append(triple)
        total += len(text)
    if pairs or problems:
        yield pairs, problems


# --------------------------------------------------------------------------
# Public API


def analyze_bag(bag: dask.bag.Bag, config: Config | None = None, *, view: str = "analyze") -> dask.bag.Bag:
    """A bag of JSONL lines (str, no trailing newline), one per input record, same order.

    `bag` holds {"id": ..., "text": ...} dicts (or Documents, or (id, text)
    pairs). Lazy: compute it with any scheduler, e.g. `.compute()` or
    `.to_textfiles()` (which adds the newlines).
    """
    return bag.map_partitions(_bag_partition, config, view)


def _client(address: str | distributed.Client | None) -> tuple[distributed.Client, bool]:
    """(client, owned): an existing client, one connected to `address`, the
    current default client, or else a new local cluster (closed when done)."""
    import distributed

    if isinstance(address, distributed.Client):
        return address, False
    if address is None:
        try:
            return distributed.default_client(), False
        except ValueError:
            return distributed.Client(), True
    return distributed.Client(address), True


def _check_workers(client: distributed.Client) -> None:
    """Fail early and clearly when workers lack newsanalyzer or run another version."""
    from newsanalyzer._version import __version__

    try:
        versions = client.run(_worker_version)
    except (ModuleNotFoundError, ImportError) as error:
        raise RuntimeError(f"the Dask workers cannot import newsanalyzer ({error}); install it on every worker") from None
    wrong = {worker: v for worker, v in versions.items() if v != __version__}
    if wrong:
        raise RuntimeError(f"Dask workers run other newsanalyzer versions than {__version__}: {wrong}")


def _results(
    paths_or_records: Iterable[Any],
    address: str | distributed.Client | None,
    *,
    config: Config | None,
    view: str,
    partition_size: int,
    partition_chars: int,
    max_in_flight: int | None,
) -> Iterator[tuple[str, str | None, str | None]]:
    """(id, line, None) or (id, None, problem) in input order, streamed."""
    if partition_size < 1 or partition_chars < 1:
        raise ValueError("partition_size and partition_chars must be positive")
    client, owned = _client(address)
    pending: deque = deque()  # (future or None, problems) in submission order
    try:
        _check_workers(client)
        if max_in_flight is None:
            max_in_flight = max(2, 2 * sum(client.nthreads().values()))

        def drain_one() -> Iterator[tuple[str, str | None, str | None]]:
            future, problems = pending.popleft()
            done = future.result() if future is not None else []
            if future is not None:
                future.release()
            k = 0
            for i, (doc_id, line, message) in enumerate(done):
                while k < len(problems) and problems[k][0] <= i:
                    yield problems[k][1], None, problems[k][2]
                    k += 1
                yield doc_id, line, message
            for _, doc_id, message in problems[k:]:
                yield doc_id, None, message

        for pairs, problems in _partitions(_items(paths_or_records), partition_size, partition_chars):
            future = client.submit(_analyze_partition, pairs, config, view, pure=False) if pairs else None
            pending.append((future, problems))
            while len(pending) >= max_in_flight:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        for future, _ in pending:
            if future is not None:
                future.cancel()
        pending.clear()
        if owned:
            client.close()


def _warn_problem(doc_id: str, message: str) -> None:
    warnings.warn(f"{doc_id}: {message}", stacklevel=3)


def analyze_jsonl(
    paths_or_records: Iterable[Any],
    scheduler_address: str | distributed.Client | None = None,
    *,
    config: Config | None = None,
    view: str = "analyze",
    partition_size: int = DEFAULT_PARTITION_SIZE,
    partition_chars: int = DEFAULT_PARTITION_CHARS,
    max_in_flight: int | None = None,
    on_problem: ProblemHandler | None = None,
) -> Iterator[str]:
    """JSONL lines (str, no trailing newline) for every document, in input order, streamed.

    `paths_or_records` mixes paths (str: files, folders, *.jsonl, as on the
    command line) and records (Documents, {"id", "text"} dicts, (id, text)
    pairs). `scheduler_address` is "tcp://host:8786", a `distributed.Client`,
    or None (the current client, else a new local cluster). Inputs that cannot
    be read or analysed are reported to `on_problem(id, message)` (default: a
    warning) and skipped.
    """
    report = on_problem or _warn_problem
    for doc_id, line, message in _results(
        paths_or_records,
        scheduler_address,
        config=config,
        view=view,
        partition_size=partition_size,
        partition_chars=partition_chars,
        max_in_flight=max_in_flight,
    ):
        if line is None:
            report(doc_id, message or "failed")
        else:
            yield line


def run_on_cluster(
    documents: Iterable[Any],
    address: str | distributed.Client | None,
    out=None,
    *,
    config: Config | None = None,
    view: str = "analyze",
    on_problem: ProblemHandler | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    partition_chars: int = DEFAULT_PARTITION_CHARS,
    max_in_flight: int | None = None,
) -> int:
    """Write the JSONL of `documents` to `out` (default stdout) in order; return how many were written.

    `documents` is what `newsanalyzer.inputs.read_documents` yields: Documents
    and InputProblems (problems go to `on_problem(id, message)` at their place
    in the order; default: a warning). Output is flushed after each partition.
    """
    out = out if out is not None else sys.stdout
    written = 0
    for line in analyze_jsonl(
        documents,
        address,
        config=config,
        view=view,
        partition_size=partition_size,
        partition_chars=partition_chars,
        max_in_flight=max_in_flight,
        on_problem=on_problem,
    ):
        out.write(line + "\n")
        written += 1
        if written % partition_size == 0:
            out.flush()
    out.flush()
    return written
