"""The one event vocabulary of notices (PRODUCT §6) and its one label table, pure Python.

In-app notices, group bots and e-mail all speak of these events. The labels are the Chinese
source texts: bots and e-mail use them as they are (outside a request the locale is Chinese);
pages translate them with the ``event_label`` filter (app.notifications.views). What a notice
says is ``Words``: keys of ``NOTICE_WORDS`` with parameters, stored with the notice and written
in the reader's language when shown (app.notifications.wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.channels.messages import CHANNEL_WORDS


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


# --- what a notice says -------------------------------------------------------------------------

# A notice's title and text are stored as message keys with parameters (``Words``) and written in
# the reader's language when shown (app.notifications.wording); bots and e-mail get the Chinese.
# Keys stay stable once used (rows keep them); a text's wording may change with its message id.
# Parameters: a string is the name of a thing or text people wrote (shown as written, marked as
# user content), an integer is a number.
NOTICE_WORDS: dict[str, str] = {
    # titles
    "submitted": N_("待审核：%(piece)s"),
    "sent_back": N_("稿件已退回审核：%(piece)s"),
    "changes_requested": N_("稿件需要修改：%(piece)s"),
    "approved": N_("稿件已通过：%(piece)s"),
    "rejected": N_("稿件被驳回：%(piece)s"),
    "legal_signoff": N_("需要法务会签：%(piece)s"),
    "sla_breach": N_("审核超时：%(piece)s"),
    "manual_overdue": N_("手动发布超时：%(piece)s"),
    "blackout_held": N_("禁发时段内未发布：%(piece)s"),
    "late_held": N_("超时未自动发布：%(piece)s"),
    "worker_down": N_("发布进程没有运行"),
    "worker_back": N_("发布进程已恢复"),
    "compliance_flag": N_("已通过的稿件出现禁止词：%(piece)s"),
    "wordlist_changed": N_("词库已更新到第 %(version)s 版"),
    "consent_withdrawn": N_("用户撤回授权：%(piece)s"),
    "takedown": N_("需要下架稿件：%(piece)s"),
    "taken_down": N_("问题已恢复：已下架 %(piece)s"),
    "digest.day": N_("运营日报 %(span)s"),
    "digest.week": N_("运营周报 %(span)s"),
    "digest.month": N_("运营月报 %(span)s"),
    # texts
    "digest.reads": N_("阅读 %(reads)s"),
    "digest.change": N_("（%(change)s）"),
    "digest.open_rate": N_("，打开率 %(rate)s（上期 %(before)s）"),
    "digest.interactions": N_("，互动 %(interactions)s"),
    "digest.conversions": N_("，转化 %(conversions)s，ROI %(roi)s。"),
    "digest.flow": N_(
        "新建 %(created)s、提交 %(submitted)s、通过 %(approved)s、发布 %(published)s 篇；"
        "审核超时 %(breaches)s 次。"
    ),
    "digest.outcomes": N_(
        "发布：按时 %(on_time)s、迟发 %(late)s、暂停 %(held)s、失败 %(failed)s、错过 %(missed)s；"
        "词库命中 %(hits)s 次。"
    ),
    "digest.details": N_("详情：%(link)s"),
    "sla_breach.text": N_(
        "已在审核队列中等待 %(hours)s 小时，超过渠道“%(channel)s”的审核时限 %(limit)s 小时，"
        "请尽快处理。"
    ),
    "missed.text": N_("计划发布时间已过 %(minutes)s 分钟，稿件仍未发布。"),
    "missed.no_worker": N_("发布进程可能没有运行，请检查。"),
    "missed.awaiting_person": N_("正在等待负责人手动发布。"),
    "missed.last_error": N_("最近的错误：%(error)s"),
    "missed.publishing": N_("正在发布中。"),
    "manual_overdue.text": N_("手动发布任务已超时：负责人 %(who)s 尚未标记发布，请跟进。"),
    "manual_overdue.nobody": N_("手动发布任务已超时：还没有指定负责人，请跟进。"),
    "late_held.text": N_(
        "计划发布时间已过 %(minutes)s 分钟（超过本渠道 %(limit)s 分钟的上限，发布进程可能中断过），"
        "为免在不合适的时间发出，没有自动发布：请在发布监控页选择立即发布、调整排期或退回审核。"
    ),
    "worker_down.seen": N_(
        "最近一次心跳在 %(minutes)s 分钟前，到期稿件不会自动发布（目前到期未发布 %(due)s 篇）。"
        "请检查并重启发布进程（flask worker）。"
    ),
    "worker_down.never": N_(
        "没有任何发布进程在运行，到期稿件不会自动发布（目前到期未发布 %(due)s 篇）。"
        "请检查并重启发布进程（flask worker）。"
    ),
    "worker_back.text": N_(
        "发布进程已恢复运行（中断告警持续约 %(minutes)s 分钟）。请在发布监控页查看错过的稿件。"
    ),
    "recovered.published": N_("错过发布时间的稿件已发布。"),
    "recovered.rescheduled": N_("错过发布时间的稿件已重新安排发布。"),
    "recovered.handled": N_("错过发布时间的稿件已有人处理，不再等待发布。"),
    "wordlist_changed.text": N_(
        "新增 %(added)s 条、修改 %(changed)s 条、删除 %(removed)s 条，"
        "现有 %(entries)s 条启用的词条。原因：%(reason)s"
    ),
    "compliance_flag.text": N_("词库版本 %(version)s 后出现禁止发布的命中，请重新审核。"),
    "consent.withdrawn": N_("用户撤回授权（#%(number)s %(customer)s）"),
    "consent.in_flight": N_("；撤回时正在发布，如已发出请删除"),
    # the consent gate's reasons (app.consent.services.reasons), dates as YYYY-MM-DD
    "consent.gate.none": N_("用户内容须先关联有效的用户授权"),
    "consent.gate.erased": N_("“%(customer)s”的授权（#%(number)s）已按用户要求删除"),
    "consent.gate.withdrawn": N_("“%(customer)s”的授权（#%(number)s）已撤回"),
    "consent.gate.channel": N_("“%(customer)s”的授权（#%(number)s）不包含渠道“%(channel)s”"),
    "consent.gate.not_yet": N_(
        "“%(customer)s”的授权（#%(number)s）自 %(start)s 起生效，%(day)s 尚未生效"
    ),
    "consent.gate.expired": N_(
        "“%(customer)s”的授权（#%(number)s）有效期至 %(end)s，不覆盖 %(day)s"
    ),
    "consent.gate.no_text": N_("“%(customer)s”的授权（#%(number)s）不允许使用文字"),
    "consent.gate.no_photos": N_("“%(customer)s”的授权（#%(number)s）不允许使用图片"),
    "consent.gate.no_video": N_("“%(customer)s”的授权（#%(number)s）不允许使用视频"),
    "consent.gate.no_text_photos": N_("“%(customer)s”的授权（#%(number)s）不允许使用文字、图片"),
    "consent.gate.no_text_video": N_("“%(customer)s”的授权（#%(number)s）不允许使用文字、视频"),
    "consent.gate.no_photos_video": N_("“%(customer)s”的授权（#%(number)s）不允许使用图片、视频"),
    "consent.gate.no_text_photos_video": N_(
        "“%(customer)s”的授权（#%(number)s）不允许使用文字、图片、视频"
    ),
    "consent.gate.and": N_("；"),
    "consent.refused.approve": N_("不能通过审核："),
    "consent.refused.schedule": N_("不能排在 %(day)s："),
    "consent.refused.mark": N_("不能标记为已发布："),
    "consent.held": N_("发布前核对用户授权未通过："),
    "held.recheck": N_("发布前复检命中禁止发布的内容：%(hits)s"),  # older notices
    "held.recheck.head": N_("发布前复检命中禁止发布的内容："),
    # the hits of a check (app.checks.services.hit_words): what the piece and the word lists say
    "hits.item": N_("“%(text)s”（%(term)s：%(note)s）"),
    "hits.and": N_("；"),
    "hits.more": N_(" 等 %(count)s 处"),
    # refusals said when raised (not stored): the end of a sentence, the review's missing acks
    "period": N_("。"),
    "review.acks_missing": N_("以下命中需要逐条确认并填写理由后才能通过："),
    "failed.outcome_unknown": N_("：发布结果不明，请先在平台上确认是否已发布，再决定是否重试"),
    "blackout.all": N_(
        "处于禁发时段（%(start)s 至 %(end)s，全部渠道），稿件没有发出，也不会自动发出："
        "请重新排期（已开始发布的请在禁发结束后重试）。"
    ),
    "blackout.channel": N_(
        "处于禁发时段（%(start)s 至 %(end)s，本渠道），稿件没有发出，也不会自动发出："
        "请重新排期（已开始发布的请在禁发结束后重试）。"
    ),
    "blackout.all_why": N_(
        "处于禁发时段（%(start)s 至 %(end)s，全部渠道，%(why)s），稿件没有发出，也不会自动发出："
        "请重新排期（已开始发布的请在禁发结束后重试）。"
    ),
    "blackout.channel_why": N_(
        "处于禁发时段（%(start)s 至 %(end)s，本渠道，%(why)s），稿件没有发出，也不会自动发出："
        "请重新排期（已开始发布的请在禁发结束后重试）。"
    ),
    "sent_back.edited": N_("当前内容与审核通过的版本不一致（审核通过后被修改），已退回审核"),
    "sent_back.by_person": N_("发布问题处理：退回审核"),
    "takedown.remind": N_("撤回授权后已 %(days)s 天仍未确认下架，请在平台上删除后确认"),
    "takedown.api_failed": N_("公众号接口删除失败（%(error)s），请在公众号后台手动删除后确认"),
    "takedown.confirmed": N_("已在平台上删除，人工确认"),
    "takedown.deleted": N_("已通过公众号接口删除（freepublish/delete）"),
    # why a bot message or an e-mail was not delivered (app.notifications.senders, .outbox),
    # stored on the outbox message and shown on the notification routes page (issue 20)
    "notify.blocked": N_("机器人地址指向内部网络，已拒绝发送"),
    "notify.unreachable": N_("机器人地址无法访问"),  # followed by a network.* key
    "notify.http_status": N_("机器人地址返回 HTTP %(status)s"),
    "notify.not_json": N_("机器人地址的答复不是 JSON"),
    "notify.not_object": N_("机器人地址的答复不是 JSON 对象"),
    "notify.refused": N_("机器人拒绝了消息（错误码 %(code)s）"),
    "notify.refused_unknown": N_("机器人拒绝了消息（错误码未知）"),
    "notify.no_recipients": N_("没有收件人"),
    "notify.no_route": N_("通知的接收渠道已被删除"),
    "notify.no_smtp": N_("未配置邮件服务器（HEMLINE_SMTP_HOST）"),
    "notify.mail_blocked": N_(
        "邮件服务器地址指向内部网络（%(host)s）：出于安全考虑，不能向本机、内网或保留地址发送请求"
    ),
    "notify.mail_no_host": N_("邮件服务器地址缺少主机名"),
    "notify.mail_failed": N_("邮件发送失败："),  # followed by an smtp.* key
    "smtp.auth": N_("邮件服务器拒绝了用户名或密码"),
    "smtp.recipients": N_("邮件服务器拒绝了收件人地址"),
    "smtp.sender": N_("邮件服务器拒绝了发件人地址"),
    "smtp.code": N_("邮件服务器返回错误 %(code)s"),
    "smtp.session": N_("与邮件服务器的会话出错"),
    "smtp.timeout": N_("连接邮件服务器超时"),
    "smtp.connect": N_("无法连接邮件服务器"),
}
# What a publish attempt says (app.channels.messages), so a job's error can be part of a notice
# and is stored and written the same way; its keys are prefixed and never clash with these.
assert not NOTICE_WORDS.keys() & CHANNEL_WORDS.keys()
NOTICE_WORDS.update(CHANNEL_WORDS)

Param = str | int
# A part of a notice: a message key with its parameters, or text kept as written (a reason, a
# platform's error), which no catalog translates.
Part = tuple[str, tuple[tuple[str, Param], ...]] | str


@dataclass(frozen=True)
class Words:
    """A notice's title or text as parts read in order; Chinese when written with str()."""

    parts: tuple[Part, ...] = ()

    @classmethod
    def of(cls, key: str, **params: Param) -> Words:
        """One message of NOTICE_WORDS with its parameters."""
        if key not in NOTICE_WORDS:
            raise KeyError(f"unknown notice wording {key!r}")
        return cls(((key, tuple(params.items())),))

    @classmethod
    def as_is(cls, text: str) -> Words:
        """Text shown as written in every language (what people or a platform wrote)."""
        return cls((text,) if text else ())

    def __add__(self, other: Words) -> Words:
        return Words(self.parts + other.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return "".join(
            part if isinstance(part, str) else NOTICE_WORDS[part[0]] % dict(part[1])
            for part in self.parts
        )

    def to_json(self) -> list[object]:
        """The parts as JSON: a string as written, or ``[key, {name: value}]``."""
        return [part if isinstance(part, str) else [part[0], dict(part[1])] for part in self.parts]

    @classmethod
    def from_json(cls, data: object) -> Words | None:
        """The parts stored by ``to_json``; None when they are not readable (unknown key …)."""
        if not isinstance(data, list):
            return None
        parts: list[Part] = []
        for item in data:
            if isinstance(item, str):
                parts.append(item)
                continue
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], dict)):
                return None
            key, params = item
            if key not in NOTICE_WORDS or not all(
                isinstance(v, str | int) and not isinstance(v, bool) for v in params.values()
            ):
                return None
            parts.append((key, tuple(params.items())))
        words = cls(tuple(parts))
        try:
            str(words)  # every parameter its message needs is there
        except (KeyError, TypeError, ValueError):
            return None
        return words
