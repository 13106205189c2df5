"""The screenshot sweep: every page × every role that may open it × 375 and 1280 px × zh and en.

The pages come from the URL map (every GET rule whose arguments the sweep can fill), so a new
page is swept without touching this file. Each page is loaded once per role and language in one
Chromium (one context per role and language, signed in once) and looked at in both widths:

- no 5xx, no console error and no uncaught script error;
- no horizontal overflow (the document is no wider than the window);
- in English, no Chinese outside user content: text and the attributes people read (title,
  placeholder, aria-label, alt, button values, confirmations) — user content is marked in the
  templates with `data-user-content` or a `lang="zh-…"` attribute and skipped.

Screenshots go to tests/browser/screenshots/<lang>/<role>/<endpoint>-<width>.png (git-ignored;
HEMLINE_SWEEP_SHOTS names another folder) with summary.txt beside them: pages, shots, the time the
sweep took and every finding.

Untranslated text fails the sweep like any other finding. The English is the catalog merged with
the pending fragments (app/translations/en/pending), as it will be after `make
translations-merge`: a string whose English is written down but not yet merged is not a finding,
a string with no English anywhere is.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from app.compliance import Entry
from app.extensions import db
from app.models import Channel, Piece, Role, Topic, User
from app.notifications.events import NOTICE_WORDS, Words
from app.notifications.services import notify
from tests.conftest import PASSWORD
from tests.english import merged_english
from tests.notifications.test_wording import sample_params

SHOTS = Path(
    os.environ.get("HEMLINE_SWEEP_SHOTS") or Path(__file__).resolve().parent / "screenshots"
)
WIDTHS = (1280, 375)
LANGS = ("zh", "en")
ROLES = [role.value for role in Role]
# Rules that answer files, feeds or JSON rather than pages.
NOT_PAGES = re.compile(r"^(api|ops)\.|\.(csv|xlsx|ics)$|/(progress|status)$|^content\.cover$")

# Finds, in the page, the Chinese a reader sees outside user content.
FIND_CHINESE = """() => {
  const CJK = /[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]/;
  const USER = '[data-user-content], [lang^="zh"], script, style, textarea, noscript, template';
  const found = new Set();
  const BILINGUAL = ['Language / 语言'];  // the language switch names itself in both languages
  const say = (el, text) => found.add(el.tagName.toLowerCase() + ': ' + text.trim().slice(0, 60));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (CJK.test(node.data) && !parent.closest(USER)) say(parent, node.data);
  }
  const ATTRS = ['title', 'placeholder', 'aria-label', 'alt', 'data-confirm'];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(USER)) continue;
    for (const name of el.getAttributeNames()) {
      if (!(ATTRS.includes(name) || name.startsWith('data-msg'))) continue;
      const value = el.getAttribute(name);
      if (CJK.test(value) && !BILINGUAL.includes(value)) say(el, '[' + name + '] ' + value);
    }
    const button = el.matches('input[type=submit], input[type=button]');
    if (button && CJK.test(el.value)) say(el, el.value);
  }
  return [...found];
}"""

# The widest elements when the document is wider than the window (to say what overflows).
FIND_OVERFLOW = """() => {
  const limit = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= limit + 1) return [];
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 1 && box.width > 0) {
      let scrolls = false;
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up).overflowX;
        if (style === 'auto' || style === 'scroll' || style === 'hidden') { scrolls = true; break; }
      }
      const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className) : '');
      if (!scrolls) out.push(name + ' ' + Math.round(box.right) + 'px');
    }
  }
  return out.slice(-3).concat(['document ' + document.documentElement.scrollWidth + 'px']);
}"""


def _pages(app: Flask, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(endpoint, path) of every page the URL map has and the sweep can fill in."""
    pages = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        if NOT_PAGES.search(rule.endpoint) or NOT_PAGES.search(rule.rule):
            continue
        if not set(rule.arguments) <= set(values):
            continue
        with app.test_request_context():
            from flask import url_for

            path = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
        pages.append((rule.endpoint, path))
    return pages


@pytest.fixture
def sweep_data(
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> dict[str, Any]:
    """One user per role, a piece in review with a hit, a topic, a word list and a channel."""
    version = load_lexicon(
        Entry("最好", "ad_absolute", "review", suggestion="写具体优点", basis="《广告法》第九条")
    )
    users = {role: make_user(role, username=f"sweep-{role}") for role in ROLES}
    channel = make_channel()
    piece = make_piece(
        users["writer"],
        status="in_review",
        channel=channel,
        title="秋冬最好的大衣",
        body="这件大衣是今年最好的选择，羊毛含量 80%。",
    )
    make_piece(users["writer"], status="approved", channel=channel, title="春季亚麻衬衫")
    topic = Topic(
        title="秋冬针织专题", content_type="styling", proposer=users["writer"], channels=[channel]
    )
    db.session.add(topic)
    # Every notice wording in everyone's bell: titles and texts are UI text in the reader's
    # language, only the names in them are user content.
    for key in NOTICE_WORDS:
        words = Words.of(key, **sample_params(key))
        notify(users.values(), "held", words, text=words)
    db.session.commit()
    values = {
        "piece_id": piece.id,
        "topic_id": topic.id,
        "user_id": users["writer"].id,
        "channel_id": channel.id,
        "version_id": version,
        "entry_id": 1,
    }
    return {"users": users, "values": values}


def _listen(page: Page, errors: list[str]) -> None:
    """Collect the page's console errors and uncaught script errors into `errors`."""
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))


