"""Platform adapters (公众号, webhook, manual), pure Python: no Flask, no database.

The runner (app.publishing) builds a ``Package`` from a piece, calls ``adapter.publish(package,
checkpoint, save_checkpoint)`` and persists every checkpoint it is handed; see ``base``.
"""

from app.channels.base import (
    Adapter,
    Checkpoint,
    Delivery,
    OutcomeUnknownError,
    Package,
    PermanentError,
    PublishError,
    Result,
    SaveCheckpoint,
    SettingsError,
    TransientError,
    http_link,
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
    "SettingsError",
    "Delivery",
    "TransientError",
    "http_link",
    "require_http_url",
]
