"""Running the compliance check against the current lexicon for pieces, the CLI and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.checks.current import current_lexicon
from app.checks.latency import CHECK_SECONDS
from app.compliance import Hit, Lexicon, Report, check
from app.compliance.pii import without_names
from app.errors import N_, ComplianceBlocked, InvalidInput
from app.extensions import db
from app.models import (
    Authorisation,
    Channel,
    ChannelKind,
    HitLog,
    Piece,
    PieceAuthorisation,
    Revision,
)
from app.notifications.events import Words


def channel_kind(code: str | None) -> str | None:
    """The platform kind entries are scoped by: a channel's code or a kind name; None for all."""
    if not code:
        return None
    kind = db.session.scalar(select(Channel.kind).where(Channel.code == code))
    if kind is not None:
        return kind
    if code in {member.value for member in ChannelKind}:
        return code
    raise InvalidInput(
        N_("未知渠道“%(code)s”：请使用渠道代码或平台名（如 wechat_oa、xiaohongshu）。"),
        params={"code": code},
    )


def check_fields(title: str, body: str, channel: str | None = None) -> Report:
    """Check a title and body for a channel against the current lexicon."""
    lexicon, kind = current_lexicon(), channel_kind(channel)
    with CHECK_SECONDS.time():
        return check(lexicon, title=title, body=body, channel=kind)


def check_draft(title: str, summary: str, body: str, channel: str | None) -> Report:
    """Check an editor's title, summary and body against the current lexicon."""
    return check_with(current_lexicon(), title, summary, body, channel_kind(channel))


def check_piece(piece: Piece) -> Report:
    """A piece's current revision against the current lexicon (nothing stored)."""
    revision = piece.current_revision
    assert revision is not None
    report = check_draft(revision.title, revision.summary, revision.body, revision.channel_code)
    return without_names(report, shown_names(piece.id))


def shown_names(piece_id: int | None) -> list[str]:
    """Customer names a UGC piece's valid authorisations allow showing: no PII name hit for them
    (issue 19; the rest of the consent rules are in ``app.consent``)."""
    if piece_id is None:
        return []
    query = (
        select(Authorisation.customer)
        .join(PieceAuthorisation, PieceAuthorisation.authorisation_id == Authorisation.id)
        .where(
            PieceAuthorisation.piece_id == piece_id,
            Authorisation.show_name.is_(True),
            Authorisation.withdrawn_at.is_(None),
            Authorisation.erased_at.is_(None),
        )
    )
    return list(db.session.scalars(query))


def check_with(lexicon: Lexicon, title: str, summary: str, body: str, kind: str | None) -> Report:
    """Check title, summary and body with `lexicon`; summary hits carry field "summary"."""
    # The summary is shown to readers too (公众号 digest), so it is checked as its own field.
    with CHECK_SECONDS.time():
        return check(lexicon, title=title, body=body, channel=kind, summary=summary)


def check_revision(revision: Revision, *, log_hits: bool = False) -> Report:
    """Check a revision and store the report on it (not committed); log hits for new revisions."""
    report = check_draft(revision.title, revision.summary, revision.body, revision.channel_code)
    report = without_names(report, shown_names(revision.piece_id))
    if log_hits:
        entry_ids = {term.entry_id for term in report.terms if term.entry_id is not None}
        db.session.add_all(HitLog(entry_id=eid, revision_id=revision.id) for eid in entry_ids)
    revision.report = report.to_dict()
    revision.verdict = report.verdict
    revision.lexicon_version = report.lexicon_version
    return report


def hit_key(hit: Hit) -> str:
    """A stable key for one hit of one revision, used to acknowledge it."""
    return f"{hit.field}:{hit.start}:{hit.end}:{hit.entry_id if hit.entry_id else hit.term}"


def hit_words(hits: list[Hit] | tuple[Hit, ...], limit: int = 5) -> Words:
    """A short list of hits as words for the reader's language: “text”（term：suggestion）; the
    text, term and suggestion are parameters, shown as written (app.notifications.wording)."""
    words = Words()
    for number, hit in enumerate(hits[:limit]):
        note = hit.suggestion or hit.basis
        words += (Words.of("hits.and") if number else Words()) + Words.of(
            "hits.item", text=hit.text, term=hit.term, note=note
        )
    return words + (Words.of("hits.more", count=len(hits)) if len(hits) > limit else Words())


