"""Channel secrets: encryption round trips, key rotation, and masking."""

from __future__ import annotations

import pytest

from app.channels.crypto import (
    KEY_ENV,
    SecretBox,
    SecretDecryptError,
    SecretKeyMissing,
    generate_key,
    mask,
)


def test_encryption_round_trips_and_hides_the_plaintext() -> None:
    box = SecretBox.from_environment({KEY_ENV: generate_key()})

    token = box.encrypt("微信AppSecret-0123456789abcdef")

    assert "0123456789" not in token
    assert box.decrypt(token) == "微信AppSecret-0123456789abcdef"
    assert box.encrypt("same") != box.encrypt("same")  # random IV each time


def test_another_key_cannot_decrypt() -> None:
    token = SecretBox([generate_key()]).encrypt("secret")

    with pytest.raises(SecretDecryptError, match="无法解密"):
        SecretBox([generate_key()]).decrypt(token)


def test_old_keys_still_decrypt_and_rotate_moves_to_the_newest() -> None:
    old, new = generate_key(), generate_key()
    token = SecretBox([old]).encrypt("secret")
    box = SecretBox.from_environment({KEY_ENV: f"{new}, {old}"})

    rotated = box.rotate(token)

    assert box.decrypt(token) == "secret"
    assert SecretBox([new]).decrypt(rotated) == "secret"


def test_a_key_is_derived_from_the_configured_key_when_the_variable_is_unset() -> None:
    first = SecretBox.from_environment({}, fallback_key="app-secret-key")
    second = SecretBox.from_environment({}, fallback_key="app-secret-key")

    assert second.decrypt(first.encrypt("secret")) == "secret"
    with pytest.raises(SecretDecryptError):
        SecretBox.from_environment({}, fallback_key="other-key").decrypt(first.encrypt("x"))


def test_missing_or_malformed_keys_are_refused_in_chinese() -> None:
    with pytest.raises(SecretKeyMissing, match=KEY_ENV):
        SecretBox.from_environment({})
    with pytest.raises(ValueError, match="密钥格式不正确"):
        SecretBox.from_environment({KEY_ENV: "too-short"})


@pytest.mark.parametrize(
    ("secret", "shown"),
    [
        ("abcdefgh1234", "****1234"),
        ("wx-app-secret-9f8e7d6c5b4a", "****5b4a"),
        ("short-1234", "********"),
        ("", ""),
    ],
)
def test_mask_shows_only_the_last_four_characters(secret: str, shown: str) -> None:
    assert mask(secret) == shown
    assert secret[:-4] == "" or secret[:-4] not in mask(secret)
