"""newsanalyzer: who is quoted, what they said, and how each actor is portrayed.

    >>> from newsanalyzer import analyze
    >>> result = analyze("“We will win,” Jane Doe said.")
    >>> result.quotes[0].actor
    'Jane Doe'

`analyze(text, config=Config())` is the one entry point; it returns an
immutable `Analysis` whose spans all index `text`. The NLP libraries are
imported on first use, so importing this package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsanalyzer._version import __version__

if TYPE_CHECKING:
    from newsanalyzer.model import Analysis
    from newsanalyzer.pipeline import Config

__all__ = ["Analysis", "Config", "__version__", "analyze"]


def analyze(text: str, config: Config | None = None) -> Analysis:
    """Analyze one article's text; see `newsanalyzer.pipeline.analyze`."""
    from newsanalyzer.pipeline import analyze as run

    return run(text, config)


def __getattr__(name: str):
    if name == "Config":
        from newsanalyzer.pipeline import Config

        return Config
    if name == "Analysis":
        from newsanalyzer.model import Analysis

        return Analysis
    raise AttributeError(name)
