"""Customer content (PRODUCT §2, PIPL): authorisations, the pieces using them, take-down tasks.

An authorisation is one customer's recorded consent: who (name or handle; the contact is kept
encrypted with the app's secret box), what may be used (text, photos, video, the name shown or
not), on which channels, from and until which day (brand zone, both inclusive), how it was given
(an evidence file stored privately under ``UPLOAD_FOLDER/consent/``) and who recorded it. A
withdrawal or a PIPL erasure keeps the row as a tombstone: the contact and the evidence go, the
dates and the audit trail stay.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, in_list, utcnow
from app.models.content import Piece
from app.models.people import User


class HowGiven(StrEnum):
    """How the customer gave the authorisation."""

    SIGNED_FORM = "signed_form"  # 签署的授权书（PDF/照片）
    SCREENSHOT = "screenshot"  # 聊天或私信截图
    OTHER = "other"  # 其他书面形式


HOW_GIVEN_LABELS = {
    HowGiven.SIGNED_FORM: _l("签署的授权书"),
    HowGiven.SCREENSHOT: _l("聊天或私信截图"),
    HowGiven.OTHER: _l("其他书面形式"),
}


class TakedownState(StrEnum):
    """A take-down task: open until a person (or the platform) confirms the post is gone."""

    OPEN = "open"
    DONE = "done"


class TakedownKind(StrEnum):
    """Who takes the post down: a person by hand, or the 公众号 delete call."""

    MANUAL = "manual"
    WECHAT = "wechat"


# db.Model is created at run time, so mypy cannot use it as a base class.
class Authorisation(db.Model):  # type: ignore[name-defined]
    """One customer's consent to use their content."""

    __tablename__ = "authorisation"
    __table_args__ = (CheckConstraint(in_list("how_given", HowGiven), name="how_given_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer: Mapped[str] = mapped_column(String(80))  # name or handle as given
    contact_encrypted: Mapped[str] = mapped_column(Text, default="")
    allow_text: Mapped[bool] = mapped_column(default=True)
    allow_photos: Mapped[bool] = mapped_column(default=False)
    allow_video: Mapped[bool] = mapped_column(default=False)
    show_name: Mapped[bool] = mapped_column(default=False)  # the name/handle may be shown
    # PIPL Art. 31: a customer under 14 needs a guardian's consent; who gave it is recorded.
    minor: Mapped[bool] = mapped_column(default=False)
    guardian: Mapped[str] = mapped_column(String(80), default="")
    channel_codes: Mapped[list] = mapped_column(JSON, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    how_given: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_file: Mapped[str] = mapped_column(String(80), default="")  # stored name, private
    evidence_name: Mapped[str] = mapped_column(String(200), default="")  # uploaded name
    evidence_type: Mapped[str] = mapped_column(String(40), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # PIPL deletion: tombstone

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])
    links: Mapped[list[PieceAuthorisation]] = relationship(
        back_populates="authorisation", cascade="all, delete-orphan"
    )

    @property
    def active(self) -> bool:
        """Neither withdrawn nor erased."""
        return self.withdrawn_at is None and self.erased_at is None

    @property
    def how_given_label(self) -> str:
        """How it was given, in the current language."""
        return str(HOW_GIVEN_LABELS[HowGiven(self.how_given)])


class PieceAuthorisation(db.Model):  # type: ignore[name-defined]
    """An authorisation attached to a UGC piece by its writer."""

    __tablename__ = "piece_authorisation"

    piece_id: Mapped[int] = mapped_column(
        ForeignKey("piece.id", ondelete="CASCADE"), primary_key=True
    )
    authorisation_id: Mapped[int] = mapped_column(
        ForeignKey("authorisation.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    attached_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    attached_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    piece: Mapped[Piece] = relationship()
    authorisation: Mapped[Authorisation] = relationship(back_populates="links", lazy="joined")


class TakedownTask(db.Model):  # type: ignore[name-defined]
    """A published piece whose authorisation was withdrawn: to be taken down and confirmed."""

    __tablename__ = "takedown_task"
    __table_args__ = (
        CheckConstraint(in_list("state", TakedownState), name="state_valid"),
        CheckConstraint(in_list("kind", TakedownKind), name="kind_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"), index=True)
    authorisation_id: Mapped[int] = mapped_column(
        ForeignKey("authorisation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), default=TakedownState.OPEN.value, index=True)
    article_id: Mapped[str] = mapped_column(String(100), default="")  # 公众号 article to delete
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")  # Chinese, as it was said
    # …as message keys with parameters (Words JSON, like PublishJob's), shown in the reader's
    # language; None on older rows, which show ``last_error`` (issue 20)
    last_error_params: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last alert (daily reminder)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    piece: Mapped[Piece] = relationship(lazy="joined")
    authorisation: Mapped[Authorisation] = relationship()
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id])
