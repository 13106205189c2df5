"""Forms for legal: entries, categories, rollbacks, the sandbox and false-positive actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
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

from app.compliance import Entry
from app.lexicon.reporting import SEVERITY_LABELS
from app.models import CHANNEL_KIND_LABELS

SEVERITY_CHOICES = [SelectChoice(k, f"{v}（{k}）") for k, v in SEVERITY_LABELS.items()]
MATCH_CHOICES = [
    SelectChoice("substring", "子串（出现即命中）"),
    SelectChoice("word", "整词（须与分词边界对齐）"),
]
CHANNEL_CHOICES = [SelectChoice(k.value, v) for k, v in CHANNEL_KIND_LABELS.items()]
LINES_HELP = "每行一条"


def lines(text: str | None) -> tuple[str, ...]:
    """Non-empty stripped lines of a textarea."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _no_pipes(_form: FlaskForm, field: TextAreaField) -> None:
    if "|" in (field.data or ""):
        raise ValidationError("不能包含竖线“|”（词表文件用它分隔多项）。")


class EntryForm(FlaskForm):
    """Every field of the word-list format, plus enabled and the reason for the change."""

    term = StringField("词条", validators=[DataRequired("请填写词条。"), Length(max=200)])
    category = SelectField("类别")
    severity = SelectField("严重级别", choices=SEVERITY_CHOICES, default="review")
    match = SelectField("匹配方式", choices=MATCH_CHOICES, default="substring")
    allow_contexts = TextAreaField(f"例外语境（{LINES_HELP}，如“第一眼”）", validators=[_no_pipes])
    channels = SelectMultipleField(
        "适用渠道（不选 = 全部渠道）",
        choices=CHANNEL_CHOICES,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    suggestion = TextAreaField("修改建议", validators=[Length(max=1000)])
    basis = TextAreaField("法律依据", validators=[Length(max=1000)])
    note = TextAreaField("备注", validators=[Length(max=2000)])
    examples_hit = TextAreaField(f"必须命中的示例（{LINES_HELP}）", validators=[_no_pipes])
    examples_pass = TextAreaField(f"必须通过的示例（{LINES_HELP}）", validators=[_no_pipes])
    enabled = BooleanField("启用", default=True)
    reason = StringField("修改原因（必填，记入版本历史）", validators=[Length(max=500)])
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
        )

    def fill(self, entry: Entry, enabled: bool) -> None:
        """Load an entry into the form."""
        for name in ("term", "category", "severity", "match", "suggestion", "basis", "note"):
            getattr(self, name).data = getattr(entry, name)
        for name in ("allow_contexts", "examples_hit", "examples_pass"):
            getattr(self, name).data = "\n".join(getattr(entry, name))
        self.channels.data = list(entry.channels)
        self.enabled.data = enabled


class CategoryForm(FlaskForm):
    """A category's name, label, description, default severity and legal sign-off."""

    name = StringField("代码（英文，如 fabric_claim）", validators=[DataRequired(), Length(max=40)])
    label = StringField("名称", validators=[DataRequired("请填写名称。"), Length(max=40)])
    description = TextAreaField("说明", validators=[Length(max=1000)])
    default_severity = SelectField("默认级别", choices=SEVERITY_CHOICES, default="review")
    requires_legal = BooleanField("命中时需法务会签")


class ReasonForm(FlaskForm):
    """A confirmation with a required reason (rollback, disable, dismiss)."""

    reason = StringField("原因", validators=[DataRequired("请填写原因。"), Length(max=500)])


class SandboxForm(EntryForm):
    """Text to try, with an optional unsaved entry to compare against the current lexicon."""

    text = TextAreaField("要检查的文本", validators=[Length(max=50_000)])
    channel = SelectField("渠道", choices=[SelectChoice("", "全部渠道"), *CHANNEL_CHOICES])
    term = StringField("草稿词条（可选）", validators=[Optional(), Length(max=200)])


class ResolveForm(FlaskForm):
    """Legal's one-step action on an entry's false-positive reports."""

    action = SelectField(
        "处理",
        choices=[
            SelectChoice("add_context", "加入例外语境"),
            SelectChoice("set_severity", "调整严重级别"),
            SelectChoice("disable", "停用词条"),
        ],
    )
    value = StringField("例外语境或新级别", validators=[Length(max=200)])
    reason = StringField("原因", validators=[Length(max=500)])


class FalsePositiveForm(FlaskForm):
    """A reviewer's “误报” on one hit."""

    key = HiddenField(validators=[DataRequired()])
    note = StringField("说明", validators=[Length(max=2000)])
