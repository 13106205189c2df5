"""Where the machine's CPU went during a load run, by process group (issue 16).

The budget is judged on the whole machine, load generator included, so the question after a
missed run is who used the two cores: the web workers, PostgreSQL, Locust, Redis, nginx, the
publish worker, or something else on the machine. `Sampler` reads every process's user+system
CPU from /proc every few seconds in a background thread; `usage` then gives each group's share
of a time window (the steady phase) as cores and as CPU milliseconds per request served.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")
REFERENCE_REPEATS = 5
GROUPS = ("web", "postgresql", "locust", "redis", "nginx", "worker", "other")


def group_of(comm: str, cmdline: str) -> str:
    """The group of a process from its name and command line."""
    if comm.startswith("postgres") or cmdline.startswith("postgres:"):
        return "postgresql"
    if comm.startswith("redis-server"):
        return "redis"
    if comm.startswith("nginx"):
        return "nginx"
    if "gunicorn" in cmdline or comm.startswith("gunicorn"):
        return "web"
    if "locust" in cmdline:
        return "locust"
    if " worker" in cmdline and "flask" in cmdline:
        return "worker"
    return "other"


def _read_processes() -> dict[int, tuple[str, float]]:
    """pid → (group, CPU seconds so far) for every process that can be read."""
    found: dict[int, tuple[str, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        found[int(entry.name)] = (
            group_of(comm, cmdline),
            (int(fields[11]) + int(fields[12])) / TICK,
        )
    return found


def _machine_seconds() -> tuple[float, float]:
    """All CPU time and idle time of the machine so far, in seconds (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values[:8]) / TICK, (values[3] + values[4]) / TICK


@dataclass
class Sample:
    at: float  # time.time()
    groups: dict[str, float]  # CPU seconds used by each group since the sampler started
    machine: float
    idle: float


@dataclass
class Sampler:
    """Cumulative CPU per group, sampled every `every` seconds while running."""

    every: float = 2.0
    samples: list[Sample] = field(default_factory=list)
    _last: dict[int, tuple[str, float]] = field(default_factory=dict)
    _totals: dict[str, float] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0.0))
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> None:
        now = _read_processes()
        for pid, (group, seconds) in now.items():
            before = self._last.get(pid)
            # A process seen for the first time counts from then on: its earlier CPU (a stack
            # that started before the sampler) is not part of the window.
            if before is not None and before[0] == group:
                self._totals[group] += max(0.0, seconds - before[1])
        self._last = now
        machine, idle = _machine_seconds()
        self.samples.append(Sample(time.time(), dict(self._totals), machine, idle))

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> Sampler:
        self.sample()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()


def usage(samples: list[Sample], since: float, requests: int) -> dict[str, Any] | None:
    """Each group's CPU from the first sample at or after `since` to the last sample: cores
    used on average, share of the machine, CPU ms per request (when `requests` were served)."""
    window = [s for s in samples if s.at >= since]
    if len(window) < 2:
        return None
    first, last = window[0], window[-1]
    seconds = last.at - first.at
    machine = last.machine - first.machine
    if seconds <= 0 or machine <= 0:
        return None
    rows = []
    for group in GROUPS:
        used = last.groups.get(group, 0.0) - first.groups.get(group, 0.0)
        rows.append(
            {
                "group": group,
                "cores": round(used / seconds, 2),
                "share": round(100 * used / machine, 1),
                "ms_per_request": round(1000 * used / requests, 2) if requests else None,
            }
        )
    idle = last.idle - first.idle
    return {
        "seconds": round(seconds, 1),
        "requests": requests,
        "groups": rows,
        "idle_share": round(100 * idle / machine, 1),
        "busy_ms_per_request": round(1000 * (machine - idle) / requests, 2) if requests else None,
    }


def reference_job() -> int:
    """A fixed pure-Python job (string formatting, dict updates, arithmetic: what a request's
    Python does); its result is a checksum so that nothing can skip the work."""
    total = 0
    counts: dict[str, int] = {}
    for number in range(200_000):
        key = f"w{number % 997}"
        counts[key] = counts.get(key, 0) + number
        total += len(key)
    return total + len(counts)


def reference_ms(repeats: int = REFERENCE_REPEATS) -> float:
    """The machine's speed: CPU ms of `reference_job`, best of `repeats`. Printed with every run,
    because the machines differ (session 12's needed 2.5× the CPU of session 10's for the same
    requests): a run's CPU per request is comparable with another machine's only in this unit."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        reference_job()
        best = min(best, time.process_time() - started)
    return round(best * 1000, 1)


def markdown(cpu: dict[str, Any]) -> str:
    """The CPU table of `usage` as Markdown."""
    lines = [
        f"CPU by process during the steady phase ({cpu['seconds']:.0f} s, {cpu['requests']} "
        f"requests; the machine {100 - cpu['idle_share']:.0f} % busy, "
        f"{cpu['busy_ms_per_request']} ms of CPU per request in all):",
        "",
        "| processes | cores | share of the machine | CPU ms per request |",
        "|---|---:|---:|---:|",
    ]
    for row in cpu["groups"]:
        lines.append(
            f"| {row['group']} | {row['cores']} | {row['share']} % | {row['ms_per_request']} |"
        )
    lines.append(f"| idle | | {cpu['idle_share']} % | |")
    if cpu.get("reference_ms") is not None:
        lines += [
            "",
            f"The machine's speed: a fixed pure-Python job (load/cpu.py reference_job) took "
            f"{cpu['reference_ms']} ms of CPU before the run (best of {REFERENCE_REPEATS}; lower "
            f"is faster). Compare CPU per request across machines in multiples of it.",
        ]
    return "\n".join(lines)
