"""The command line: parse options, read input, call `analyze`, render, exit.

Only Click is imported at start-up; the NLP libraries and Rich load when a
document is analysed or a table drawn, so `--help` and `--version` are fast.

Exit status: 0 all documents analysed; 1 at least one input could not be
read or analysed (the others still are, in order); 2 usage error;
130 interrupted (Ctrl-C); a closed output pipe ends the process quietly like
other Unix tools (status 141 from the shell).
"""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys

import click

from newsanalyzer._version import __version__

FORMATS = ("table", "json", "jsonl", "csv", "html")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_MAX_BYTES = 20_000_000  # about 3,000 news articles in one file; bounds memory
DEFAULT_TIMEOUT = 30.0  # seconds to fetch one URL (newsanalyzer.fetch.DEFAULT_TIMEOUT, not imported at start-up)

FORMAT_HELP = (
    "Output format: table (for people, the default), json (the contract object; an array when several "
    "documents), jsonl (one object per line), csv (one row per quote, actor, sentence or token), "
    "html (one self-contained report page; not for tokens)."
)
EPILOG = """\b
Input: files, folders (every *.txt inside, sorted), - for standard input,
JSON Lines files of {"id": ..., "text": ...} records (*.jsonl), web pages
(*.html, *.htm, or HTML content: the article's text is extracted) and
http(s) URLs.
Exit status: 0 ok, 1 some input could not be analysed, 2 usage error,
130 interrupted."""


def common_options(command):
    """The input and output options every command shares."""

    @click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=str))
    @click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=FORMAT_HELP)
    @click.option("--color/--no-color", "color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")
    @click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors.")
    @click.option("-v", "--verbose", is_flag=True, help="Report each document on stderr as it is written.")
    @click.option("--encoding", metavar="NAME", help="Decode input with this encoding instead of UTF-8 (e.g. cp1252).")
    @click.option("--jsonl-input/--text-input", "jsonl", default=None, help="Read inputs as JSON Lines records (default: by the .jsonl/.ndjson extension).")
    @click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes (0: one per core). Output is identical whatever the number.")
    @click.option("--dask", "dask_address", metavar="ADDRESS", help="Analyse on a Dask cluster (tcp://scheduler:8786); needs --format jsonl and the dask extra.")
    @click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse a file or record larger than this many bytes.")
    @click.option("--html/--text", "html", default=None, help="Read inputs as web pages (extract the article) or as plain text (default: by extension, content type or content).")
    @click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS", help="Give up fetching a URL after this many seconds.")
    @click.option("--include-text", is_flag=True, help="Add the analysed text to JSON output (always there for web pages and URLs).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=str), metavar="PATH", help="Write here instead of standard output (replaced only when complete).")
    @functools.wraps(command)
    def wrapper(**kwargs):
        return command(**kwargs)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="newsanalyzer")
def main() -> None:
    """Who is quoted, what they said, and how each actor is portrayed in news articles.

    \b
    Examples:
      newsanalyzer analyze article.txt
      curl -s https://example.org/a.txt | newsanalyzer quotes --format csv > quotes.csv
      newsanalyzer analyze --format jsonl corpus/ | jq '.quotes[] | .actor'
      newsanalyzer analyze --format html -o report.html https://example.org/news/story
    """
    # A closed pipe (`| head`) ends us quietly, as it does grep or cat.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _want_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run(
    view: str,
    paths: tuple[str, ...],
    fmt: str,
    color: bool | None,
    quiet: bool,
    encoding: str | None,
    jsonl: bool | None,
    jobs: int = 1,
    max_bytes: int | None = None,
    verbose: bool = False,
    dask_address: str | None = None,
    html: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    include_text: bool = False,
    output: str | None = None,
) -> None:
    """Analyse every input in order and render it; exit with the documented status."""
    stdin_is_terminal = sys.stdin is None or sys.stdin.isatty()
    if not paths:
        if stdin_is_terminal:
            raise click.UsageError("no input: give a file or folder, or pipe text in (use - for standard input)")
        paths = ("-",)
    if paths.count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    if fmt == "html" and view == "tokens":
        raise click.UsageError("--format html is a report of quotes and actors: use json, jsonl, csv or table for tokens")
    sink = _Output(output, fmt)
    try:
        status = _run(view, paths, fmt, color, quiet, encoding, jsonl, jobs, max_bytes, verbose, dask_address, html, timeout, include_text, sink)
    except BaseException:
        sink.abort()
        raise
    sink.commit()
    sys.exit(status)


