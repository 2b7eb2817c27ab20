"""The article in a web page: its main text, title, author and date.

trafilatura finds the main text (dropping navigation, comments, footers and
scripts) and the page's metadata. It is imported on first use only, so the
command line's --help and --version stay fast. When trafilatura finds no main
text, `newsanalyzer.markup.blank_markup` is the fallback (the caller says so).
"""

from __future__ import annotations

import logging

from newsanalyzer.model import Meta

# Loggers of trafilatura and its helpers: their warnings are not ours to print.
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def extract_article(html: str, url: str | None = None) -> tuple[str, Meta] | None:
    """(main text, metadata) of an HTML page, or None when no main text is found.

    Offline: nothing is fetched; `url` only fills in the metadata.
    """
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
        )
    except (ValueError, TypeError, RecursionError):  # lxml refuses some pathological markup
        return None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        return None

    def clean(value) -> str | None:
        value = " ".join(str(value).split()) if value else ""
        return value or None

    meta = Meta(title=clean(result.title), author=clean(result.author), date=clean(result.date), url=url or clean(result.url))
    return text, meta
