"""The password rule: at least 10 characters, not a common password, not the username.

Common passwords come from ``data/common_passwords.txt`` (the 10,000 most common passwords of
zxcvbn's public list, see the file's header). A password is refused when, lower-cased, it is on
the list, or when it is a listed password with digits and punctuation added at its ends
("dragon2026!"), or when it is only digits (phone numbers, birthdays), the username with a few
characters added, or fewer than 4 different characters.
The reason is returned in Chinese for the form; nothing here touches the database.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from app.errors import N_, MessageId

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128  # scrypt hashes any length; a cap keeps a request's cost bounded
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"
_DECORATION = string.digits + string.punctuation + " "


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, lower case, read once per process."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, username: str = "") -> str | None:
    """Why `password` may not be used (a message id, Chinese as a str), or None when it is
    acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return MessageId(N_("密码至少需要 %(count)s 个字符。"), count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return MessageId(N_("密码最多 %(count)s 个字符。"), count=MAX_PASSWORD_LENGTH)
    lowered = password.lower()
    if password.isdigit():  # phone numbers, birthdays, ID-card digits
        return MessageId(N_("密码不能只由数字组成。"))
    if len(set(lowered)) < 4:
        return MessageId(N_("密码太简单：请使用更多不同的字符。"))
    name = username.strip().lower()
    if name and (name in lowered and len(lowered) - len(name) < MIN_PASSWORD_LENGTH):
        return MessageId(N_("密码不能是用户名或用户名加几个字符。"))
    common = common_passwords()
    core = lowered.strip(_DECORATION)
    if lowered in common or (len(core) >= 4 and core in common):
        return MessageId(N_("这是常见密码，很容易被猜到，请换一个。"))
    return None
