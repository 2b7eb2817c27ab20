"""HTML given where plain text was expected.

`blank_markup` replaces every tag, comment and the contents of script and
style elements with spaces (line breaks kept), so the text between tags keeps
its offsets and nothing inside a tag or attribute can become a quote or a name.
"""

from __future__ import annotations

import re

_SNIFF_CHARS = 4096
_DOCUMENT_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_COMMON_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|table|tr|td|article|section|strong|em|b|i|img|meta|link)\b[^<>]{0,500}>", re.IGNORECASE)
# Script and style bodies first (their text is code), then comments, then tags.
_MARKUP = re.compile(
    r"<script\b[^>]{0,2000}>.*?</script\s*>|<style\b[^>]{0,2000}>.*?</style\s*>|<!--.*?-->|</?[A-Za-z!?][^<>]{0,5000}>",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """An HTML document, or text with several common tags near its start."""
    head = text[:_SNIFF_CHARS]
    return bool(_DOCUMENT_START.match(head)) or len(_COMMON_TAG.findall(head)) >= 3


def blank_markup(text: str) -> str:
    """The same text with markup replaced by spaces (line breaks kept): same length, same offsets."""
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
