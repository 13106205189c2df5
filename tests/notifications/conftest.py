"""The notifications tests use the fake group bots and SMTP server of the channel tests."""

from tests.channels.conftest import dingtalk, feishu, smtp, wecom

__all__ = ["dingtalk", "feishu", "smtp", "wecom"]
