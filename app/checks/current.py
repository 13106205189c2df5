"""The compiled current lexicon of one process, rebuilt when legal saves a new version.

Every check asks ``current_lexicon()``. At most every ``LEXICON_REFRESH_SECONDS`` (default 0.1 s)
it reads the newest version number — one indexed query — and recompiles if it changed, so a
legal edit is live in every web process and worker within a second without a restart. While one
thread recompiles, the others keep checking with the previous lexicon instead of waiting.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, current_app

from app.checks.store import entries_at, latest_version, states_at, touched_between
from app.compliance import Entry, Lexicon, build_lexicon

EXTENSION_KEY = "hemline.lexicon"


class LexiconCache:
    """One app's compiled lexicon and when it last looked for a newer version."""

    def __init__(self, refresh_seconds: float) -> None:
        self.refresh_seconds = refresh_seconds
        self._lexicon: Lexicon | None = None
        self._entries: dict[int, Entry] = {}  # the enabled entries of self._lexicon, by id
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def get(self) -> Lexicon:
        """The compiled lexicon of the newest version (possibly up to refresh_seconds old)."""
        lexicon = self._lexicon
        now = time.monotonic()
        if lexicon is not None and now - self._checked_at < self.refresh_seconds:
            return lexicon
        version = latest_version()
        self._checked_at = now
        if lexicon is not None and lexicon.version == version:
            return lexicon
        if lexicon is not None and not self._lock.acquire(blocking=False):
            return lexicon  # another thread is compiling; the old lexicon is fine meanwhile
        if lexicon is None:
            self._lock.acquire()
        try:
            if self._lexicon is None or self._lexicon.version != version:
                self._entries = self._entries_of(version)
                self._lexicon = build_lexicon(self._entries.values(), version=version)
            return self._lexicon
        finally:
            self._lock.release()

    def _entries_of(self, version: int) -> dict[int, Entry]:
        """The enabled entries of `version`: only the entries touched since the version this
        process has are read, so picking up an edit of a 64k lexicon costs the compile alone."""
        known = self._lexicon.version if self._lexicon is not None else None
        if known is None or known > version:  # first load, or a database rebuilt from scratch
            return {entry.id: entry for entry in entries_at(version) if entry.id is not None}
        entries = dict(self._entries)
        touched = touched_between(known, version)
        states = states_at(version, touched)
        for entry_id in touched:
            state = states.get(entry_id)
            if state is not None and state.enabled:
                entries[entry_id] = state.entry
            else:
                entries.pop(entry_id, None)
        return entries

    def invalidate(self) -> None:
        """Look for a new version on the next call (after this process saved one)."""
        self._checked_at = float("-inf")


def init_app(app: Flask) -> None:
    """Give the app its lexicon cache."""
    app.extensions[EXTENSION_KEY] = LexiconCache(app.config["LEXICON_REFRESH_SECONDS"])


def current_lexicon() -> Lexicon:
    """The compiled lexicon of the newest version, for the current app."""
    return current_app.extensions[EXTENSION_KEY].get()


def invalidate() -> None:
    """Make the current app look for a new lexicon version on its next check."""
    cache = current_app.extensions.get(EXTENSION_KEY)
    if cache is not None:
        cache.invalidate()
