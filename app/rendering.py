"""Markdown to sanitised HTML, and line diffs between revisions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


OWN_IMAGES = "/covers/"  # images come from the app's own uploads only


def _own_images_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: an image's ``src`` must be one of our uploads (no tracking pixels)."""
    if tag == "img" and attribute == "src":
        path = value.strip()
        if not path.startswith(OWN_IMAGES) or "//" in path or "\\" in path or ".." in path:
            return None
        return path
    return value


def render_markdown(text: str) -> Markup:
    """Render Markdown to HTML and strip anything outside a small safe set of tags.

    Images are kept only when they point at the app's own uploads (``/covers/…``); an image from
    another host would tell it who read the piece, and when.
    """
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_own_images_only,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 above


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: kind is 'same', 'added' or 'removed'."""

    kind: str
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Line-by-line diff of two texts, for showing what changed between revisions."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(DiffLine("same", line) for line in old_lines[i1:i2])
            continue
        result.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
        result.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return result


@dataclass(frozen=True)
class Span:
    """A stretch [start, end) of a field's original text to mark, with its tooltip."""

    start: int
    end: int
    css: str
    title: str


_OPEN, _SHUT, _END = "\ue000", "\ue001", "\ue002"  # private-use sentinels survive Markdown and nh3
MARKERS = re.compile("[\ue000-\ue002]")
_SENTINEL = re.compile(f"{_OPEN}([0-9]+){_SHUT}|{_END}")
# A span touching Markdown syntax or a line break could split an element; it is listed, not marked.
_MARKDOWN_SYNTAX = frozenset("*_`[]()#>!<\\|~\n\r")


def _markable(text: str, spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping spans whose text is plain (no Markdown syntax inside)."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        inside = text[span.start : span.end]
        if chosen and span.start < chosen[-1].end or _MARKDOWN_SYNTAX.intersection(inside):
            continue
        chosen.append(span)
    return chosen


def strip_markers(text: str) -> str:
    """``text`` without the private-use characters the marking uses internally (on input)."""
    return MARKERS.sub("", text)


def _with_sentinels(text: str, spans: list[Span]) -> str:
    # Stored text from before input was cleaned may still hold a marker: replace it by U+FFFD
    # (same length, so the spans' offsets stay right) so that only our sentinels are in the text.
    text = MARKERS.sub("\ufffd", text)
    out, cursor = [], 0
    for index, span in enumerate(spans):
        out += [
            text[cursor : span.start],
            f"{_OPEN}{index}{_SHUT}",
            text[span.start : span.end],
            _END,
        ]
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def _marks(html: str, spans: list[Span]) -> Markup:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return "</mark>"
        span = spans[int(match.group(1))]
        return f'<mark class="{escape(span.css)}" title="{escape(span.title)}">'

    return Markup(_SENTINEL.sub(replace, html))  # noqa: S704 - sanitised text, our own tags


def render_marked_markdown(text: str, spans: list[Span]) -> Markup:
    """Render Markdown like render_markdown, with the given spans of the source marked."""
    chosen = _markable(text, spans)
    clean = str(render_markdown(_with_sentinels(text, chosen)))
    return _marks(clean, chosen)


def mark_plain(text: str, spans: list[Span]) -> Markup:
    """Escape plain text (a title, a summary) with the given spans marked."""
    chosen = _markable(text, spans)
    return _marks(str(escape(_with_sentinels(text, chosen))), chosen)
