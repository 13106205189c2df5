"""From database rows to the pure adapters: packages, channel adapters, the shared token cache."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.channels import Adapter, Checkpoint, Package, SettingsError, manual, webhook, wechat_oa
from app.channels.crypto import SecretBox, SecretDecryptError
from app.channels.manual import ManualAdapter, ManualChannel
from app.channels.messages import said
from app.channels.webhook import WebhookAdapter, WebhookConfig
from app.channels.wechat_oa import DEFAULT_BASE_URL, CachedToken, WeChatConfig, WeChatOAAdapter
from app.extensions import db
from app.models import AdapterKind, Channel, ChannelPublishing, Piece, User, WeChatToken
from app.rendering import render_markdown
from app.runtime import outbound_guard, secret_box

STEPS_LEFT = {
    AdapterKind.WECHAT_OA.value: wechat_oa.steps_left,
    AdapterKind.WEBHOOK.value: webhook.steps_left,
    AdapterKind.MANUAL.value: manual.steps_left,
}


def steps_left(adapter: str, checkpoint: Checkpoint) -> bool:
    """True while the job still has a platform step to do (so the piece is re-checked first)."""
    return STEPS_LEFT.get(adapter, manual.steps_left)(checkpoint)


def idempotency_key(piece: Piece) -> str:
    """Stable per approved version: a retry of the same content reuses it, a new approval not."""
    return f"piece-{piece.id}-{(piece.approved_hash or '')[:16]}"


def build_package(piece: Piece) -> Package:
    """The package for the piece's current (approved) revision, cover read from the uploads."""
    revision = piece.current_revision
    assert revision is not None
    cover = None
    if revision.cover:
        path = Path(current_app.config["UPLOAD_FOLDER"]) / "covers" / revision.cover
        cover = path.read_bytes() if path.is_file() else None
    return Package(
        piece_id=piece.id,
        title=revision.title,
        body_html=str(render_markdown(revision.body)),
        idempotency_key=idempotency_key(piece),
        author=piece.owner.display_name,
        digest=revision.summary,
        cover=cover,
        cover_filename=revision.cover or "cover.jpg",
    )


def manual_assignee(piece: Piece) -> User | None:
    """The person who posts a manual channel's pieces, if the channel names one."""
    settings = piece.channel.publishing
    if settings is None or settings.adapter != AdapterKind.MANUAL:
        return None
    return settings.assignee


def build_adapter(channel: Channel, settings: ChannelPublishing | None) -> Adapter:
    """The adapter a channel's settings describe; a channel without settings is posted by hand.

    Raises SettingsError (a ValueError) for settings that cannot work, e.g. a missing secret.
    """
    if settings is None or settings.adapter == AdapterKind.MANUAL:
        return ManualAdapter(ManualChannel(channel.kind_label))
    secret = _secret(settings)
    transport = outbound_guard().transport()  # every connection goes to a checked address
    if settings.adapter == AdapterKind.WEBHOOK:
        return WebhookAdapter(WebhookConfig(settings.webhook_url, secret), transport=transport)
    config = current_app.config
    wechat = WeChatConfig(
        settings.appid,
        secret,
        base_url=settings.base_url or DEFAULT_BASE_URL,
        timeout=config["WECHAT_TIMEOUT_SECONDS"],
        poll_interval=config["WECHAT_POLL_INTERVAL"],
    )
    cache = DbTokenCache(db.engine, secret_box())
    return WeChatOAAdapter(wechat, cache=cache, transport=transport)


def _secret(settings: ChannelPublishing) -> str:
    if not settings.secret_encrypted:
        raise SettingsError(said("publish.no_secret"))
    try:
        return secret_box().decrypt(settings.secret_encrypted)
    except SecretDecryptError as error:
        raise SettingsError(said("publish.secret_unreadable")) from error


class DbTokenCache:
    """WeChat access tokens in the database, encrypted, shared by every worker process.

    It uses its own short transactions on ``engine``, never the caller's session, so storing a
    token does not commit or roll back anything of the publish in progress.
    """

    def __init__(self, engine: Engine, box: SecretBox) -> None:
        self._engine = engine
        self._box = box

    def get(self, appid: str) -> CachedToken | None:
        """The stored token for ``appid``, or None (also when it cannot be decrypted)."""
        table = WeChatToken.__table__
        with self._engine.connect() as conn:
            row = conn.execute(
                select(table.c.token_encrypted, table.c.expires_at).where(table.c.appid == appid)
            ).first()
        if row is None:
            return None
        try:
            value = self._box.decrypt(row.token_encrypted)
        except SecretDecryptError:
            return None
        return CachedToken(value, row.expires_at.timestamp())

    def set(self, appid: str, token: CachedToken) -> None:
        """Store the token for ``appid``, replacing any older one."""
        table = WeChatToken.__table__
        values = {
            "token_encrypted": self._box.encrypt(token.value),
            "expires_at": datetime.fromtimestamp(token.expires_at, UTC),
            "updated_at": datetime.now(UTC),
        }
        change = update(table).where(table.c.appid == appid).values(**values)
        with self._engine.begin() as conn:
            if conn.execute(change).rowcount:
                return
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(table).values(appid=appid, **values))
        except IntegrityError:  # another worker stored one at the same moment: ours is as good
            with self._engine.begin() as conn:
                conn.execute(change)
