"""Channel secrets encrypted at rest with Fernet, and masked whenever they are shown.

Named ``crypto`` rather than ``secrets`` so nobody confuses it with the standard library module.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_ENV = "HEMLINE_SECRET_KEY_ENCRYPTION"
_DERIVE_SALT = b"hemline"
_DERIVE_INFO = b"hemline channel secrets v1"
VISIBLE = 4  # characters of a secret shown at the end
SHORTEST_PARTLY_SHOWN = 12  # shorter secrets are masked completely


class SecretKeyMissing(RuntimeError):
    """No encryption key is configured."""


class SecretDecryptError(ValueError):
    """A stored secret cannot be decrypted with the configured keys."""


def generate_key() -> str:
    """A new random key for HEMLINE_SECRET_KEY_ENCRYPTION."""
    return Fernet.generate_key().decode("ascii")


def derive_key(passphrase: str) -> str:
    """A Fernet key derived (HKDF-SHA256) from a configured key such as the app's SECRET_KEY."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_DERIVE_SALT, info=_DERIVE_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(passphrase.encode("utf-8"))).decode("ascii")


class SecretBox:
    """Encrypts with the first key and decrypts with any, so keys can be rotated."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise SecretKeyMissing(f"未配置加密密钥：请设置环境变量 {KEY_ENV}")
        try:
            self._fernet = MultiFernet([Fernet(key) for key in keys])
        except ValueError as exc:
            raise ValueError(
                f"{KEY_ENV} 中的密钥格式不正确：每个密钥应是 32 字节的 URL-safe base64，"
                "可用 generate_key() 生成，多个密钥用逗号分隔"
            ) from exc

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] = os.environ, fallback_key: str = ""
    ) -> SecretBox:
        """Keys from HEMLINE_SECRET_KEY_ENCRYPTION (comma-separated, newest first).

        Without it, one key is derived from ``fallback_key`` (e.g. SECRET_KEY); changing that
        key then makes the stored secrets unreadable, so production should set the variable.
        """
        keys = [key.strip() for key in environ.get(KEY_ENV, "").split(",") if key.strip()]
        if not keys and fallback_key:
            keys = [derive_key(fallback_key)]
        return cls(keys)

    def encrypt(self, plaintext: str) -> str:
        """The ciphertext (a URL-safe ASCII token) for ``plaintext``."""
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        """The plaintext of ``token``; SecretDecryptError if no configured key opens it."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise SecretDecryptError(
                "无法解密已保存的密钥：加密密钥可能已更换，请重新填写"
            ) from exc

    def rotate(self, token: str) -> str:
        """``token`` re-encrypted with the newest key."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError) as exc:
            raise SecretDecryptError("无法解密已保存的密钥，不能轮换") from exc


def mask(secret: str) -> str:
    """``secret`` for display: only its last 4 characters, behind a fixed-width mask.

    Secrets shorter than 12 characters are masked completely, because showing 4 of them would
    give away too much; the mask's width never reveals the length.
    """
    if not secret:
        return ""
    if len(secret) < SHORTEST_PARTLY_SHOWN:
        return "********"
    return "****" + secret[-VISIBLE:]
