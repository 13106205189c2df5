"""The posting policy's messages in the reader's language (app.schedule.wording)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from app.schedule import policy, wording
from app.schedule.policy import Blackout, ChannelPolicy, PlannedItem, Verdict, WeeklyProgress
from tests.english import chinese_in, merged_english

SH = ZoneInfo("Asia/Shanghai")
MON = date(2026, 11, 30)
AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai


def _violations(display: ZoneInfo = SH) -> list[policy.Violation]:
    oa = ChannelPolicy.for_channel("oa", "wechat_oa")
    scene = policy._Scene(oa, SH, display, (), None, ())
    item = PlannedItem(1, "oa", "styling", AT)
    progress = WeeklyProgress("oa", MON, date(2026, 12, 6), 4, 1, 0, 1, 3)
    return [
        policy._promo_violation(MON, 2, 5, True, scene),
        policy._promo_violation(MON, 2, 5, False, scene),
        policy._daily_sends_violation(MON, [AT, AT.replace(hour=1)], scene),
        policy._articles_violation(AT, 9, scene),
        policy._blackout_violation(item, Blackout.on_dates(MON, date(2026, 12, 2)), scene),
        policy._blackout_violation(
            item, Blackout(AT.replace(hour=0), AT.replace(hour=14), "oa", "国家公祭日"), scene
        ),
        policy._interactive_warning(progress),
        policy._cadence_warning(MON),
    ]


def _verdict(display: ZoneInfo = SH) -> Verdict:
    scene = policy._Scene(ChannelPolicy.for_channel("oa", "wechat_oa"), SH, display, (), None, ())
    phrases = (policy._suggestion_phrase(AT, scene, 28), policy._suggestion_phrase(None, scene, 28))
    verdict = Verdict(tuple(_violations(display)), (), AT, "；".join(map(str, phrases)), phrases)
    return verdict.with_hint(policy.N_("手动标记发布按“现在排期”检查：请改到建议时间或先调整日历"))


def test_in_chinese_each_message_reads_as_its_phrase(app: Flask) -> None:
    verdict = _verdict()
    for violation in verdict.violations:
        assert violation.phrase is not None and str(violation.phrase) == violation.message
    with app.test_request_context("/?lang=zh_Hans_CN"):
        assert wording.message(verdict) == verdict.message  # Chinese stays exactly as before
        assert "12月1日（周二）20:00" in wording.suggestion(verdict)
    with app.app_context():  # the worker and the CLI: Chinese
        assert wording.violation(verdict.violations[0]) == verdict.violations[0].message


@pytest.mark.parametrize("display", [SH, ZoneInfo("Europe/Berlin")], ids=["brand", "foreign"])
def test_in_english_no_message_has_chinese_but_the_user_content(
    app: Flask, monkeypatch: pytest.MonkeyPatch, display: ZoneInfo
) -> None:
    verdict = _verdict(display)
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        texts = [wording.violation(v) for v in verdict.violations]
        suggestion = wording.suggestion(verdict)
        data = wording.to_dict(verdict)
    for text in [*texts, suggestion]:
        assert chinese_in(text.replace("国家公祭日", "")) == [], text
    assert "promotions would make up 40%" in texts[0] and "30 Nov – 6 Dec" in texts[0]
    assert "limit is 20%" in texts[0] and "needs 5 more non-promotional pieces" in texts[0]
    assert "once this piece leaves" in texts[1]
    assert "hold 9 articles" in texts[3]
    assert "Mon 30 Nov to Wed 2 Dec, all day, all channels" in texts[4]
    assert "channel oa: 国家公祭日), nothing can be published then" in texts[5]
    assert "only 1 interactive pieces" in texts[6] and "2 to go" in texts[6]
    assert "Nothing would go out on Mon 30 Nov" in texts[7]
    clock = "13:00 (Europe/Berlin)" if display != SH else "20:00"
    assert f"Nearest time that fits: Tue 1 Dec {clock}" in suggestion
    assert "next 28 days" in suggestion and "Marking a piece published by hand" in suggestion
    assert data["violations"][3]["message"] == texts[3]  # the 409 body and the page agree
    assert data["violations"][3]["details"]["articles"] == 9
