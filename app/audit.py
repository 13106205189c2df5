"""Writing to the append-only audit log; every service that changes state calls record()."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.models import AuditEvent, User


def record(
    actor: User | None,
    action: str,
    obj: Any,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit row for `action` on `obj` (a model instance) to the current session."""
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        action=action,
        object_type=obj.__tablename__ if obj is not None else "system",
        object_id=getattr(obj, "id", None),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details,
    )
    db.session.add(event)
    return event
