"""The review decision form."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired

from app.models import DECISION_LABELS, Decision

DECISION_CHOICES = [
    SelectChoice(d.value, DECISION_LABELS[d])
    for d in (Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT)
]


class DecisionForm(FlaskForm):
    """Approve, request changes or reject the revision the reviewer was looking at."""

    revision_id = HiddenField(validators=[DataRequired()])
    decision = RadioField(
        "决定", choices=DECISION_CHOICES, validators=[DataRequired("请选择决定。")]
    )
    reason = TextAreaField("原因（要求修改或驳回时必填）")
