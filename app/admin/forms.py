"""Forms for user administration."""

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import Form
from app.models import ROLE_LABELS

ROLE_CHOICES = [SelectChoice(k.value, v) for k, v in ROLE_LABELS.items()]


class RolesField(SelectMultipleField):
    """Roles as check boxes; a posted role that is not one of them is refused in our words
    (WTForms' own message is English only, issue 20)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label: object = None, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_choice_message", _l("请只选择列出的角色。"))
        super().__init__(label, **kwargs)


class UserForm(Form):
    """Create a user."""

    username = StringField(
        _l("用户名"), validators=[DataRequired(_l("请输入用户名。")), Length(max=64)]
    )
    display_name = StringField(_l("显示名"), validators=[Length(max=64)])
    email = StringField(_l("邮箱"), validators=[Optional(), Length(max=254)])
    password = PasswordField(
        _l("初始密码（至少 10 位，不能是常见密码）"), validators=[DataRequired(_l("请输入密码。"))]
    )
    roles = RolesField(_l("角色"), choices=ROLE_CHOICES)


class EditUserForm(Form):
    """Change a user's roles and whether the account is active."""

    roles = RolesField(_l("角色"), choices=ROLE_CHOICES)
    active = BooleanField(_l("账号启用"))


class ResetPasswordForm(Form):
    """An admin sets a temporary password; the user must change it at the next log-in."""

    password = PasswordField(
        _l("临时密码（至少 10 位；用户下次登录时必须修改）"),
        validators=[DataRequired(_l("请输入临时密码。")), Length(max=128)],
    )
    # The confirmation, without script: the user's log-ins end at once.
    confirm = BooleanField(
        _l("我确认：该用户的所有登录将立即退出"),
        validators=[DataRequired(_l("请勾选确认后再重置。"))],
    )
