"""Forms for topics and the piece editor."""

from flask_wtf import FlaskForm
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

from app.models import CONTENT_TYPE_LABELS

TYPE_CHOICES = [SelectChoice(k.value, v) for k, v in CONTENT_TYPE_LABELS.items()]


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as check boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TopicForm(FlaskForm):
    """Propose a topic for the topic meeting."""

    title = StringField(
        "选题标题", validators=[DataRequired("选题标题不能为空。"), Length(max=120)]
    )
    brief = TextAreaField("简介（角度、受众、重点商品）", validators=[Length(max=2000)])
    content_type = SelectField("内容类型", choices=TYPE_CHOICES)
    channels = MultiCheckboxField("渠道", coerce=int)
    target_week = DateField("目标周（任选该周一天）", validators=[Optional()])


class DecideTopicForm(FlaskForm):
    """Accept or reject a topic at the topic meeting."""

    decision = RadioField(
        "决定", choices=[SelectChoice("accept", "采纳"), SelectChoice("reject", "不采纳")]
    )
    note = TextAreaField("说明", validators=[Length(max=2000)])
    owner = SelectField("负责撰稿人", coerce=int, validators=[Optional()])


class PieceForm(FlaskForm):
    """The piece editor."""

    title = StringField("标题", validators=[Length(max=200)])
    summary = TextAreaField("摘要", validators=[Length(max=500)])
    body = TextAreaField("正文（Markdown）")
    content_type = SelectField("内容类型", choices=TYPE_CHOICES)
    channel = SelectField("渠道", coerce=int)
    cover = FileField("封面图片（PNG/JPEG/GIF/WebP，不超过 5 MB）")
    remove_cover = HiddenField(default="")
    tags = StringField("标签（用逗号分隔）", validators=[Length(max=200)])
    planned_date = DateField("计划日期", validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A button-only form that carries the CSRF token (submit, archive …)."""

    reason = TextAreaField("原因", validators=[Length(max=5000)])


class PublishedForm(FlaskForm):
    """Record a manual post with its URL."""

    url = StringField("发布链接", validators=[DataRequired("请填写发布链接。"), Length(max=500)])
