"""Sign-in and password forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from app.forms import Form


class LoginForm(Form):
    """Username and password."""

    username = StringField(
        _l("用户名"), validators=[DataRequired(_l("请输入用户名。")), Length(max=64)]
    )
    password = PasswordField(
        _l("密码"), validators=[DataRequired(_l("请输入密码。")), Length(max=128)]
    )
    remember = BooleanField(_l("保持登录"))


class ChangePasswordForm(Form):
    """The user's own password: the current one, the new one twice."""

    current = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请输入当前密码。"))])
    new = PasswordField(
        _l("新密码（至少 10 位，不能是常见密码）"),
        validators=[DataRequired(_l("请输入新密码。")), Length(max=128)],
    )
    confirm = PasswordField(
        _l("再次输入新密码"),
        validators=[
            DataRequired(_l("请再次输入新密码。")),
            EqualTo("new", _l("两次输入的新密码不一致。")),
        ],
    )
