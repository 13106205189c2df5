"""Display names of the workflow's states and actions (web layer, translated).

The state machine (app.workflow) is pure; its names for people live here, behind Flask-Babel.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.workflow import Action, IllegalTransition, Status, TopicStatus

S, A = Status, Action

STATUS_LABELS: dict[Status, LazyString] = {
    S.DRAFT: _l("草稿"),
    S.IN_REVIEW: _l("审核中"),
    S.CHANGES_REQUESTED: _l("需修改"),
    S.APPROVED: _l("已通过"),
    S.SCHEDULED: _l("已排期"),
    S.PUBLISHING: _l("发布中"),
    S.PUBLISHED: _l("已发布"),
    S.REJECTED: _l("已驳回"),
    S.FAILED: _l("发布失败"),
    S.HELD: _l("已拦截"),
    S.ARCHIVED: _l("已归档"),
}

ACTION_LABELS: dict[Action, LazyString] = {
    A.SUBMIT: _l("提交审核"),
    A.APPROVE: _l("通过"),
    A.REQUEST_CHANGES: _l("要求修改"),
    A.REJECT: _l("驳回"),
    A.REVISE: _l("修改后重新送审"),
    A.SCHEDULE: _l("排期"),
    A.UNSCHEDULE: _l("取消排期"),
    A.START_PUBLISHING: _l("开始发布"),
    A.MARK_PUBLISHED: _l("标记已发布"),
    A.FAIL: _l("标记失败"),
    A.HOLD: _l("拦截"),
    A.RETRY: _l("重试发布"),
    A.ARCHIVE: _l("归档"),
}


TOPIC_STATUS_LABELS: dict[TopicStatus, LazyString] = {
    TopicStatus.PROPOSED: _l("待评审"),
    TopicStatus.ACCEPTED: _l("已采纳"),
    TopicStatus.REJECTED: _l("未采纳"),
}


def refusal(error: IllegalTransition) -> str:
    """Why the transition table refused, for people: the state and the action by name."""
    return _(
        "稿件当前状态为“%(state)s”，不能执行“%(action)s”。",
        state=STATUS_LABELS[error.state],
        action=ACTION_LABELS[error.action],
    )


# What each audit-log action did, as the verb of a sentence “<who> <did what> <to what>”; piece
# actions of the state machine (piece.<Action>) read from ACTION_LABELS. An unknown code (a new
# service that forgot to add its label here) is shown as it is.
AUDIT_ACTION_LABELS: dict[str, LazyString] = {
    "piece.create": _l("新建了稿件"),
    "piece.submit": _l("提交了审核"),
    "piece.approve": _l("审核通过了"),
    "piece.request_changes": _l("要求修改了"),
    "piece.reject": _l("驳回了"),
    "piece.revise": _l("修改后重新送审了"),
    "piece.schedule": _l("排期了"),
    "piece.unschedule": _l("取消了排期"),
    "piece.start_publishing": _l("开始发布了"),
    "piece.mark_published": _l("标记成已发布"),
    "piece.fail": _l("标记为发布失败"),
    "piece.hold": _l("拦截了发布"),
    "piece.retry": _l("重试了发布"),
    "piece.archive": _l("归档了"),
    "piece.claim_take_over": _l("接手了审核认领"),
    "piece.reviewer_approve": _l("审核通过，转交法务会签"),
    "piece.blackout_hold": _l("因禁发时段暂停了发布"),
    "piece.late_hold": _l("因错过发布时间拦截了发布"),
    "piece.manual_escalated": _l("升级了待人工发布的稿件"),
    "piece.missed": _l("记录稿件错过了发布时间"),
    "piece.publish_hurry": _l("要求尽快发布"),
    "piece.publish_retry": _l("重试了发布"),
    "piece.publish_late_now": _l("立即发布了错过时间的稿件"),
    "piece.reschedule": _l("调整了排期"),
    "piece.policy_override": _l("说明理由后强制排期了"),
    "piece.compliance_flag": _l("因词库更新标记了稿件"),
    "piece.compliance_flag_lifted": _l("因词库更新解除了稿件标记"),
    "topic.propose": _l("提出了选题"),
    "topic.decide": _l("在选题会上做了决定"),
    "comment.add": _l("发表了评论"),
    "blackout.add": _l("新增了禁发时段"),
    "blackout.remove": _l("删除了禁发时段"),
    "calendar_feed.rotate": _l("更换了日历订阅链接"),
    "calendar_feed.revoke": _l("停用了日历订阅链接"),
    "channel_policy.update": _l("修改了渠道的排期规则"),
    "reserve_target.set": _l("修改了储备目标"),
    "channel.publishing_settings": _l("修改了渠道的发布设置"),
    "category.save": _l("保存了词库类别"),
    "lexicon_import": _l("导入了词库"),
    "lexicon_edit": _l("修改了词库"),
    "lexicon_rollback": _l("回滚了词库"),
    "lexicon.false_positive": _l("报告了误报"),
    "lexicon.false_positive_dismissed": _l("驳回了误报报告"),
    "notification_route.create": _l("新增了通知路由"),
    "notification_route.delete": _l("删除了通知路由"),
    "api_token.create": _l("创建了 API 令牌"),
    "api_token.revoke": _l("吊销了 API 令牌"),
    "user.create": _l("创建了用户"),
    "user.update": _l("修改了用户"),
    "user.password_change": _l("修改了自己的密码"),
    "user.password_reset": _l("重置了用户密码"),
    "ops.worker_down": _l("记录发布 worker 停止工作"),
    "ops.worker_recovered": _l("记录发布 worker 恢复工作"),
    "consent.record": _l("登记了用户授权"),
    "consent.attach": _l("把授权关联到稿件"),
    "consent.detach": _l("解除了授权与稿件的关联"),
    "consent.withdraw": _l("登记了授权撤回"),
    "consent.takedown_open": _l("开启了下架任务"),
    "consent.takedown_done": _l("完成了下架任务"),
    "consent.takedown_reminded": _l("提醒了下架任务"),
    "consent.erase": _l("删除了授权材料"),
}

# The audited tables by name, for the object of the sentence.
AUDIT_OBJECT_LABELS: dict[str, LazyString] = {
    "piece": _l("稿件 #%(id)s"),
    "topic": _l("选题 #%(id)s"),
    "user": _l("用户 #%(id)s"),
    "channel": _l("渠道 #%(id)s"),
    "lexicon_version": _l("词库版本 #%(id)s"),
    "category": _l("类别 #%(id)s"),
    "comment": _l("评论 #%(id)s"),
    "blackout": _l("禁发时段 #%(id)s"),
    "api_token": _l("API 令牌 #%(id)s"),
    "notification_route": _l("通知路由 #%(id)s"),
}


def audit_action(code: str) -> str:
    """The verb phrase of an audit action in the reader's language (the code when unknown)."""
    if code in AUDIT_ACTION_LABELS:
        return str(AUDIT_ACTION_LABELS[code])
    kind, _dot, name = code.partition(".")
    if kind == "piece" and name in {action.value for action in Action}:
        return str(ACTION_LABELS[Action(name)])
    return code


def audit_object(object_type: str, object_id: int | None) -> str:
    """The audited object by name and number, e.g. “稿件 #12” (the table name when unknown)."""
    label = AUDIT_OBJECT_LABELS.get(object_type)
    if object_type == "system" or object_id is None:
        return _("系统") if object_type == "system" else object_type
    if label is None:
        return f"{object_type} #{object_id}"
    return str(label) % {"id": object_id}


# The reasons config.REVIEW_REASON_TEMPLATES ships with, here for the catalog: the review page
# offers each in the reader's language (a reason configured otherwise is shown as written).
SHIPPED_REVIEW_REASONS = (
    _l("含绝对化用语，请改为可证实的具体描述。"),
    _l("功效宣称缺少检测报告或依据，请补充或删除。"),
    _l("抽奖/活动规则不完整：请写明奖项、参与方式、开奖时间和方式。"),
    _l("有诱导分享或诱导关注的表述，请删除。"),
    _l("付费合作内容缺少“广告”标识。"),
    _l("图片或素材缺少授权，请补充授权证明。"),
    _l("错别字或事实错误，请逐一核对。"),
)
