"""Channel adapters and notifiers for publishing, pure Python: no Flask, no database.

The runner builds a ``Package`` from a piece, calls ``adapter.publish(package, checkpoint,
save_checkpoint)`` and persists every checkpoint it is handed; see ``base`` for the protocol.
"""

from app.publishing.base import (
    Adapter,
    Checkpoint,
    OutcomeUnknownError,
    Package,
    PermanentError,
    PublishError,
    Result,
    SaveCheckpoint,
    Status,
    TransientError,
    require_http_url,
)

__all__ = [
    "Adapter",
    "Checkpoint",
    "OutcomeUnknownError",
    "Package",
    "PermanentError",
    "PublishError",
    "Result",
    "SaveCheckpoint",
    "Status",
    "TransientError",
    "require_http_url",
]
