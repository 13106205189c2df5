"""The texts the browser scripts show, in the reader's language.

Scripts in app/static/js cannot call gettext, so every text they show lives here, wrapped for
extraction like any other UI string. base.html renders them as one JSON block
(`<script type="application/json" id="js-messages">`), which page.js reads into
`hemline.t(key, params)`; `%(name)s` placeholders are filled in the browser. A key a script asks
for that is missing here shows the key itself, so a test can see it.
"""

from __future__ import annotations

import json

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

JS_MESSAGES = {
    # live-check.js: the editor's live compliance report
    "check.suggestion": _l("建议：%(text)s"),
    "check.basis": _l("依据：%(text)s"),
    "check.head": _l("%(verdict)s · %(count)s 处命中 · 词库版本 %(version)s"),
    "check.quote": _l("%(field)s：“%(text)s”"),
    "check.blocked": _l("含禁止发布的内容，修改前无法提交审核。"),
    "check.grouped": _l("同一词条的多处命中已合并：列出 %(shown)s 处。各词条：%(terms)s"),
    "check.term_count": _l("“%(term)s” %(count)s 处"),
    "check.separator": _l("，"),
    "check.field_terms": _l("%(field)s：%(terms)s"),
    "check.term_times": _l("%(term)s（%(count)s 次）"),
    "check.term_separator": _l("、"),
    "check.review_reasons": _l("需要审核员逐条确认理由的命中："),
    "check.clean": _l("未发现问题。"),
    "check.failed": _l("检查失败：%(message)s"),
    "check.retry": _l("请稍后重试"),
    "check.offline": _l("检查暂时不可用（网络错误），保存时仍会检查。"),
    # calendar.js: drag and drop on the content calendar
    "calendar.expired": _l("登录已过期，请刷新页面后重新登录。"),
    "calendar.scheduling": _l("正在排期…"),
    "calendar.failed": _l("未能排期"),
    "calendar.reload": _l("请刷新页面后重试。"),
    "calendar.offline": _l("网络错误，请检查网络后重试。"),
    "calendar.refused": _l("不能排在这里："),
    "calendar.take_suggestion": _l("排到建议时间（%(at)s）"),
    "calendar.override_reason": _l("强制排期理由（记入审计日志）"),
    "calendar.override": _l("说明理由后强制排期"),
    # import-progress.js: a word-list import running in the worker
    "import.count": _l("%(done)s / %(total)s 条"),
    "import.failed": _l("导入失败。"),
    # review.js: a comment anchored to selected text
    "review.anchor": _l("评论将关联到选中的文字：“%(text)s”"),
}


def js_messages() -> dict[str, str]:
    """Every script text in the current language, as plain strings."""
    return {key: str(text) for key, text in JS_MESSAGES.items()}


def js_messages_json() -> Markup:
    """The catalog as JSON safe inside <script>, in ASCII (\\uXXXX): the page's own text stays
    the only Chinese a reader (or a test looking for a text) finds in the HTML.

    Every page renders it: built once per language and app (the catalogs do not change while
    the process runs), not 26 translations and a JSON dump per page (issue 16)."""
    built: dict[str, Markup] = current_app.extensions.setdefault("hemline_js_messages", {})
    language = str(get_locale())
    if language not in built:
        built[language] = htmlsafe_json_dumps(js_messages(), dumps=json.dumps)
    return built[language]
