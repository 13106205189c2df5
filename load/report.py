"""The load test's pure parts, testable without Locust (which patches the process with gevent).

HTML form parsing for the simulated browsers, the budget verdict and the Markdown table.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class Form(HTMLParser):
    """The fields of the first <form> whose action or id matches, as a browser would send them."""

    def __init__(self, match: str) -> None:
        super().__init__()
        self.match, self.inside, self.found = match, False, False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.found and self.match in (a.get("action", ""), a.get("id")):
            self.inside = self.found = True
        elif not self.inside:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"file", "submit"}:
                self.fields.setdefault(a["name"], a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if self._select not in self.fields or "selected" in a:
                self.fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.inside:
            self.inside = False


def form_fields(html: str, match: str) -> dict[str, str] | None:
    """Parse `html` and return the matching form's fields (None: no such form)."""
    parser = Form(match)
    parser.feed(html)
    return parser.fields if parser.found else None


def judge(rows: list[dict[str, Any]], budget_ms: float) -> tuple[list[str], int]:
    """Endpoints whose p99 is over `budget_ms`, and the number of failed requests."""
    timed = [row for row in rows if row["method"] != "NOTE"]
    slow = [row["name"] for row in timed if (row["p99"] or 0) > budget_ms]
    return slow, sum(row["failures"] for row in timed)


def exit_code(summary: dict[str, Any], smoke: bool) -> int:
    """1 when the budget is missed: any error, or (except in a smoke run) any p99 over budget."""
    if summary["errors"] > 0:
        return 1
    return 1 if summary["over_budget"] and not smoke else 0


def markdown(summary: dict[str, Any]) -> str:
    """The summary as a Markdown table."""
    lines = [
        "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary["endpoints"]:
        if row["method"] == "NOTE":
            lines.append(f"| {row['name']} | {row['requests']} | — | | | | | |")
            continue
        mark = " ✗" if row["name"] in summary["over_budget"] else ""
        lines.append(
            f"| {row['method']} {row['name']} | {row['requests']} | {row['failures']} | "
            f"{row['rps']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f}{mark} | "
            f"{row['max']} |"
        )
    t = summary["total"]
    lines.append(
        f"| **all** | {t['requests']} | {t['failures']} | {t['rps']} | {t['p50']:.0f} | "
        f"{t['p95']:.0f} | {t['p99']:.0f} | |"
    )
    return "\n".join(lines) + "\n"