def describe_hits(hits: list[Hit] | tuple[Hit, ...], limit: int = 5) -> str:
    """``hit_words`` in Chinese, for error messages and logs."""
    return str(hit_words(hits, limit))


FIELD_LABELS = {"title": _l("标题"), "summary": _l("摘要"), "body": _l("正文")}
# What callers of ensure_not_blocked are doing, for the catalog (the refusal names it).
DOINGS = (_l("提交审核"), _l("通过审核"), _l("通过法务会签"), _l("标记为已发布"), _l("重试发布"))


@dataclass(frozen=True)
class FieldTerms:
    """The terms hit in one field (of some severities), each once with how often it was hit."""

    field: str
    terms: tuple[tuple[str, int], ...]  # (term, count), in the order of the text

    def to_dict(self) -> dict[str, Any]:
        """JSON form: {"field": …, "terms": [{"term": …, "count": …}]}."""
        return {"field": self.field, "terms": [{"term": t, "count": n} for t, n in self.terms]}


def terms_by_field(report: Report, severities: tuple[str, ...] = ("block",)) -> list[FieldTerms]:
    """Each field's terms of `severities` with their counts, fields in FIELD_LABELS order.

    Counts come from the listed hits; a term hit more often than the report lists (the cap of
    one term's occurrences) adds the rest to the field of its last listed hit — listing keeps a
    term's first occurrences in text order, so the unlisted ones come after it.
    """
    counts: dict[str, dict[str, int]] = {}
    listed: dict[tuple[str, str, str, int | None], int] = {}
    last_field: dict[tuple[str, str, str, int | None], str] = {}
    for hit in report.hits:
        if hit.severity not in severities:
            continue
        rule = (hit.term, hit.category, hit.severity, hit.entry_id)
        field = counts.setdefault(hit.field, {})
        field[hit.term] = field.get(hit.term, 0) + 1
        listed[rule] = listed.get(rule, 0) + 1
        last_field[rule] = hit.field
    for term in report.terms:
        rule = (term.term, term.category, term.severity, term.entry_id)
        if rule in last_field and term.count > listed[rule]:
            counts[last_field[rule]][term.term] += term.count - listed[rule]
    order = [*FIELD_LABELS, *sorted(set(counts) - set(FIELD_LABELS))]
    return [FieldTerms(f, tuple(counts[f].items())) for f in order if f in counts]


def reasons_by_severity(
    report: Report, severities: tuple[str, ...] = ("block", "review")
) -> dict[str, list[dict[str, Any]]]:
    """Per severity, each field's terms once with their counts, the field named in the reader's
    language: ``{"block": [{"field": "body", "label": "正文", "terms": [{"term", "count"}]}]}``
    (the editor's live check)."""
    return {
        severity: [
            {**r.to_dict(), "label": str(FIELD_LABELS.get(r.field, r.field))}
            for r in terms_by_field(report, (severity,))
        ]
        for severity in severities
    }


def field_terms_text(reasons: list[FieldTerms]) -> str:
    """“正文：最（3 次）、第一（1 次）；标题：…” in the reader's language."""
    parts = [
        _(
            "%(field)s：%(terms)s",
            field=str(FIELD_LABELS.get(r.field, r.field)),
            terms=_("、").join(_("%(term)s（%(count)s 次）", term=t, count=n) for t, n in r.terms),
        )
        for r in reasons
    ]
    return _("；").join(parts)


def ensure_not_blocked(report: Report, doing: str) -> None:
    """Raise ComplianceBlocked naming, per field, each blocking term once with its count.

    The message is in the reader's language; the JSON keeps the blocking hits and adds
    ``reasons`` (field, terms with counts).
    """
    if report.verdict != "block":  # the verdict counts every hit, listed or not
        return
    blocking = [hit for hit in report.hits if hit.severity == "block"]
    reasons = terms_by_field(report)
    raise ComplianceBlocked(
        _(
            "合规检查发现禁止发布的内容，不能%(doing)s：%(reasons)s。请修改后再试。",
            doing=_(doing),
            reasons=field_terms_text(reasons),
        ),
        hits=[hit.to_dict() for hit in blocking],
        reasons=[r.to_dict() for r in reasons],
    )