def _sign_in(page: Page, base: str, user: User) -> None:
    response = page.request.post(
        f"{base}/login",
        form={"username": user.username, "password": PASSWORD, "csrf_token": _csrf(page, base)},
    )
    assert response.ok, response.status


def _csrf(page: Page, base: str) -> str:
    page.goto(f"{base}/login")
    return page.locator("input[name=csrf_token]").first.get_attribute("value") or ""


@pytest.mark.browser
def test_every_page_every_role_both_widths_both_languages(
    browser: Browser,
    live_server: str,
    csrf_app: Flask,
    sweep_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.monotonic()
    with merged_english(monkeypatch):
        _sweep(browser, live_server, csrf_app, sweep_data, started)


def _sweep(
    browser: Browser, live_server: str, csrf_app: Flask, sweep_data: dict[str, Any], started: float
) -> None:
    shutil.rmtree(SHOTS, ignore_errors=True)
    pages = _pages(csrf_app, sweep_data["values"])
    assert {"dashboard.home", "content.piece", "review.review", "admin.audit_log"} <= {
        endpoint for endpoint, _ in pages
    }
    problems: list[str] = []
    untranslated: list[str] = []
    shots = opened = 0
    for lang in LANGS:
        for role in [*ROLES, "anonymous"]:
            context = browser.new_context(
                locale="zh-CN" if lang == "zh" else "en-US", viewport={"width": 1280, "height": 800}
            )
            context.set_default_timeout(10_000)
            page = context.new_page()
            errors: list[str] = []
            _listen(page, errors)
            if role != "anonymous":
                _sign_in(page, live_server, sweep_data["users"][role])
            query = "lang=en" if lang == "en" else "lang=zh_Hans_CN"
            for endpoint, path in pages:
                errors.clear()
                page.set_viewport_size({"width": 1280, "height": 800})
                url = f"{live_server}{path}{'&' if '?' in path else '?'}{query}"
                response = page.goto(url)
                status = response.status if response else 0
                where = f"{lang} {role} {path}"
                if status >= 500:
                    problems.append(f"{where}: HTTP {status}")
                    continue
                if status != 200 or page.url.split("?")[0].endswith("/login") != (
                    endpoint == "auth.login"
                ):
                    continue  # this role may not open this page (403, 404, sent to log in)
                opened += 1
                page.wait_for_load_state("load")
                for width in WIDTHS:
                    if width != 1280:
                        page.set_viewport_size({"width": width, "height": 800})
                    overflow = page.evaluate(FIND_OVERFLOW)
                    if overflow:
                        problems.append(f"{where} @{width}px overflows: {overflow}")
                    folder = SHOTS / lang / role
                    folder.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(folder / f"{endpoint}-{width}.png"), full_page=True)
                    shots += 1
                if lang == "en":
                    chinese = page.evaluate(FIND_CHINESE)
                    if chinese:
                        untranslated.append(f"{where}: Chinese in English: {chinese}")
                if errors:
                    problems.append(f"{where}: console errors: {errors}")
            context.close()
    seconds = time.monotonic() - started
    summary = f"{len(pages)} pages, {opened} opened, {shots} screenshots, {seconds:.1f} s\n"
    report = "\n".join([summary, *problems, *untranslated])
    (SHOTS / "summary.txt").write_text(report + "\n", encoding="utf-8")
    print(summary)
    assert opened > 100 and shots == 2 * opened
    problems += untranslated
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.browser
def test_the_menu_folds_on_a_phone_and_opens_without_script(
    browser: Browser, live_server: str, make_user: Callable[..., User]
) -> None:
    user = make_user("writer", "reviewer", "manager")
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 700})
    page = context.new_page()
    try:
        _sign_in(page, live_server, user)
        page.goto(f"{live_server}/")
        nav = page.get_by_role("navigation", name="主导航")
        assert not nav.is_visible()
        assert page.locator("a.bell").is_visible() and page.locator(".lang-switch").is_visible()
        page.get_by_text("菜单", exact=True).click()
        assert nav.is_visible() and page.get_by_role("link", name="退回给我").is_visible()
        page.get_by_role("link", name="内容日历").click()
        page.wait_for_url(f"{live_server}/calendar")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
    wide = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 700})
    page = wide.new_page()
    try:
        _sign_in(page, live_server, user)
        page.goto(f"{live_server}/")
        assert page.get_by_role("navigation", name="主导航").is_visible()
        assert not page.get_by_text("菜单", exact=True).is_visible()
    finally:
        wide.close()
