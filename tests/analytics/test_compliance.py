"""The dashboard's compliance section: hits per category and per entry, the false-positive rate
per entry, the entries that block most and are reported most — counted in the period only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from flask.testing import FlaskClient

from app.analytics import services
from app.compliance import Entry
from app.extensions import db
from app.models import FalsePositiveReport, HitLog, LexiconEntry, Piece, User

DAY = date(2026, 12, 1)
IN_DAY = datetime(2026, 12, 1, 4, tzinfo=UTC)  # 12:00 in Shanghai
DAY_BEFORE = datetime(2026, 11, 30, 4, tzinfo=UTC)


def test_hits_reports_and_rates_per_entry_and_category(
    client: FlaskClient,
    login_as: Callable[..., User],
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> None:
    load_lexicon(
        Entry("最好", "ad_absolute", "block"),
        Entry("第一", "ad_absolute", "review"),
        Entry("秒杀", "promo_marker", "warn"),
    )
    ids = {e.term: e.entry_id for e in db.session.query(LexiconEntry).all()}
    piece = make_piece(body="普通的文字")
    revision = piece.current_revision_id
    assert revision is not None
    db.session.query(HitLog).delete()
    hits = {"最好": 4, "第一": 2, "秒杀": 1}
    for term, n in hits.items():
        db.session.add_all(
            HitLog(entry_id=ids[term], revision_id=revision, at=IN_DAY) for _ in range(n)
        )
    db.session.add(HitLog(entry_id=ids["秒杀"], revision_id=revision, at=DAY_BEFORE))
    reporter = make_user("writer")
    for term, at in (("第一", IN_DAY), ("最好", IN_DAY), ("第一", IN_DAY), ("最好", DAY_BEFORE)):
        db.session.add(
            FalsePositiveReport(
                entry_id=ids[term],
                piece_id=piece.id,
                hit={"term": term},
                reporter_id=reporter.id,
                created_at=at,
            )
        )
    db.session.commit()

    figures = services.compliance(services.window("day", DAY))
    labels = {row["category"]: row["hits"] for row in figures["by_category"]}
    assert sorted(labels.values()) == [1, 6] and figures["hits"] == 7
    entries = {e["term"]: e for e in figures["entries"]}
    assert {t: (e["hits"], e["reports"]) for t, e in entries.items()} == {
        "最好": (4, 1),
        "第一": (2, 2),
        "秒杀": (1, 0),
    }
    assert entries["最好"]["fp_rate"] == 0.25 and entries["第一"]["fp_rate"] == 1.0
    assert [e["term"] for e in figures["entries"]] == ["最好", "第一", "秒杀"]  # most hits first
    assert [e["term"] for e in figures["blocking"]] == ["最好"]
    assert [e["term"] for e in figures["reported"]] == ["第一", "最好"]
    assert services.hit_count(services.window("day", date(2026, 11, 30))) == 1

    login_as("legal")
    page = client.get("/dashboard/?period=day&date=2026-12-01").get_data(as_text=True)
    section = page[page.index('id="comp-h"') :]
    assert ">最好<" in section and "<td>25.0%</td>" in section and "<td>100.0%</td>" in section
    assert "<td>7 (1)</td>" in section  # this period's hits beside the previous period's
