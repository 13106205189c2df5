"""Forms for the publishing pages: channel settings, notification routes and subscriptions."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import Form
from app.models import ADAPTER_LABELS, ROUTE_KIND_LABELS
from app.notifications.events import EVENT_LABELS
from app.notifications.outbox import ROUTABLE_EVENTS

EVENT_CHOICES = [SelectChoice(event.value, _l(EVENT_LABELS[event])) for event in ROUTABLE_EVENTS]
KEEP_SECRET = _l("留空则保留已保存的密钥；已保存的密钥不会显示。")


class Checkboxes(SelectMultipleField):
    """A multiple choice shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ChannelPublishingForm(Form):
    """How a channel publishes: the adapter and its credentials."""

    adapter = SelectField(
        _l("发布方式"), choices=[SelectChoice(k.value, v) for k, v in ADAPTER_LABELS.items()]
    )
    appid = StringField(_l("公众号 AppID"), validators=[Optional(), Length(max=64)])
    base_url = StringField(
        _l("微信接口地址"),
        validators=[Optional(), Length(max=300)],
        description=_l("留空则使用 https://api.weixin.qq.com"),
    )
    webhook_url = StringField(_l("Webhook 地址"), validators=[Optional(), Length(max=500)])
    secret = PasswordField(
        _l("密钥（公众号 AppSecret 或 Webhook 签名密钥）"),
        validators=[Optional(), Length(max=500)],
        description=KEEP_SECRET,
    )
    # Checked by the service (reviewers and managers only); a missing value means nobody.
    assignee = SelectField(
        _l("人工发布负责人"), coerce=int, choices=[], default=0, validate_choice=False
    )
    review_sla_hours = IntegerField(
        _l("审核时限（小时，超时在审核队列中标红并提醒）"),
        validators=[Optional(), NumberRange(1, 720, _l("审核时限须在 1 到 720 小时之间。"))],
    )
    late_after_minutes = IntegerField(
        _l("超时上限（分钟）"),
        validators=[Optional(), NumberRange(1, 1440, _l("超时上限须在 1 到 1440 分钟之间。"))],
        description=_l(
            "发布进程中断后，超过计划时间这么久的稿件不再自动发布，改由人工决定（默认 30 分钟）。"
        ),
    )


class RouteForm(Form):
    """A group bot or mailing list that receives publishing alerts."""

    name = StringField(_l("名称"), validators=[DataRequired(_l("请填写名称。")), Length(max=64)])
    kind = SelectField(
        _l("通知方式"), choices=[SelectChoice(k.value, v) for k, v in ROUTE_KIND_LABELS.items()]
    )
    url = StringField(_l("机器人 Webhook 地址"), validators=[Optional(), Length(max=500)])
    secret = PasswordField(
        _l("签名密钥（钉钉加签 / 飞书签名校验）"), validators=[Optional(), Length(max=200)]
    )
    recipients = TextAreaField(
        _l("收件人邮箱（多个用逗号分隔）"), validators=[Optional(), Length(max=2000)]
    )
    channel = SelectField(_l("渠道"), coerce=int, choices=[], default=0)
    events = Checkboxes(_l("事件"), choices=EVENT_CHOICES)


class SubscriptionForm(Form):
    """The publishing alerts a user also wants by e-mail."""

    events = Checkboxes(_l("同时发送邮件的事件"), choices=EVENT_CHOICES)


class RetryForm(Form):
    """Retry a failed piece; an unknown outcome needs a person's confirmation."""

    confirmed = BooleanField(_l("我已在平台上确认文章没有发表"))


class SendBackForm(Form):
    """Send a held or failed piece back to review."""

    reason = StringField(_l("原因"), validators=[Optional(), Length(max=500)])


class DeleteForm(Form):
    """A confirmation carrying only the CSRF token."""
