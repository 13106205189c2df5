"""What a publish attempt says, as message keys with parameters (issue 20), pure Python.

An adapter's error (``PublishError``) and the runner's sentences around it (app.publishing) are
``Said``: parts read in order, each a key of ``CHANNEL_WORDS`` with its parameters, or text kept
as written (what a platform or a person wrote). The runner stores them on the job as notices
store theirs (app.notifications.events ``Words``, which reads these keys too), and pages write
them in the reader's language; ``chinese()`` is the Chinese text for logs, the CLI and bots.

Keys stay stable once used (jobs keep them); a text's wording may change with its message id.
Parameters: a string is shown as written (a name, a field, a platform's text), an integer is a
number. Leaf module: no imports of the app, so every module of app.channels may use it.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802  the gettext_noop convention, read by `make translations-extract`
    """Mark ``message`` for the translation catalog without translating it here."""
    return message


Param = str | int
# A message key with its parameters, or text kept as written.
Part = tuple[str, tuple[tuple[str, Param], ...]] | str
Said = tuple[Part, ...]

# WeChat errcodes (app.channels.wechat_oa.ERRCODES names their error classes).
WECHAT_ERRCODES: dict[int, str] = {
    -1: N_("微信系统繁忙"),  # transient ones are followed by "retry.later"
    40001: N_("公众号凭证无效：请检查 AppID、AppSecret 和 IP 白名单"),
    40005: N_("封面图的文件类型不受支持，请使用 JPG 或 PNG"),
    40007: N_("素材 media_id 无效：封面或草稿在公众号后台已不存在"),
    40009: N_("封面图的大小或尺寸不符合要求"),
    40013: N_("AppID 无效，请检查公众号配置"),
    40014: N_("access_token 不合法：请检查公众号凭证"),
    40125: N_("AppSecret 无效，请在公众平台核对或重置"),
    40164: N_("服务器 IP 不在公众号的 IP 白名单中，请在公众平台添加"),
    42001: N_("access_token 已过期，刷新后仍无效"),
    45003: N_("标题超过长度限制"),
    45004: N_("摘要超过长度限制"),
    45009: N_(
        "接口调用超过每日限额：今天无法再通过接口发表，请明天重试或由管理员在公众平台清零调用次数"
    ),
    45011: N_("接口调用过于频繁"),
    45028: N_("公众号今天的发表次数已用完，请明天再试"),
    45110: N_("作者名超过长度限制"),
    48001: N_("公众号未获得该接口权限：请确认公众号已认证并开通发表能力"),
    53503: N_("草稿未通过发布检查，请检查标题、正文和封面"),
    53504: N_("该草稿需前往公众平台官网使用，无法通过接口发表"),
    53505: N_("该草稿需在公众平台手动保存成功后再发表"),
}

# publish_status of freepublish/get that mean the send failed.
WECHAT_PUBLISH_FAILURES: dict[int, str] = {
    2: N_("原创声明失败"),
    3: N_("常规失败"),
    4: N_("平台审核不通过"),
    5: N_("发表成功后作者删除了全部文章"),
    6: N_("发表成功后全部文章被系统封禁"),
}

CHANNEL_WORDS: dict[str, str] = {
    **{f"wechat.errcode.{code}": text for code, text in WECHAT_ERRCODES.items()},
    **{f"wechat.publish_status.{code}": text for code, text in WECHAT_PUBLISH_FAILURES.items()},
    # a platform's numeric error code, after its message
    "channel.code": N_("（错误码 %(code)s）"),
    # what went wrong on the network (app.channels.base.network_problem), after a message
    "network.connect_timeout": N_("（连接超时）"),
    "network.read_timeout": N_("（等待答复超时）"),
    "network.connect_error": N_("（无法建立连接）"),
    "network.dropped": N_("（连接被对方中断）"),
    "network.other": N_("（网络错误）"),
    "network.http_status": N_("（HTTP %(status)s）"),
    "retry.later": N_("，稍后自动重试"),
    # addresses in the settings (app.channels.base.require_http_url)
    "url.wechat": N_("微信接口地址"),
    "url.webhook": N_("Webhook 地址"),
    "url.post": N_("发布链接"),
    "url.any": N_("地址"),
    "url.wecom": N_("企业微信机器人地址"),
    "url.dingtalk": N_("钉钉机器人地址"),
    "url.feishu": N_("飞书机器人地址"),
    "url.bot": N_("机器人地址"),
    "url.not_http": N_("必须是以 http:// 或 https:// 开头的完整网址"),
    # the 公众号 adapter
    "wechat.errcode.unknown": N_("微信接口返回错误 %(errcode)s"),
    "wechat.blocked": N_("微信接口地址指向内部网络，已拒绝发送：请管理员在“发布设置”中更换地址"),
    "wechat.unreachable": N_("无法连接微信服务器"),
    "wechat.no_answer": N_("微信服务器没有及时答复"),
    "wechat.no_answer_sent": N_("发表请求已发出但没有收到微信的答复"),
    "wechat.check_first": N_("：请先在公众平台确认文章是否已发表，再决定是否重试"),
    "wechat.unavailable": N_("微信服务器暂时不可用（HTTP %(status)s）"),
    "wechat.http_refused": N_("微信接口拒绝了请求（HTTP %(status)s）"),
    "wechat.missing_field": N_("微信接口的答复缺少 %(field)s"),
    "wechat.no_cover": N_("公众号文章必须有封面图，请先上传封面"),
    "wechat.no_cover_for": N_("公众号文章必须有封面图，请先为《%(title)s》上传封面"),
    "wechat.no_article_id": N_("没有文章编号，无法通过接口删除"),
    "wechat.submit_unconfirmed": N_(
        "上次的发表请求没有记录到结果：请先在公众平台确认文章是否已发表，再决定是否重试"
    ),
    "wechat.no_article_url": N_("微信显示已发表，但没有返回文章链接"),
    "wechat.no_article_urls": N_("微信显示已发表，但没有返回第 %(numbers)s 篇文章的链接"),
    "wechat.not_in_send": N_("这次群发中没有《%(title)s》"),
    "wechat.publish_failed": N_("微信发表失败："),
    "wechat.publish_status.unknown": N_("未知状态"),
    "wechat.publish_state": N_("（发表状态 %(status)s）"),
    "wechat.publish_state_articles": N_("（发表状态 %(status)s，失败的文章序号 %(articles)s）"),
    "wechat.not_wechat": N_("渠道已不再通过公众号接口发布"),
    # the webhook adapter
    "webhook.blocked": N_("Webhook 地址指向内部网络，已拒绝发送：请管理员在“发布设置”中更换地址"),
    "webhook.unreachable": N_("无法送达 Webhook 地址"),
    "webhook.unavailable": N_("Webhook 接收方暂时不可用（HTTP %(status)s）"),
    "webhook.refused": N_("Webhook 接收方拒绝了请求（HTTP %(status)s）"),
    # the runner (app.publishing.services, .adapters, .takedowns)
    "publish.settings": N_("发布设置有误："),
    "publish.no_secret": N_("渠道的发布设置缺少密钥，请管理员在“发布设置”中填写"),
    "publish.secret_unreadable": N_("无法解密已保存的密钥：加密密钥可能已更换，请重新填写"),
    "publish.cover_unreadable": N_("封面图文件无法读取，请重新上传封面后重试"),
    "publish.internal": N_("发布时出现内部错误（%(error)s），详情见发布进程的日志"),
    "publish.gave_up": N_("已尝试 %(failures)s 次仍未成功，最后一次："),
    "publish.retrying": N_("（第 %(failures)s 次失败，约 %(seconds)s 秒后自动重试）"),
    "publish.last_error": N_("最近的错误："),
}


def said(key: str, **params: Param) -> Said:
    """One message of CHANNEL_WORDS with its parameters."""
    if key not in CHANNEL_WORDS:
        raise KeyError(f"unknown channel wording {key!r}")
    return ((key, tuple(params.items())),)


def as_written(text: str) -> Said:
    """Text shown as written in every language (a platform's or a person's words)."""
    return (text,) if text else ()


def chinese(parts: Said) -> str:
    """The parts in Chinese (logs, the CLI, bots, ``str(error)``)."""
    return "".join(
        part if isinstance(part, str) else CHANNEL_WORDS[part[0]] % dict(part[1]) for part in parts
    )
