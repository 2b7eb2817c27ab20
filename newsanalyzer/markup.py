"""HTML given where plain text was expected.

`blank_markup` replaces every tag, comment and the contents of script and
style elements with spaces (line breaks kept), so the text between tags keeps
its offsets and nothing inside a tag or attribute can become a quote or a name.
"""

from __future__ import annotations

import re
from functools import cache

_SNIFF_CHARS = 4096


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The document start, a common tag and any markup (compiled when a text has a `<`)."""
    document_start = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
    common_tag = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|table|tr|td|article|section|strong|em|b|i|img|meta|link)\b[^<>]{0,500}>", re.IGNORECASE)
    # Script and style bodies first (their text is code), then comments, then tags.
    markup = re.compile(
        r"<script\b[^>]{0,2000}>.*?</script\s*>|<style\b[^>]{0,2000}>.*?</style\s*>|<!--.*?-->|</?[A-Za-z!?][^<>]{0,5000}>",
        re.IGNORECASE | re.DOTALL,
    )
    return document_start, common_tag, markup


def looks_like_html(text: str) -> bool:
    """An HTML document, or text with several common tags near its start."""
    head = text[:_SNIFF_CHARS]
    if "<" not in head:  # most articles: no tag can start
        return False
    document_start, common_tag, _ = _patterns()
    return bool(document_start.match(head)) or len(common_tag.findall(head)) >= 3


def blank_markup(text: str) -> str:
    """The same text with markup replaced by spaces (line breaks kept): same length, same offsets."""
    return _patterns()[2].sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
