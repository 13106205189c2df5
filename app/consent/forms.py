"""Forms of the consent pages: recording an authorisation, withdrawing, erasing, attaching."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import Form
from app.models import HOW_GIVEN_LABELS


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AuthorisationForm(Form):
    """One customer's authorisation, with the evidence file."""

    customer = StringField(
        _l("用户姓名或昵称"),
        validators=[DataRequired(_l("请填写用户姓名或昵称。")), Length(max=80)],
    )
    contact = StringField(
        _l("联系方式（加密保存，仅审核、法务、管理员可见）"), validators=[Length(max=200)]
    )
    channels = MultiCheckboxField(_l("授权的渠道"))
    valid_from = DateField(_l("授权开始日期"), validators=[InputRequired(_l("请填写开始日期。"))])
    valid_until = DateField(_l("授权截止日期"), validators=[InputRequired(_l("请填写截止日期。"))])
    allow_text = BooleanField(_l("可以使用文字"), default=True)
    allow_photos = BooleanField(_l("可以使用图片"))
    allow_video = BooleanField(_l("可以使用视频"))
    show_name = BooleanField(_l("可以展示姓名或昵称"))
    minor = BooleanField(_l("用户未满 14 周岁"))
    guardian = StringField(_l("监护人姓名（未满 14 周岁时必填）"), validators=[Length(max=80)])
    how_given = SelectField(
        _l("授权方式"),
        choices=[SelectChoice(key.value, label) for key, label in HOW_GIVEN_LABELS.items()],
    )
    evidence = FileField(
        _l("授权凭证（PDF、PNG 或 JPEG，不超过 5 MB）"),
        validators=[FileRequired(_l("请上传授权凭证。"))],
    )
    note = TextAreaField(_l("备注"), validators=[Length(max=2000)])
    piece_id = HiddenField()


class ReasonForm(Form):
    """Withdrawal or erasure: the reason is required."""

    reason = TextAreaField(
        _l("说明"), validators=[DataRequired(_l("请填写说明。")), Length(max=2000)]
    )


class AttachForm(Form):
    """Attach an authorisation to a piece."""

    authorisation_id = IntegerField(
        _l("用户授权"), validators=[InputRequired(_l("请选择要关联的用户授权。"))]
    )


class ConfirmTakedownForm(Form):
    """A person confirms a take-down."""

    note = StringField(_l("说明"), validators=[Length(max=500)])