def _run(view, paths, fmt, color, quiet, encoding, jsonl, jobs, max_bytes, verbose, dask_address, html, timeout, include_text, sink) -> int:
    """The body of `run`: the exit status, with output written to `sink`."""

    from newsanalyzer import _light_imports

    _light_imports.install()
    # An analysis makes tens of thousands of small objects that die by reference
    # counting; the default threshold (700) has the collector scan them some 300
    # times per 84 articles (80 ms, 6 % of the run); 10,000 leaves about 8 scans.
    gc.set_threshold(10_000, 10, 10)
    from newsanalyzer.batch import analyze_stream
    from newsanalyzer.inputs import InputProblem, UsageProblem, count_inputs, read_documents
    from newsanalyzer.pipeline import Config
    from newsanalyzer.render import make_renderer, prepare

    config = Config(stages=("segment",)) if view == "tokens" else Config()
    reading = {"encoding": encoding, "jsonl": jsonl, "max_bytes": max_bytes, "html": html, "timeout": timeout}
    if dask_address:
        documents = read_documents(paths, **reading)
        return _run_on_dask(dask_address, documents, config, view, fmt, quiet, sink)
    if view == "summary":
        from newsanalyzer.corpus import CorpusSummary
        from newsanalyzer.render.summary import render_summary

        summary = CorpusSummary()
        out = sink.stream()

        class renderer:  # folds every document in, renders once at the end
            write = staticmethod(lambda doc_id, analysis: summary.add(analysis))
            close = staticmethod(lambda: render_summary(summary, fmt, out, color=_want_color(color)))

    else:
        renderer = make_renderer(fmt, view, sink.stream(), color=_want_color(color) and sink.path is None)
    documents = read_documents(paths, **reading)
    failed = written = 0
    progress = _progress(quiet)
    # The first analysis loads the lexicons and model weights, some 80,000 objects
    # that live as long as we do: collecting while they load only walks them again
    # and again (about 20 ms of a 170 ms start). Collection waits until the first
    # document is written; then they are frozen, out of every later collection's way.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with progress:
            task = progress.add_task("analysing", total=count_inputs(paths, jsonl)) if progress else None
            finish = functools.partial(prepare, fmt, view, always_include_text=include_text)
            for item, payload in analyze_stream(documents, config, jobs, finish):
                if isinstance(item, InputProblem):
                    _error(f"{item.id}: {item.message}")
                    failed += 1
                else:
                    if item.note and not quiet:
                        _note(f"{item.id}: {item.note}")
                    renderer.write(item.id, payload)
                    written += 1
                    if written == 1:
                        gc.freeze()
                        if collecting:
                            gc.enable()
                    if verbose and not quiet:
                        _note(f"{item.id}: written")
                if progress:
                    progress.advance(task)
        renderer.close()
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    except KeyboardInterrupt:
        _error(f"interrupted after {written} document{'s' if written != 1 else ''} written")
        sink.abort()
        _flush_quietly()
        os._exit(EXIT_INTERRUPTED)
    except OSError as error:
        if getattr(error, "errno", None) is not None and sys.stdout is not None:
            _error(f"cannot write output: {error.strerror or error}")
            sink.abort()
            os._exit(EXIT_FAILED)  # stdout is unusable: skip the flush at exit
        raise
    finally:
        if collecting:
            gc.enable()  # nothing was written, or an error: the caller's process collects again
    if not quiet and failed:
        _note(f"{failed} input{'s' if failed != 1 else ''} failed, {written} analysed")
    return EXIT_FAILED if failed else EXIT_OK


def _run_on_dask(address: str, documents, config, view: str, fmt: str, quiet: bool, sink) -> int:
    """The same JSON Lines as a local run, computed on a Dask cluster; returns the exit status."""
    if fmt != "jsonl" or view == "summary":
        raise click.UsageError("--dask writes JSON Lines: use it with --format jsonl (and not with summary)")
    try:
        import distributed  # noqa: F401  (the extra is installed)

        from newsanalyzer.dask import run_on_cluster
    except ImportError:
        raise click.UsageError("--dask needs the dask extra: pip install 'newsanalyzer[dask]'") from None
    failures: list[str] = []

    def on_problem(doc_id: str, message: str) -> None:
        _error(f"{doc_id}: {message}")
        failures.append(doc_id)

    try:
        written = run_on_cluster(documents, address, sink.stream(), config=config, view=view, on_problem=on_problem)
    except KeyboardInterrupt:
        _error("interrupted")
        sink.abort()
        _flush_quietly()
        os._exit(EXIT_INTERRUPTED)
    except (OSError, TimeoutError, RuntimeError) as error:
        _error(f"Dask cluster at {address}: {error}")
        return EXIT_FAILED
    if failures and not quiet:
        _note(f"{len(failures)} input{'s' if len(failures) != 1 else ''} failed, {written} analysed")
    return EXIT_FAILED if failures else EXIT_OK


