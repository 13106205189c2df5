"""Accounts, API tokens and calendar feed links for the load test, written to a JSON file.

`python -m load.prepare --users 1000 --out accounts.json` (run by load/run.py after the demo or
scale data is loaded, with the same DATABASE_URL as the stack). Each simulated person signs in
with an account of their own, as real users do: ``load-<role>-NNN`` with one password (hashed
once, so 1,000 accounts take seconds, not minutes of scrypt). API clients get one token each
through the same service as `flask tokens create` (its rate limit is per token, 30 checks a
minute); feed pollers get one calendar feed link each (the service behind 订阅日历).
Existing load accounts are reused, so a second run on the same data is quick.
"""

from __future__ import annotations

import argparse
import json
import math
import secrets
from pathlib import Path

from sqlalchemy import select

from app import create_app
from app.api.services import create_token
from app.extensions import db
from app.models import User, utcnow
from app.schedule.feed import rotate_feed

# The people in the mix (load/locustfile.py has the same weights): role in the app per kind.
KINDS = {
    "writer": (["writer"], 30),
    "reviewer": (["reviewer"], 12),
    "manager": (["manager", "reviewer"], 8),
    "legal": (["legal"], 5),
    "api": (["writer"], 25),
    "feed": (["manager"], 20),
}
PASSWORD_BYTES = 18


def pool_sizes(users: int) -> dict[str, int]:
    """Accounts per kind: the kind's share of `users`, rounded up, plus a few spare."""
    total = sum(weight for _, weight in KINDS.values())
    return {kind: math.ceil(users * weight / total) + 3 for kind, (_, weight) in KINDS.items()}


def prepare(users: int) -> dict[str, object]:
    """Create (or reuse) the accounts and return what the locustfile needs."""
    password = f"Load-{secrets.token_urlsafe(PASSWORD_BYTES)}"
    template = User(username="load-template", display_name="load")
    template.set_password(password)  # one scrypt hash shared by every load account
    now = utcnow()
    accounts: dict[str, list[dict[str, str]]] = {}
    for kind, size in pool_sizes(users).items():
        roles, _ = KINDS[kind]
        rows = []
        for number in range(1, size + 1):
            username = f"load-{kind}-{number:04d}"
            user = db.session.scalar(select(User).where(User.username == username))
            if user is None:
                user = User(username=username, display_name=f"压测{kind}{number}")
                user.set_roles(roles)
                db.session.add(user)
            user.password_hash = template.password_hash
            user.must_change_password = False
            user.active = True
            rows.append({"username": username})
        db.session.commit()
        accounts[kind] = rows
    for row in accounts["api"]:
        secret, _ = create_token(row["username"], "load", scopes=["check"], days=1, now=now)
        row["token"] = secret
    for row in accounts["feed"]:
        user = db.session.scalar(select(User).where(User.username == row["username"]))
        assert user is not None
        row["feed"] = rotate_feed(user)
    return {"password": password, "accounts": accounts}


def main() -> None:
    """Command line: --users N --out FILE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        data = prepare(args.users)
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    counts = {kind: len(rows) for kind, rows in data["accounts"].items()}  # type: ignore[attr-defined]
    print(f"load accounts ready: {counts}")


if __name__ == "__main__":
    main()
