"""The English catalog as it will be once the pending fragments are merged, for tests that read
pages or messages in English before `make translations-merge` has run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

import flask_babel
import pytest
from babel.messages.mofile import write_mo
from babel.support import Translations

from app.i18n_merge import merged_catalog

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _merged() -> Translations:
    buffer = BytesIO()
    write_mo(buffer, merged_catalog("en"))
    buffer.seek(0)
    return Translations(buffer)


@contextmanager
def merged_english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Flask-Babel answers English from the catalog merged with the pending fragments."""
    translations = _merged()
    original = flask_babel.Domain.get_translations

    def get_translations(self: flask_babel.Domain) -> object:
        locale = flask_babel.get_locale()
        english = locale is not None and locale.language == "en"
        return translations if english else original(self)

    with monkeypatch.context() as patch:
        patch.setattr(flask_babel.Domain, "get_translations", get_translations)
        yield


def chinese_in(text: str) -> list[str]:
    """The runs of Chinese characters in `text` (none in a fully English text)."""
    return re.findall(f"{CJK.pattern}+", text)
