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
