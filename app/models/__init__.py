"""Database tables, split by domain; import them from here."""

from app.models.audit import AuditEvent, AuditLogIsAppendOnly
from app.models.base import UTCDateTime, in_list, utcnow
from app.models.content import (
    CHANNEL_KIND_LABELS,
    CONTENT_TYPE_LABELS,
    DECISION_LABELS,
    Channel,
    ChannelKind,
    Comment,
    ContentType,
    Decision,
    Piece,
    ReviewDecision,
    Revision,
    Topic,
    content_hash,
    topic_channel,
)
from app.models.lexicon import (
    Category,
    FalsePositiveReport,
    HitLog,
    LexiconEntry,
    LexiconVersion,
    ReportStatus,
    VersionKind,
)
from app.models.notices import Notification
from app.models.people import ROLE_LABELS, ApiToken, Role, User, UserRole

__all__ = [
    "CHANNEL_KIND_LABELS",
    "CONTENT_TYPE_LABELS",
    "DECISION_LABELS",
    "ROLE_LABELS",
    "ApiToken",
    "AuditEvent",
    "AuditLogIsAppendOnly",
    "Category",
    "Channel",
    "ChannelKind",
    "Comment",
    "ContentType",
    "FalsePositiveReport",
    "HitLog",
    "Decision",
    "LexiconEntry",
    "LexiconVersion",
    "Notification",
    "Piece",
    "ReviewDecision",
    "ReportStatus",
    "Revision",
    "Role",
    "Topic",
    "UTCDateTime",
    "User",
    "UserRole",
    "VersionKind",
    "content_hash",
    "in_list",
    "topic_channel",
    "utcnow",
]
