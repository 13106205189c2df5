"""Forms of the review desk: the decision and comments."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Optional

from app.forms import Form
from app.models import DECISION_LABELS, Decision

DECISION_CHOICES = [
    SelectChoice(d.value, DECISION_LABELS[d])
    for d in (Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT)
]


class DecisionForm(Form):
    """Approve, request changes or reject the revision the reviewer was looking at."""

    revision_id = HiddenField(validators=[DataRequired()])
    decision = RadioField(
        _l("决定"), choices=DECISION_CHOICES, validators=[DataRequired(_l("请选择决定。"))]
    )
    template = SelectField(_l("常用理由"), validators=[Optional()], validate_choice=False)
    reason = TextAreaField(_l("原因（要求修改或驳回时必填）"))


class CommentForm(Form):
    """A comment, optionally on a span (field, start, end) or as a reply (parent_id)."""

    body = TextAreaField(_l("评论"))
    field = HiddenField()
    start = IntegerField(validators=[Optional()])
    end = IntegerField(validators=[Optional()])
    parent_id = HiddenField()
