"""Customer authorisations for the demo's UGC pieces (issue 19).

Every UGC piece that is approved, published or in review gets the authorisation of the customer
it shows, with a small evidence image, so that the demo can be reviewed and published through
the gates; the 公众号 piece still in review is left without one, to show the gate refusing.
Demo authorisations run from 30 days before the demo's day to 90 days after it.
"""

from __future__ import annotations

import base64
from datetime import date, timedelta

from app.consent.services import AuthorisationInput, Evidence, attach, record_authorisation
from app.models import ChannelKind, ContentType, Piece, User
from app.workflow import Status

# A 1×1 white PNG: the evidence file of every demo authorisation.
EVIDENCE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)
CUSTOMERS = ("豆豆妈", "青柠", "阿岚", "小满", "木木")
COVERED = (Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED, Status.IN_REVIEW)


def attach_demo_consents(pieces: list[Piece], recorder: User, today: date) -> int:
    """Record and attach one authorisation per demo UGC piece (see the module docstring)."""
    done = 0
    for piece in pieces:
        if piece.content_type != ContentType.UGC or piece.status not in COVERED:
            continue
        if piece.status == Status.IN_REVIEW and piece.channel.kind == ChannelKind.WECHAT_OA:
            continue  # the gate's example: no authorisation yet
        customer = CUSTOMERS[done % len(CUSTOMERS)]
        data = AuthorisationInput(
            customer=customer,
            contact="",
            channel_codes=[piece.channel.code],
            valid_from=today - timedelta(days=30),
            valid_until=today + timedelta(days=90),
            how_given="screenshot",
            allow_photos=True,
            allow_video=piece.channel.kind in (ChannelKind.CHANNELS, ChannelKind.DOUYIN),
            show_name=True,
            note="演示数据：私信截图",
        )
        row = record_authorisation(recorder, data, Evidence("授权截图.png", EVIDENCE_PNG))
        attach(recorder, piece, row)
        done += 1
    return done
