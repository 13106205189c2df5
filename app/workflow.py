"""The piece and topic state machines: one transition table, one typed error (PRODUCT §3)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """States of a piece; the database refuses any other value."""

    DRAFT = "draft"  # being written; only the writer side works on it
    IN_REVIEW = "in_review"  # submitted, waiting in the review queue
    CHANGES_REQUESTED = "changes_requested"  # sent back to the writer with a reason
    APPROVED = "approved"  # approved at a pinned revision hash, not yet on the calendar
    SCHEDULED = "scheduled"  # approved and given a publish time on a channel
    PUBLISHING = "publishing"  # claimed by a publisher (worker or a person posting by hand)
    PUBLISHED = "published"  # live on the channel; post URL or platform id recorded
    REJECTED = "rejected"  # turned down in review; final unless archived
    FAILED = "failed"  # publishing gave up after its retries
    HELD = "held"  # publish-time re-check found a new blocking hit; nothing went out
    ARCHIVED = "archived"  # put away from any non-live state


class Action(StrEnum):
    """Things people and the publisher do to a piece."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    REVISE = "revise"  # content changed after approval: back to review
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    START_PUBLISHING = "start_publishing"
    MARK_PUBLISHED = "mark_published"
    FAIL = "fail"
    HOLD = "hold"
    RETRY = "retry"
    ARCHIVE = "archive"


S, A = Status, Action

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.DRAFT, A.SUBMIT): S.IN_REVIEW,
    (S.CHANGES_REQUESTED, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.IN_REVIEW, A.REJECT): S.REJECTED,
    (S.APPROVED, A.REVISE): S.IN_REVIEW,
    (S.SCHEDULED, A.REVISE): S.IN_REVIEW,
    (S.HELD, A.REVISE): S.IN_REVIEW,
    (S.FAILED, A.REVISE): S.IN_REVIEW,
    # Before a retry the publisher found the content differs from the approval: nothing went out.
    (S.PUBLISHING, A.REVISE): S.IN_REVIEW,
    (S.APPROVED, A.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, A.UNSCHEDULE): S.APPROVED,
    (S.SCHEDULED, A.START_PUBLISHING): S.PUBLISHING,
    (S.PUBLISHING, A.MARK_PUBLISHED): S.PUBLISHED,
    (S.PUBLISHING, A.FAIL): S.FAILED,
    (S.PUBLISHING, A.HOLD): S.HELD,
    (S.SCHEDULED, A.HOLD): S.HELD,
    (S.FAILED, A.RETRY): S.SCHEDULED,
    **{
        (state, A.ARCHIVE): S.ARCHIVED
        for state in (
            S.DRAFT,
            S.IN_REVIEW,
            S.CHANGES_REQUESTED,
            S.APPROVED,
            S.REJECTED,
            S.FAILED,
            S.HELD,
        )
    },
}

# States in which the content (title, body, cover …) may still be edited.
EDITABLE = frozenset(
    {S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.SCHEDULED, S.HELD, S.FAILED}
)
# States that carry an approval which a content change invalidates.
APPROVED_STATES = frozenset({S.APPROVED, S.SCHEDULED, S.HELD, S.FAILED})


class TopicStatus(StrEnum):
    """States of a topic proposed at the topic meeting."""

    PROPOSED = "proposed"  # waiting for the topic meeting
    ACCEPTED = "accepted"  # accepted; pieces can be written from it
    REJECTED = "rejected"  # turned down, with the manager's note


class IllegalTransition(Exception):
    """An action that the transition table does not allow from the current state."""

    def __init__(self, state: str, action: str) -> None:
        self.state = Status(state)
        self.action = Action(action)
        # For logs; people read app.labels.refusal(error), with the translated names.
        super().__init__(f"稿件当前状态为 {self.state.value}，不能执行 {self.action.value}。")


def advance(state: str, action: str) -> Status:
    """Return the state that `action` leads to from `state`, or raise IllegalTransition."""
    try:
        return TRANSITIONS[(Status(state), Action(action))]
    except KeyError:
        raise IllegalTransition(state, action) from None


def allowed_actions(state: str) -> list[Action]:
    """Actions the table allows from `state`, in declaration order."""
    current = Status(state)
    return [action for (source, action) in TRANSITIONS if source is current]
