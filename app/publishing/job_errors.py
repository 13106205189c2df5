"""A publish job's error in the reader's language (issue 20).

The job keeps its error twice: ``last_error`` in Chinese as it was said (logs, the CLI, bots,
older code reading it), and ``last_error_params`` as message keys with parameters
(``Words`` JSON, as notices keep theirs), which pages write in the reader's language through
app.notifications.wording. A row without readable words (older ones, or a text somebody else
stored after ours) shows its stored ``last_error``, marked as user content: nobody can translate
it any more. The reading side is app.notifications.wording (``error_html``/``error_text``), shared
with take-down tasks and outbox messages; pages call it as ``job_error``/``job_error_text``.
"""

from __future__ import annotations

from markupsafe import Markup

from app.channels import PublishError
from app.models import PublishJob
from app.notifications.events import Words
from app.notifications.wording import (
    StoredError,
    error_html,
    error_text,
    stored_error_words,
)


def error_words(error: PublishError) -> Words:
    """What an adapter's (or the runner's) error says, its platform code included."""
    return Words(error.said)


def record_error(job: PublishJob, words: Words, code: str = "") -> None:
    """Store ``words`` as the job's error (its Chinese and its keys) with ``code``."""
    job.last_error, job.last_error_code = str(words), code[:64]
    job.last_error_params = words.to_json() or None


def clear_error(job: PublishJob) -> None:
    """The job has no error any more."""
    job.last_error, job.last_error_code, job.last_error_params = "", "", None


def stored_words(job: StoredError) -> Words | None:
    """The job's error as words, or None when it has none that still match its text."""
    return stored_error_words(job)


def job_error(row: StoredError | None) -> Markup:
    """A job's (a take-down's, an outbox message's, a channel's latest) error for a page, in
    the reader's language (its stored text on older rows)."""
    return error_html(row)


def job_error_text(row: StoredError | None) -> str:
    """The same as plain text in the reader's language (titles, tooltips, JSON)."""
    return error_text(row)
