"""The load test's pure parts, testable without Locust (which patches the process with gevent).

HTML form parsing for the simulated browsers, the per-endpoint figures of a set of statistics,
the budget verdict and the Markdown tables.

Two sets of statistics are kept (load/locustfile.py): the **whole run**, ramp included (every
log-in is there, with its scrypt), and the **steady phase**, the requests started once every
simulated person was in — the "1,000 concurrent users" of the budget. The p99 budget is judged on
the steady phase; errors fail the run wherever they happen; a run that never had all its people
in fails as well (there was no steady phase to judge).
"""

from __future__ import annotations

import re
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


FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)


def form_fields(html: str, match: str) -> dict[str, str] | None:
    """The matching form's fields (None: no such form). Only the form itself is parsed — the
    start tags of the page's forms are found first — since the simulated browsers run in the
    load generator, whose CPU counts against the machine (a review page parsed whole: ~3 ms)."""
    for tag in FORM_TAG.finditer(html):
        probe = Form(match)
        probe.feed(tag.group(0))
        if probe.found:
            end = html.find("</form>", tag.end())
            parser = Form(match)
            parser.feed(html[tag.start() : len(html) if end < 0 else end + len("</form>")])
            parser.close()
            return parser.fields
    return None


def raced_answer(status: int, text: str) -> bool:
    """Whether a refused claim or decision is what people see when another reviewer was faster:
    409 (claimed or decided meanwhile), 400 "该稿件不在审核中" (it left review between opening the
    page and clicking), or 403 "需要法务会签" (another reviewer approved it and it now waits for
    legal, whose step a reviewer cannot take). Any other refusal is an error of the run."""
    return (
        status == 409
        or (status == 400 and "不在审核中" in text)
        or (status == 403 and "需要法务会签" in text)
    )


def rows_of(stats: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Per endpoint (and in total): requests, failures, req/s, p50/p95/p99 and max in ms, from a
    Locust ``RequestStats``; NOTE entries (answers that are not errors) only count requests."""
    rows: list[dict[str, Any]] = []
    for (name, method), entry in sorted(stats.entries.items()):
        if method == "NOTE":
            rows.append({"name": name, "method": method, "requests": entry.num_requests})
            continue
        rows.append({"name": name, "method": method, **_figures(entry)})
        rows[-1]["max"] = round(entry.max_response_time or 0)
    total = _figures(stats.total)
    return rows, total


def _figures(entry: Any) -> dict[str, Any]:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": round(entry.total_rps, 2),
        "p50": entry.get_response_time_percentile(0.50) if entry.num_requests else 0,
        "p95": entry.get_response_time_percentile(0.95) if entry.num_requests else 0,
        "p99": entry.get_response_time_percentile(0.99) if entry.num_requests else 0,
    }


def judge(rows: list[dict[str, Any]], budget_ms: float) -> tuple[list[str], int]:
    """Endpoints whose p99 is over `budget_ms`, and the number of failed requests."""
    timed = [row for row in rows if row["method"] != "NOTE"]
    slow = [row["name"] for row in timed if (row["p99"] or 0) > budget_ms]
    return slow, sum(row["failures"] for row in timed)


def exit_code(summary: dict[str, Any], smoke: bool) -> int:
    """1 when the budget is missed: any error, a run whose people were never all in, or (except
    in a smoke run) any p99 over budget in the steady phase."""
    if summary["errors"] > 0 or not summary.get("steady_reached", True):
        return 1
    return 1 if summary["over_budget"] and not smoke else 0


def markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown: the steady phase's table (the verdict, ✗ over budget), then the
    whole run's (ramp and log-ins included) when the summary has one."""
    text = _table(summary["endpoints"], summary["total"], summary["over_budget"])
    whole = summary.get("whole")
    if whole is None:
        return text
    users, since = summary.get("users"), summary.get("steady_since_s")
    if summary.get("steady_reached", True):
        head = f"At {users} concurrent users (requests started {since:.0f} s in, once all were in):"
    else:
        head = f"The run ended before all {users} people were in: no steady phase to judge."
    return (
        f"{head}\n\n{text}\nThe whole run, ramp and log-ins included (for comparison, not judged"
        f" on p99):\n\n{_table(whole['endpoints'], whole['total'], [])}"
    )


def _table(rows: list[dict[str, Any]], total: dict[str, Any], over: list[str]) -> str:
    lines = [
        "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["method"] == "NOTE":
            lines.append(f"| {row['name']} | {row['requests']} | — | | | | | |")
            continue
        mark = " ✗" if row["name"] in over else ""
        lines.append(
            f"| {row['method']} {row['name']} | {row['requests']} | {row['failures']} | "
            f"{row['rps']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f}{mark} | "
            f"{row['max']} |"
        )
    t = total
    lines.append(
        f"| **all** | {t['requests']} | {t['failures']} | {t['rps']} | {t['p50']:.0f} | "
        f"{t['p95']:.0f} | {t['p99']:.0f} | |"
    )
    return "\n".join(lines) + "\n"
