"""The one event vocabulary of notices (PRODUCT §6) and its one label table, pure Python.

In-app notices, group bots and e-mail all speak of these events. The labels are the Chinese
source texts: stored titles, bots and e-mail use them as they are (outside a request the locale is
Chinese); pages translate them with the ``event_label`` filter (app.templating).
"""

from __future__ import annotations

from enum import StrEnum


def N_(message: str) -> str:  # noqa: N802  the gettext_noop convention, read by `make translations-extract`
    """Mark ``message`` for the translation catalog without translating it here."""
    return message


class Event(StrEnum):
    """What a notice is about; app.notifications.services refuses any other name."""

    SUBMITTED = "submitted"  # a piece was submitted (or sent back) for review
    CHANGES_REQUESTED = "changes_requested"  # the reviewer sent it back
    APPROVED = "approved"  # approved for publishing
    REJECTED = "rejected"  # turned down in review
    LEGAL_SIGNOFF = "legal_signoff"  # legal has to sign off
    HELD = "held"  # publish-time re-check found a new block hit (or a blackout stopped it)
    FAILED = "failed"  # publishing failed after its retries
    MISSED = "missed"  # still unpublished 5 minutes after its time
    SLA_BREACH = "sla_breach"  # review took longer than the channel's SLA
    WORDLIST_CHANGED = "wordlist_changed"  # the compliance word lists changed
    MANUAL_READY = "manual_ready"  # a manual channel's package waits for its assignee
    COMPLIANCE_FLAG = "compliance_flag"  # a word-list change gave a scheduled piece a block hit
    WORKER_DOWN = "worker_down"  # no publish worker has shown a sign of life for a while
    RECOVERED = "recovered"  # an alerted problem ended (the worker is back, a missed piece is out)
    CONSENT_WITHDRAWN = "consent_withdrawn"  # a customer withdrew the authorisation a piece uses
    TAKEDOWN = "takedown"  # a published piece must be taken down (authorisation withdrawn)
    DIGEST = "digest"  # the daily / weekly / monthly operations report (app.analytics.digests)


# Keyed by Event; a StrEnum hashes like its value, so EVENT_LABELS["submitted"] works too.
EVENT_LABELS: dict[str, str] = {
    Event.SUBMITTED: N_("新稿件待审核"),
    Event.CHANGES_REQUESTED: N_("稿件需要修改"),
    Event.APPROVED: N_("稿件已通过"),
    Event.REJECTED: N_("稿件被驳回"),
    Event.LEGAL_SIGNOFF: N_("需要法务会签"),
    Event.HELD: N_("发布被拦截"),
    Event.FAILED: N_("发布失败"),
    Event.MISSED: N_("错过发布时间"),
    Event.SLA_BREACH: N_("审核超时"),
    Event.WORDLIST_CHANGED: N_("词库已更新"),
    Event.COMPLIANCE_FLAG: N_("已排期稿件出现禁止词"),
    Event.MANUAL_READY: N_("请手动发布"),
    Event.WORKER_DOWN: N_("发布进程已停止"),
    Event.RECOVERED: N_("问题已恢复"),
    Event.CONSENT_WITHDRAWN: N_("用户撤回授权"),
    Event.TAKEDOWN: N_("需要下架稿件"),
    Event.DIGEST: N_("运营数据报告"),
}
