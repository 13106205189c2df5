"""The manual adapter for 小红书, 抖音 and other platforms with no posting API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from app.channels.base import (
    Checkpoint,
    Delivery,
    Package,
    Result,
    SaveCheckpoint,
    record_step,
    require_http_url,
)

BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "blockquote", "tr"}
)


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML body, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start skipping scripts and styles; break the line at a block."""
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Stop skipping; break the line after a block."""
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text."""
        if not self._skip:
            self.parts.append(data)


def html_to_text(body_html: str) -> str:
    """Plain text of ``body_html`` for pasting into an app: paragraphs kept, tags dropped."""
    parser = _TextExtractor()
    parser.feed(body_html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class ManualChannel:
    """A platform a person posts to by hand."""

    platform_label: str  # e.g. 小红书


class ManualAdapter:
    """Returns ``pending`` with a ready package; a person posts it and records the URL.

    Checkpoint key: ``handed_off`` ("1" once the package was prepared), so the runner can tell a
    first hand-off (notify the assignee) from a repeat call.
    """

    def __init__(self, channel: ManualChannel) -> None:
        self.channel = channel

    def publish(
        self, package: Package, checkpoint: Checkpoint, save_checkpoint: SaveCheckpoint
    ) -> Result:
        """Prepare the ready package; nothing is sent to the platform."""
        state = dict(checkpoint)
        if not state.get("handed_off"):
            record_step(state, save_checkpoint, handed_off="1")
        label = self.channel.platform_label
        return Result(
            Delivery.PENDING,
            f"等待负责人在{label}手动发布，并填写发布后的链接",
            ready_package=ready_package(package, label),
        )

    def mark_published(self, post_url: str) -> Result:
        """The result once the assignee reports the post's URL (http(s) only)."""
        url = require_http_url(post_url, "发布链接")
        return Result(Delivery.PUBLISHED, f"已在{self.channel.platform_label}手动发布", url=url)


def steps_left(checkpoint: Checkpoint) -> bool:
    """True until the ready package was handed to the assignee."""
    return not checkpoint.get("handed_off")


def ready_package(package: Package, platform_label: str) -> str:
    """Markdown the assignee copies from: title, digest, body as plain text, cover, source."""
    lines = [f"# {package.title}", "", f"发布平台：{platform_label}"]
    if package.author:
        lines.append(f"作者：{package.author}")
    if package.digest:
        lines += ["", f"摘要：{package.digest}"]
    lines += ["", "## 正文", "", html_to_text(package.body_html)]
    if package.cover:
        lines += ["", f"封面图：{package.cover_filename}（见附件）"]
    if package.source_url:
        lines += ["", f"原文链接：{package.source_url}"]
    lines += ["", "发布后请在 Hemline 中标记为已发布，并填写帖子链接。"]
    return "\n".join(lines) + "\n"
