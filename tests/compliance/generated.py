"""Generated texts for the property tests that compare the engine with the reference checker
(conditions, trigger windows), and the terms both agree on for one body."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from app.compliance import check
from app.compliance.lexicon import Lexicon
from tests.compliance.reference import ReferenceLexicon


def generated_texts(pieces: Sequence[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Texts made of up to max_size pieces, each written once or twice in a row."""
    piece = st.tuples(st.sampled_from(pieces), st.integers(1, 2)).map(lambda p: p[0] * p[1])
    return st.lists(piece, max_size=max_size).map("".join)


def agreeing_terms(lexicon: Lexicon, reference: ReferenceLexicon, body: str) -> list[str]:
    """The terms the engine finds in body, after checking that the reference finds the same."""
    report = check(lexicon, body=body)
    assert report == reference.check(body=body), body
    return [hit.term for hit in report.hits]


def assert_agrees(lexicon: Lexicon, reference: ReferenceLexicon, title: str, body: str) -> None:
    """The engine's report of a title and body equals the reference's."""
    assert check(lexicon, title=title, body=body) == reference.check(title=title, body=body)
