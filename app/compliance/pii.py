"""Personal information found by validated patterns on the original text (PIPL, PRODUCT §2).

* 手机号: ``1[3-9]`` + 9 digits, optionally ``+86``/``0086``/``86`` in front and written
  3-4-4 with one consistent space or hyphen; never part of a longer digit run.
* 身份证号: 17 digits + digit or X (contiguous, or grouped 6-8-4 or 6-4-4-4 with one consistent
  space or hyphen), with a valid ISO 7064 MOD 11-2 check digit and a birth date between
  1900-01-01 and today.
* 银行卡号: 16–19 digits (contiguous, or in groups of four with one consistent space or hyphen)
  passing the Luhn check and not also a valid 身份证号.
* 电子邮箱: ``local@domain.tld``.

Full-width digits count as digits. Masked numbers (``138****5678``) break the digit run and do
not match. Offsets are indexes into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from app.compliance.model import Hit

_BASIS = "《个人信息保护法》第二十五条；《广告法》第九条第六项"
_CONSENT = "，并取得本人单独同意"
_WIDE = re.compile("[\uff10-\uff19\uff0b\uff0d]")
_NARROW = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")
_MOBILE = re.compile(
    r"(?<![0-9])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])([ -]?)([0-9]{4})\2([0-9]{4})(?![0-9])"
)
_ID_NUMBER = re.compile(
    r"(?<![0-9])(?:[0-9]{17}[0-9Xx]"
    r"|[0-9]{6}([ -])[0-9]{8}\1[0-9]{3}[0-9Xx]"
    r"|[0-9]{6}([ -])[0-9]{4}\2[0-9]{4}\2[0-9]{3}[0-9Xx])(?![0-9Xx])"
)
_CARD = re.compile(
    r"(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}([ -])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?)(?![0-9])"
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@"
    r"([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character of a 身份证号's first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(number: str) -> bool:
    """Tell whether an 18-character 身份证号 has a valid check digit and plausible birth date."""
    if len(number) != 18 or not (number[:17].isascii() and number[:17].isdigit()):
        return False
    if id_check_digit(number[:17]) != number[17].upper():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def luhn_valid(digits: str) -> bool:
    """Tell whether a digit string passes the Luhn check."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _mobile(match: re.Match[str]) -> tuple[str, str, str] | None:
    digits = match.group(1) + match.group(3) + match.group(4)
    return "手机号", "review", f"{digits[:3]}****{digits[7:]}"


def _id_number(match: re.Match[str]) -> tuple[str, str, str] | None:
    number = re.sub("[ -]", "", match.group())
    if not is_valid_id_number(number):
        return None
    return "身份证号", "review", f"{number[:6]}********{number[14:]}"


def _card(match: re.Match[str]) -> tuple[str, str, str] | None:
    digits = re.sub("[ -]", "", match.group())
    if not luhn_valid(digits) or is_valid_id_number(digits):
        return None
    return "银行卡号", "review", f"{digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}"


def _email(match: re.Match[str]) -> tuple[str, str, str] | None:
    return "电子邮箱", "warn", f"{match.group(1)}***@{match.group(2)}"


_Judge = Callable[[re.Match[str]], tuple[str, str, str] | None]
# Every mobile/ID/card match is a run of 11+ chars from [0-9 +-] starting with a digit, maybe
# after a "+"; trying the patterns only at those places is much faster than a full scan and
# finds the same matches as finditer, because no match can start anywhere else.
_NUMBERISH = re.compile(r"[0-9][0-9 +-]{10,}")
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
KINDS: tuple[tuple[re.Pattern[str], _Judge], ...] = (
    (_MOBILE, _mobile),
    (_ID_NUMBER, _id_number),
    (_CARD, _card),
    (_EMAIL, _email),
)


def _number_starts(text: str) -> list[int]:
    """Positions where a mobile, ID or card number could start."""
    return [i for m in _NUMBERISH.finditer(text) for i in range(max(0, m.start() - 1), m.end())]


def _email_starts(text: str) -> list[int]:
    """Start of the local-part run before each "@" (where an address could start)."""
    starts, at = [], text.find("@")
    while at != -1:
        start = at
        while start > 0 and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        if start < at:
            starts.append(start)
        at = text.find("@", at + 1)
    return starts


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What pattern.finditer(text) yields, trying only the given ascending start positions."""
    matches: list[re.Match[str]] = []
    for start in starts:
        if matches and start < matches[-1].end():
            continue
        match = pattern.match(text, start)
        if match:
            matches.append(match)
    return matches


def _matches(text: str) -> Iterator[tuple[re.Match[str], _Judge]]:
    """Yield every pattern match with its judge."""
    numbers, emails = _number_starts(text), _email_starts(text)
    for pattern, judge in KINDS:
        for match in _matches_at(pattern, text, emails if pattern is _EMAIL else numbers):
            yield match, judge


def find_pii(text: str, field: str = "body") -> list[Hit]:
    """Return the PII hits of one field's original text."""
    probe = text.translate(_NARROW) if _WIDE.search(text) else text  # same length
    hits = []
    for match, judge in _matches(probe):
        found = judge(match)
        if found is None:
            continue
        term, severity, masked = found
        start, end = match.span()
        suggestion = f"如需展示请脱敏为 {masked}{_CONSENT}"
        hits.append(
            Hit(field, start, end, text[start:end], term, "pii", severity, None, suggestion, _BASIS)
        )
    return hits
