"""Forms for topics and the piece editor."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import Form
from app.models import CONTENT_TYPE_LABELS

TYPE_CHOICES = [SelectChoice(k.value, v) for k, v in CONTENT_TYPE_LABELS.items()]


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TopicForm(Form):
    """Propose a topic for the topic meeting."""

    title = StringField(
        _l("选题标题"), validators=[DataRequired(_l("选题标题不能为空。")), Length(max=120)]
    )
    brief = TextAreaField(_l("简介（角度、受众、重点商品）"), validators=[Length(max=2000)])
    content_type = SelectField(_l("内容类型"), choices=TYPE_CHOICES)
    channels = MultiCheckboxField(_l("渠道"), coerce=int)
    target_week = DateField(_l("目标周（任选该周一天）"), validators=[Optional()])


class DecideTopicForm(Form):
    """Accept or reject a topic at the topic meeting."""

    decision = RadioField(
        _l("决定"),
        choices=[SelectChoice("accept", _l("采纳")), SelectChoice("reject", _l("不采纳"))],
    )
    note = TextAreaField(_l("说明"), validators=[Length(max=2000)])
    owner = SelectField(_l("负责撰稿人"), coerce=int, validators=[Optional()])


class PieceForm(Form):
    """The piece editor."""

    title = StringField(_l("标题"), validators=[Length(max=200)])
    summary = TextAreaField(_l("摘要"), validators=[Length(max=500)])
    body = TextAreaField(_l("正文（Markdown）"))
    content_type = SelectField(_l("内容类型"), choices=TYPE_CHOICES)
    channel = SelectField(_l("渠道"), coerce=int)
    cover = FileField(_l("封面图片（PNG/JPEG/GIF/WebP，不超过 5 MB）"))
    remove_cover = HiddenField(default="")
    tags = StringField(_l("标签（用逗号分隔）"), validators=[Length(max=200)])
    planned_date = DateField(_l("计划日期"), validators=[Optional()])


class ConfirmForm(Form):
    """A button-only form that carries the CSRF token (submit, archive …)."""

    reason = TextAreaField(_l("原因"), validators=[Length(max=5000)])


class PublishedForm(Form):
    """Record a manual post with its URL."""

    url = StringField(
        _l("发布链接"), validators=[DataRequired(_l("请填写发布链接。")), Length(max=500)]
    )
