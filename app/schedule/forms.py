"""Forms of the calendar: scheduling, channel policy, blackouts, reserve targets, feed link."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.forms import Form
from app.models import CONTENT_TYPE_LABELS

TYPE_CHOICES_ALL = [
    SelectChoice("", _l("全部类型")),
    *(SelectChoice(k.value, v) for k, v in CONTENT_TYPE_LABELS.items()),
]


class ScheduleForm(Form):
    """Schedule or move a piece: a brand-zone day and time, and a manager's override reason."""

    day = DateField(_l("日期"), validators=[DataRequired(_l("请选择日期。"))])
    clock = TimeField(_l("时间"), validators=[DataRequired(_l("请填写时间。"))])
    override_reason = TextAreaField(
        _l("强制排期理由（仅运营主管；违反规则时必填）"), validators=[Length(max=2000)]
    )


class UnscheduleForm(Form):
    """Take a piece off the calendar."""

    override_reason = TextAreaField(_l("强制取消理由（仅运营主管）"), validators=[Length(max=2000)])


class PolicyForm(Form):
    """One channel's posting rules."""

    promo_share_max_pct = IntegerField(
        _l("促销内容占比上限（%）"), validators=[InputRequired(), NumberRange(0, 100)]
    )
    sends_per_day = IntegerField(
        _l("每天最多群发次数"), validators=[InputRequired(), NumberRange(1)]
    )
    articles_per_send = IntegerField(
        _l("每次群发最多文章数"), validators=[InputRequired(), NumberRange(1, 8)]
    )
    interactive_weekly_target = IntegerField(
        _l("每周互动活动目标（0 = 不设）"), validators=[InputRequired(), NumberRange(0)]
    )
    daily_cadence = BooleanField(_l("每天都要发布（日历标出空白日）"))


class BlackoutForm(Form):
    """A blackout window, in brand-zone days and times."""

    channel = SelectField(_l("渠道"), coerce=str)
    start_day = DateField(_l("开始日期"), validators=[DataRequired(_l("请选择开始日期。"))])
    start_clock = TimeField(_l("开始时间（留空 = 当天 00:00）"), validators=[Optional()])
    end_day = DateField(_l("结束日期"), validators=[DataRequired(_l("请选择结束日期。"))])
    end_clock = TimeField(_l("结束时间（留空 = 到当天结束）"), validators=[Optional()])
    reason = StringField(
        _l("原因"), validators=[DataRequired(_l("请写明禁发原因。")), Length(max=200)]
    )


class ReserveForm(Form):
    """A reserve target: overall, per channel or per type; empty clears an optional one."""

    scope = SelectField(_l("范围"), coerce=str)
    content_type = SelectField(_l("内容类型"), choices=TYPE_CHOICES_ALL, coerce=str)
    target = IntegerField(
        _l("目标篇数（留空 = 取消该目标）"), validators=[Optional(), NumberRange(0)]
    )


class ConfirmForm(Form):
    """A bare form carrying the CSRF token (feed rotate/revoke, blackout removal)."""
