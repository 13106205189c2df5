"""How long compliance checks take, as a Prometheus histogram of this process (GET /metrics).

Per process: each web process and worker counts its own checks; Prometheus scraping one process
sees that process's share (the database-backed figures of /metrics are the same from any process).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

CHECK_SECONDS = Histogram(
    "hemline_check_seconds",
    "Time to check one text (title, summary, body) against the word lists, in this process.",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=REGISTRY,
)
