"""Every table name fits the audit log's object_type column, so audit rows never fail to write."""

from app.extensions import db
from app.models import AuditEvent


def test_every_table_name_fits_the_audit_object_type(app) -> None:
    limit = AuditEvent.__table__.c.object_type.type.length
    too_long = [t.name for t in db.metadata.sorted_tables if len(t.name) > limit]
    assert too_long == []
