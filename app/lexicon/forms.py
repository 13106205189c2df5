"""Forms for legal: entries, categories, rollbacks, the sandbox and false-positive actions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.checks.reporting import SEVERITY_LABELS
from app.compliance import Entry
from app.compliance.conditions import ConditionError, parse_condition
from app.forms import Form
from app.models import CHANNEL_KIND_LABELS

SEVERITY_CHOICES = [
    SelectChoice(k, _l("%(label)s（%(code)s）", label=v, code=k))
    for k, v in SEVERITY_LABELS.items()
]
MATCH_CHOICES = [
    SelectChoice("substring", _l("子串（出现即命中）")),
    SelectChoice("word", _l("整词（须与分词边界对齐）")),
]
CHANNEL_CHOICES = [SelectChoice(k.value, v) for k, v in CHANNEL_KIND_LABELS.items()]


def lines(text: str | None) -> tuple[str, ...]:
    """Non-empty stripped lines of a textarea."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _no_pipes(_form: Form, field: TextAreaField) -> None:
    if "|" in (field.data or ""):
        raise ValidationError(_l("不能包含竖线“|”（词表文件用它分隔多项）。"))


def _valid_conditions(_form: Form, field: TextAreaField) -> None:
    for line in lines(field.data):
        try:
            parse_condition(line)
        except ConditionError as error:
            said = _l(error.msgid, **error.params)  # in the reader's language
            message = _l("条件“%(line)s”：%(error)s", line=line, error=said)
            raise ValidationError(message) from error


class EntryForm(Form):
    """Every field of the word-list format, plus enabled and the reason for the change."""

    term = StringField(_l("词条"), validators=[DataRequired(_l("请填写词条。")), Length(max=200)])
    category = SelectField(_l("类别"))
    severity = SelectField(_l("严重级别"), choices=SEVERITY_CHOICES, default="review")
    match = SelectField(_l("匹配方式"), choices=MATCH_CHOICES, default="substring")
    # The examples of both fields are Chinese text in any language: the templates show them
    # apart, marked lang="zh-Hans" (lexicon/_entry_help.html).
    allow_contexts = TextAreaField(_l("例外语境（每行一条）"), validators=[_no_pipes])
    conditions = TextAreaField(
        _l("条件（每行一条，可留空）"), validators=[_no_pipes, _valid_conditions]
    )
    channels = SelectMultipleField(
        _l("适用渠道（不选 = 全部渠道）"),
        choices=CHANNEL_CHOICES,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    suggestion = TextAreaField(_l("修改建议"), validators=[Length(max=1000)])
    basis = TextAreaField(_l("法律依据"), validators=[Length(max=1000)])
    note = TextAreaField(_l("备注"), validators=[Length(max=2000)])
    examples_hit = TextAreaField(_l("必须命中的示例（每行一条）"), validators=[_no_pipes])
    examples_pass = TextAreaField(_l("必须通过的示例（每行一条）"), validators=[_no_pipes])
    enabled = BooleanField(_l("启用"), default=True)
    reason = StringField(_l("修改原因（必填，记入版本历史）"), validators=[Length(max=500)])
    base_version = HiddenField()

    def entry(self) -> Entry:
        """The engine entry the form describes (stripped, as the CSV format stores it)."""
        return Entry(
            term=(self.term.data or "").strip(),
            category=self.category.data or "",
            severity=self.severity.data or "review",
            match=self.match.data or "substring",
            allow_contexts=lines(self.allow_contexts.data),
            channels=tuple(self.channels.data or ()),
            suggestion=(self.suggestion.data or "").strip(),
            basis=(self.basis.data or "").strip(),
            note=(self.note.data or "").strip(),
            examples_hit=lines(self.examples_hit.data),
            examples_pass=lines(self.examples_pass.data),
            conditions=lines(self.conditions.data),
        )

    def fill(self, entry: Entry, enabled: bool) -> None:
        """Load an entry into the form."""
        for name in ("term", "category", "severity", "match", "suggestion", "basis", "note"):
            getattr(self, name).data = getattr(entry, name)
        for name in ("allow_contexts", "examples_hit", "examples_pass", "conditions"):
            getattr(self, name).data = "\n".join(getattr(entry, name))
        self.channels.data = list(entry.channels)
        self.enabled.data = enabled


class CategoryForm(Form):
    """A category's name, label, description, default severity and legal sign-off."""

    name = StringField(
        _l("代码（英文，如 fabric_claim）"), validators=[DataRequired(), Length(max=40)]
    )
    label = StringField(_l("名称"), validators=[DataRequired(_l("请填写名称。")), Length(max=40)])
    description = TextAreaField(_l("说明"), validators=[Length(max=1000)])
    default_severity = SelectField(_l("默认级别"), choices=SEVERITY_CHOICES, default="review")
    requires_legal = BooleanField(_l("命中时需法务会签"))


class ReasonForm(Form):
    """A confirmation with a required reason (rollback, disable, dismiss)."""

    reason = StringField(_l("原因"), validators=[DataRequired(_l("请填写原因。")), Length(max=500)])


class SandboxForm(EntryForm):
    """Text to try, with an optional unsaved entry to compare against the current lexicon."""

    text = TextAreaField(_l("要检查的文本"), validators=[Length(max=50_000)])
    channel = SelectField(_l("渠道"), choices=[SelectChoice("", _l("全部渠道")), *CHANNEL_CHOICES])
    term = StringField(_l("草稿词条（可选）"), validators=[Optional(), Length(max=200)])


class ResolveForm(Form):
    """Legal's one-step action on an entry's false-positive reports."""

    action = SelectField(
        _l("处理"),
        choices=[
            SelectChoice("add_context", _l("加入例外语境")),
            SelectChoice("add_condition", _l("加入条件")),
            SelectChoice("set_severity", _l("调整严重级别")),
            SelectChoice("disable", _l("停用词条")),
        ],
    )
    value = StringField(_l("例外语境或新级别"), validators=[Length(max=200)])
    reason = StringField(_l("原因"), validators=[Length(max=500)])


class FalsePositiveForm(Form):
    """A reviewer's “误报” on one hit."""

    key = HiddenField(validators=[DataRequired()])
    note = StringField(_l("说明"), validators=[Length(max=2000)])
