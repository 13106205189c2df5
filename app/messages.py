"""Message ids with parameters that the pure core can return: Chinese as a str, translatable later.

The checking engine, the word-list CSV reader and the metric-file parser must not import Flask,
so they cannot translate. They return a ``Message`` instead of a formatted f-string: it *is* the
Chinese text (``str(message)``, logs, the CLI's output and comparisons see exactly what an
f-string gave), and it keeps its message id and parameters so that the web layer
(``app.errors.say``) can say it in the reader's language. A parameter may itself be a
``Message`` (a column label, a nested reason) or a ``Joined`` list of them; other parameters
(terms, cell values, file names) are user content and stay as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def N_(message: str) -> str:  # noqa: N802  gettext_noop: marks a message id for extraction
    return message


class Message(str):
    """A message id and its ``%(name)s`` parameters, reading as the Chinese text."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Message:
        self = super().__new__(cls, str(msgid) % params if params else str(msgid))
        self.msgid, self.params = str(msgid), params
        return self

    def replace_params(self, **changes: Any) -> Message:
        """The same message with some parameters changed (e.g. renumbered lines)."""
        return type(self)(self.msgid, **{**self.params, **changes})


class Joined(str):
    """Several messages as one, each said in the reader's language; a separator that is
    Chinese punctuation (“；”, “、”) is translated too, spaces and line breaks are kept."""

    parts: list[str]
    sep: str

    def __new__(cls, parts: Sequence[str], sep: str = " ") -> Joined:
        self = super().__new__(cls, sep.join(parts))
        self.parts, self.sep = list(parts), sep
        return self


# The Chinese separators Joined translates, marked here for the catalog.
SEPARATORS = (N_("；"), N_("、"))