class _NoProgress:
    """Stands in for a progress bar where none is shown (a pipe, a CI log, -q)."""

    def __bool__(self) -> bool:
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


def _progress(quiet: bool):
    """A Rich progress bar on stderr, only when stderr is a terminal (never on stdout)."""
    if quiet or not sys.stderr.isatty():
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} docs/s" if task.speed else "")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except Exception:  # the output may be gone; the message is already on stderr
        pass


def _output_stream(fmt: str):
    """Machine formats are always UTF-8; tables follow the terminal, replacing what it cannot show."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding in ("utf8", "utf8sig"):
        return out
    if fmt == "table":
        if hasattr(out, "reconfigure"):
            out.reconfigure(errors="replace")
        return out
    if hasattr(out, "buffer"):
        import io

        out.flush()
        return io.TextIOWrapper(out.buffer, encoding="utf-8", newline="", write_through=True)
    return out


class _Output:
    """Standard output, or a file written atomically: a temporary file in the same
    folder, renamed over the target only when everything is written."""

    def __init__(self, path: str | None, fmt: str):
        self.path = None if path in (None, "-") else path
        self.fmt = fmt
        self.handle = None
        self.temporary: str | None = None

    def stream(self):
        if self.path is None:
            return _output_stream(self.fmt)
        if self.handle is None:
            import tempfile

            folder = os.path.dirname(os.path.abspath(self.path))
            try:
                descriptor, self.temporary = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".part", dir=folder)
            except OSError as error:
                raise click.BadParameter(f"cannot write to {self.path!r}: {error.strerror or error}", param_hint="--output") from None
            self.handle = open(descriptor, "w", encoding="utf-8", newline="")
        return self.handle

    def commit(self) -> None:
        if self.handle is None:
            return
        try:
            self.handle.close()
            try:
                mode = os.stat(self.path).st_mode & 0o7777
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self.temporary, mode)
            os.replace(self.temporary, self.path)
        except OSError as error:
            self.abort()
            _error(f"cannot write {self.path}: {error.strerror or error}")
            sys.exit(EXIT_FAILED)
        self.handle = self.temporary = None

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError:
                pass
        if self.temporary:
            try:
                os.unlink(self.temporary)
            except OSError:
                pass
        self.handle = self.temporary = None


def _error(message: str) -> None:
    click.echo(f"newsanalyzer: error: {message}", err=True)


def _note(message: str) -> None:
    click.echo(f"newsanalyzer: {message}", err=True)


@main.command(epilog=EPILOG)
@common_options
def analyze(**options) -> None:
    """Everything: a summary, the quotes and the actors of each article.

    \b
    Examples:
      newsanalyzer analyze samples/china-russia-north-korea.txt
      newsanalyzer analyze --format jsonl corpus/ > analysis.jsonl
      newsanalyzer analyze --format html -o report.html page.html
      curl -s https://example.org/story | newsanalyzer analyze --html -
    """
    run("analyze", **options)


@main.command(epilog=EPILOG)
@common_options
def quotes(**options) -> None:
    """Who said what: each quote with its speaker, actor, kind, cue and tone.

    \b
    Examples:
      newsanalyzer quotes article.txt
      cat article.txt | newsanalyzer quotes --format csv > quotes.csv
    """
    run("quotes", **options)


@main.command(epilog=EPILOG)
@common_options
def actors(**options) -> None:
    """The people, organisations, places and groups, and how each is portrayed.

    \b
    Example:
      newsanalyzer actors --format csv article.txt
    """
    run("actors", **options)


@main.command(epilog=EPILOG)
@common_options
def sentiment(**options) -> None:
    """The article's tone, sentence by sentence, and the sentiment by actor.

    \b
    Example:
      newsanalyzer sentiment article.txt
    """
    run("sentiment", **options)


@main.command(epilog=EPILOG)
@common_options
def tokens(**options) -> None:
    """Sentences and tagged tokens with their character offsets.

    \b
    Example:
      newsanalyzer tokens --format jsonl article.txt | jq '.sentences[0].tokens'
    """
    run("tokens", **options)


@main.command(epilog=EPILOG)
@common_options
def summary(**options) -> None:
    """The corpus view over many articles: most quoted, most mentioned, tone by actor.

    \b
    Examples:
      newsanalyzer summary corpus/
      newsanalyzer summary --format json -j 0 year.jsonl
    """
    run("summary", **options)
