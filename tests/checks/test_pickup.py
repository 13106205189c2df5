"""A legal edit is used by every running app process within one second, without a restart."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask

from app.compliance import Entry
from config import Config

ROOT = Path(__file__).resolve().parents[2]
PICKUP_LIMIT_SECONDS = 1.0  # the promise of issue 5


def _start(database_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.checks.lexicon_probe", database_url, "30"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _read(process: subprocess.Popen[str]) -> str:
    line = process.stdout.readline()
    assert line, "the probe process ended early"
    return line.split()


@pytest.mark.real_db  # two probe processes read the committed versions
def test_two_processes_pick_up_a_new_version_within_a_second(app: Flask, load_lexicon) -> None:
    assert Config.LEXICON_REFRESH_SECONDS <= 0.25  # the default is 0.1 s
    load_lexicon(Entry("第一", "ad_absolute", "review"))
    probes = [_start(app.config["SQLALCHEMY_DATABASE_URI"]) for _ in range(2)]
    try:
        assert [_read(p) for p in probes] == [["ready", "1", "0"], ["ready", "1", "0"]]
        time.sleep(0.3)  # both are now past their first refresh
        load_lexicon(Entry("最好", "ad_absolute", "review"))
        saved_at = time.time()
        for probe in probes:
            seen_at, version, hits = _read(probe)
            assert (version, hits) == ("2", "1")  # the new entry already finds 最好
            assert float(seen_at) - saved_at <= PICKUP_LIMIT_SECONDS
    finally:
        for probe in probes:
            probe.kill()
            probe.wait()
            probe.stdout.close()
