"""Many documents, in input order: in this process or in worker processes.

Output order and bytes never depend on `jobs`: results are yielded strictly in
input order. Memory stays bounded: at most `jobs * IN_FLIGHT_PER_JOB`
documents are read ahead of the one being written, whatever the corpus size.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from newsanalyzer.inputs import Document, InputProblem
from newsanalyzer.model import Analysis
from newsanalyzer.pipeline import Config, analyze

IN_FLIGHT_PER_JOB = 4

Item = Document | InputProblem
Result = tuple[Item, Analysis | None]


def _init_worker() -> None:
    from newsanalyzer import _light_imports

    _light_imports.install()


def _analyze_text(text: str, config: Config, finish: Callable | None = None, doc_id: str = "", include_text: bool = False, meta=None):
    analysis = analyze(text, config)
    return finish(doc_id, analysis, include_text, meta) if finish else analysis


def resolve_jobs(jobs: int) -> int:
    """`0` means one worker per core."""
    return max(1, (os.cpu_count() or 1) if jobs == 0 else jobs)


def analyze_stream(items: Iterable[Item], config: Config, jobs: int = 1, finish: Callable | None = None) -> Iterator[Result]:
    """(item, result) pairs in input order; problems pass through with None.

    The result is the `Analysis`, or `finish(doc_id, analysis, include_text, meta)` when
    given: a picklable function run where the analysis ran, so that worker
    processes send back what will be written (text, rows), not whole analyses.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        for item in items:
            if isinstance(item, Document):
                yield item, _analyze_text(item.text, config, finish, item.id, item.include_text, item.meta)
            else:
                yield item, None
        return
    import multiprocessing  # only when there are workers: it costs start-up time

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    pool = context.Pool(jobs, initializer=_init_worker)
    pending: deque = deque()
    try:
        for item in items:
            if isinstance(item, Document):
                pending.append((item, pool.apply_async(_analyze_text, (item.text, config, finish, item.id, item.include_text, item.meta))))
            else:
                pending.append((item, None))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield _finish(pending.popleft())
        while pending:
            yield _finish(pending.popleft())
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _finish(entry) -> Result:
    item, future = entry
    return item, (future.get() if future is not None else None)
