"""Conditions on a word-list entry: document markers and proximity triggers (issue 18).

An entry's ``conditions`` holds zero or more items (CSV: ``|``-separated; editor: one a line):

* ``unless:M1&M2`` — the entry does not fire when the *document* (title, body and summary
  together) holds every marker ``Mi``. Example: ``unless:广告!不是广告!非广告`` on an
  ``ad_disclosure`` entry — a post labelled 【广告】 discloses itself.
* ``lower:SEVERITY:M1&M2`` — the entry fires at ``SEVERITY`` (lower than its own) when the
  document holds every marker. Example: ``lower:warn:gb/t 18830&upf`` on 防紫外线 — the claim
  cites the test standard and a UPF value. When several hold, the lowest severity wins; an
  ``unless`` that holds wins over every ``lower``.
* ``near:N:T1/T2/…`` — the entry fires only when one of the triggers ``Ti`` occurs within ``N``
  characters of the hit *in the same sentence*. Example: ``near:6:甩掉/燃烧/消除`` on 赘肉 —
  a body word with a verb of removing is a slimming claim; 遮住赘肉 (hiding) is not.
* ``then:N:T1/T2/…`` — like ``near``, but the trigger must *follow* the hit, and it may be in
  the next sentence: at most one sentence end lies between them (not counted in ``N``).
  Example: ``then:16:好运/平安`` on 转起来 — 转起来！看到的姐妹都会有好运 is one chain-letter
  inducement written as two sentences, the second the consequence of the first; the trigger
  before the hit, or two sentences on, does not count. Several ``near``/``then`` items must all
  hold.
* ``negated:N:T1/T2/…`` — the entry does *not* fire when one of the triggers (negations) stands
  *before* the hit, within ``N`` characters, in the same clause: no sentence end, no clause
  break (a comma or 、, any width: ``normalize.CLAUSE_BREAKS``) and no contrast or addition
  word (``SCOPE_BREAKERS``: 但、却、还能、就能、而是…) between the trigger's end and the hit's
  start.
  Example: ``negated:8:不能/无法/不具备/不代表`` on 治疗 — 不能替代药物治疗 and
  并不具备任何治疗作用 are disclaimers, while 没有任何副作用，还能治疗失眠 (a comma) and
  没有副作用还能治疗失眠 (还能) are claims (issue 18, session 18). Several ``negated`` items:
  any one that holds drops the hit.
* ``followed:N:T1/T2/…`` — the mirror of ``negated``: the entry does *not* fire when one of the
  triggers *follows* the hit, starting at most ``N`` characters after it, in the same clause (no
  sentence end and no clause break between; scope breakers do not apply, since 的 and 是 are
  what such a trigger is made of). Example: ``followed:8:的是/的就是/莫过于/在于/亮点`` on 最 —
  最令人惊喜的是它的袖口 and 最大的设计亮点在于领口 introduce the product's own highlight, a
  comparison of its parts, not a claim about the product (issue 18, session 19). Several
  ``followed`` items: any one that holds drops the hit.
* ``requires:M1/M2/…`` — the inverse of ``unless``: the entry fires only when the document holds
  at least one of the markers (several ``requires`` items must all hold). Example:
  ``requires:链接/下单/小黄车`` on 不是广告 — denying a sponsorship is a problem only in a
  post that also gives a purchase path.

A marker may name exceptions after ``!``: an occurrence of the marker inside an occurrence of
one of its exceptions does not count (each exception must contain the marker), as allowed
contexts do for terms. A trigger may too (issue 18, h146): ``near:14:送!送洗!送货`` — 送洗 and
送货 are no reward, so a 送 inside them does not satisfy the rule. Markers, exceptions and
triggers are normalised like terms, so punctuation in them is ignored (``【广告】`` is
``广告``). Characters are counted in the collapsed stream of ``normalize`` — separators are not
counted and a run of one repeated character counts once; the distance is the number of such
characters between the hit and the trigger (0 when they touch or overlap). Two spans are in the
same sentence when no sentence end (``normalize.BOUNDARY``) lies between the start of the first
and the end of the last. Conditions apply after allowed contexts, the allow list and word mode.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from app.compliance.model import SEVERITIES
from app.compliance.normalize import normalise_key
from app.messages import Message

KINDS: tuple[str, ...] = ("unless", "lower", "near", "then", "negated", "followed", "requires")
# kinds with triggers, judged per hit; negated and followed drop it, the others keep it
PROXIMITY: tuple[str, ...] = ("near", "then", "negated", "followed")
EXEMPTIONS: tuple[str, ...] = ("negated", "followed")
# Words that end a negation's scope inside a clause (``negated``): a contrast or a further claim
# follows — 不是药但能缓解、没有副作用还能治疗、不是普通保暖衣而是理疗衣、没有运动也能燃脂. Found in
# the collapsed stream between the trigger and the hit (simplified, no repeated character).
SCOPE_BREAKERS: tuple[str, ...] = (
    *("但", "却", "还", "也", "而", "仍"),  # 但能、却能、还能、也能、而是、反而、仍能
    *("是", "的"),  # 不是秋裤是理疗裤; 不会起球的燃脂裤: the negation modifies something else
    *("就能", "就可", "并且", "甚至", "照样", "依然"),
)
MAX_DISTANCE = 200


class Marker(NamedTuple):
    """A document marker and the longer strings in which it does not count."""

    text: str
    exceptions: tuple[str, ...] = ()


class Condition(NamedTuple):
    """One parsed condition item."""

    kind: str  # one of KINDS
    severity: str = ""  # lower: the severity it fires at
    distance: int = 0  # near, then: at most this many characters between hit and trigger
    markers: tuple[Marker, ...] = ()  # unless, lower: all must be in the document; requires: any
    triggers: tuple[Marker, ...] = ()  # near, then: any one must be close enough; negated: none


def N_(message: str) -> str:
    """Marks a message id for the catalog (pybabel's N_ keyword); the engine stays free of Flask."""
    return message


class ConditionError(ValueError):
    """A condition item that cannot be parsed. ``str(error)`` is Chinese; ``msgid`` and ``params``
    let the web layer say it in the reader's language (the items themselves stay as written)."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid % params if params else msgid)
        self.msgid, self.params = msgid, params


def _marker(text: str) -> Marker:
    marker, *exceptions = (part.strip() for part in text.split("!"))
    key = normalise_key(marker).chars
    if not key:
        raise ConditionError(N_("标记“%(marker)s”去掉符号、空白后为空"), marker=marker)
    for exception in exceptions:
        if key not in normalise_key(exception).chars:
            raise ConditionError(
                N_("标记的例外“%(exception)s”必须包含标记“%(marker)s”"),
                exception=exception,
                marker=marker,
            )
    return Marker(marker, tuple(exceptions))


def _markers(text: str) -> tuple[Marker, ...]:
    parts = [part.strip() for part in text.split("&")]
    if not any(parts):
        raise ConditionError(N_("没有写文档标记"))
    return tuple(_marker(part) for part in parts if part)


@lru_cache(maxsize=16384)
def parse_condition(item: str) -> Condition:
    """Parse one condition item; raise ConditionError (Chinese) when it is malformed.

    Kept per item (a Condition is immutable): building a lexicon parses every entry's conditions
    when it validates the entry and again when it compiles it, and the lists share long trigger
    lists across hundreds of entries — parsing was most of a build (issue 18, session 17)."""
    kind, _, rest = item.strip().partition(":")
    kind = kind.strip().lower()
    if kind == "unless":
        return Condition("unless", markers=_markers(rest))
    if kind == "lower":
        severity, _, markers = rest.partition(":")
        severity = severity.strip()
        if severity not in SEVERITIES:
            raise ConditionError(
                N_("降级条件的级别“%(severity)s”应为 %(allowed)s 之一"),
                severity=severity,
                allowed="、".join(SEVERITIES),
            )
        return Condition("lower", severity=severity, markers=_markers(markers))
    if kind == "requires":
        alternatives = [part.strip() for part in rest.split("/") if part.strip()]
        if not alternatives:
            raise ConditionError(N_("没有写文档标记"))
        return Condition("requires", markers=tuple(map(_marker, alternatives)))
    if kind in PROXIMITY:
        distance, _, triggers = rest.partition(":")
        if not distance.strip().isdigit() or not 0 <= int(distance) <= MAX_DISTANCE:
            raise ConditionError(
                N_("邻近条件的字数“%(distance)s”应为 0–%(most)s 的整数"),
                distance=distance.strip(),
                most=MAX_DISTANCE,
            )
        words = tuple(t.strip() for t in triggers.split("/") if t.strip())
        if not words:
            raise ConditionError(N_("邻近条件没有写触发词"))
        for word in words:
            if not normalise_key(word.partition("!")[0]).chars:
                raise ConditionError(N_("触发词“%(word)s”去掉符号、空白后为空"), word=word)
        return Condition(kind, distance=int(distance), triggers=tuple(map(_marker, words)))
    raise ConditionError(
        N_(
            "无法识别的条件“%(item)s”：应以 unless:（文档含标记则不报）、lower:级别:（降级）、"
            "near:字数:（邻近触发词才报）、then:字数:（其后本句或下一句有触发词才报）、"
            "negated:字数:（同一分句内前面有否定词则不报）、followed:字数:（同一分句内后面有触发词"
            "则不报）或 requires:（文档含任一标记才报）开头"
        ),
        item=item,
    )


def condition_problems(conditions: tuple[str, ...], severity: str) -> list[str]:
    """Every problem of an entry's condition items (``Message``: Chinese as a str, translatable
    by the web layer); empty when all parse."""
    problems: list[str] = []
    for item in conditions:
        try:
            condition = parse_condition(item)
        except ConditionError as error:
            reason = Message(error.msgid, **error.params)
            problems.append(Message(N_("条件“%(item)s”：%(reason)s"), item=item, reason=reason))
            continue
        if (
            condition.kind == "lower"
            and severity in SEVERITIES
            and SEVERITIES.index(condition.severity) >= SEVERITIES.index(severity)
        ):
            lower = N_("条件“%(item)s”：降级后的级别必须低于词条本身的级别“%(severity)s”")
            problems.append(Message(lower, item=item, severity=severity))
    return problems
