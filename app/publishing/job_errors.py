"""A publish job's error in the reader's language (issue 20).

The job keeps its error twice: ``last_error`` in Chinese as it was said (logs, the CLI, bots,
older code reading it), and ``last_error_params`` as message keys with parameters
(``Words`` JSON, as notices keep theirs), which pages write in the reader's language through
app.notifications.wording. A row without readable words (older ones, or a text somebody else
stored after ours) shows its stored ``last_error``, marked as user content: nobody can translate
it any more.
"""

from __future__ import annotations

from markupsafe import Markup

from app.channels import PublishError
from app.models import PublishJob
from app.notifications.events import Words
from app.notifications.wording import say, write


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


def stored_words(job: PublishJob) -> Words | None:
    """The job's error as words, or None when it has none that still match its text."""
    words = Words.from_json(job.last_error_params)
    if words is None or str(words) != job.last_error:  # written over by a text without keys
        return None
    return words


def job_error(job: PublishJob | None) -> Markup:
    """The job's error for a page, in the reader's language (its stored text on older rows)."""
    if job is None or not job.last_error:
        return Markup("")
    words = stored_words(job)
    return write(words) if words else write(Words.as_is(job.last_error))


def job_error_text(job: PublishJob | None) -> str:
    """The job's error as plain text in the reader's language (titles, tooltips, JSON)."""
    if job is None or not job.last_error:
        return ""
    words = stored_words(job)
    return say(words) if words else job.last_error
