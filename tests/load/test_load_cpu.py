"""The load run's CPU accounting (load/cpu.py): who used the machine during the steady phase."""

from __future__ import annotations

import subprocess
import sys

from load.cpu import Sample, Sampler, group_of, markdown, reference_job, reference_ms, usage

BURN = (
    "import time, sys\n"
    "while time.process_time() < 0.6: pass\n"
    "print('done', flush=True)\n"
    "time.sleep(30)\n"
)


def test_processes_are_grouped_by_what_they_are() -> None:
    assert (
        group_of("gunicorn", "/x/.venv/bin/python /x/.venv/bin/gunicorn -c gunicorn.conf.py")
        == "web"
    )
    assert group_of("python", "/x/.venv/bin/python /x/.venv/bin/gunicorn app.wsgi:app") == "web"
    assert group_of("postgres", "postgres: 15/main: hemline_ci hemline_load 127.0.0.1(5) idle") == (
        "postgresql"
    )
    assert group_of("locust", "/x/.venv/bin/python /x/.venv/bin/locust -f load/locustfile.py") == (
        "locust"
    )
    assert group_of("redis-server", "redis-server 127.0.0.1:7210") == "redis"
    assert group_of("nginx", "nginx: worker process") == "nginx"
    assert group_of("flask", "/x/.venv/bin/python /x/.venv/bin/flask --app app worker") == "worker"
    assert group_of("pytest", "/x/.venv/bin/python -m pytest tests") == "other"


def test_usage_is_the_window_from_the_steady_start_per_request() -> None:
    def at(t: float, web: float, pg: float, machine: float, idle: float) -> Sample:
        return Sample(t, {"web": web, "postgresql": pg}, machine, idle)

    samples = [
        at(100, 5, 1, 1000, 900),  # the ramp: not in the window
        at(110, 10, 2, 1020, 910),
        at(130, 40, 12, 1060, 915),
    ]
    cpu = usage(samples, since=105, requests=1000)
    assert cpu is not None
    rows = {row["group"]: row for row in cpu["groups"]}
    assert rows["web"]["cores"] == 1.5  # 30 s of CPU in 20 s
    assert rows["web"]["ms_per_request"] == 30.0
    assert rows["postgresql"]["share"] == 25.0  # 10 of the machine's 40 CPU seconds
    assert rows["locust"]["cores"] == 0.0
    assert cpu["idle_share"] == 12.5
    assert cpu["busy_ms_per_request"] == 35.0
    assert "| web | 1.5 | 75.0 % | 30.0 |" in markdown(cpu)
    assert usage(samples, since=120, requests=10) is None  # one sample: no window


def test_the_sampler_sees_a_process_burn_cpu() -> None:
    child = subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True)
    try:
        sampler = Sampler()
        sampler.sample()
        assert child.stdout is not None and child.stdout.readline().strip() == "done"
        sampler.sample()
        first, last = sampler.samples
        burnt = last.groups["other"] - first.groups["other"]
        assert burnt >= 0.4  # the child's 0.6 s (minus what it burnt before the first sample)
        assert last.machine > first.machine
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_the_machine_speed_is_printed_with_the_cpu_table() -> None:
    """Every run states its machine's speed, so that CPU per request from machines of different
    speed can be compared; the reference job really works (a checksum) and takes CPU time."""
    assert reference_job() == reference_job() > 200_000
    speed = reference_ms(repeats=2)
    assert speed > 0
    cpu = usage(
        [Sample(0, {"web": 0}, 0, 0), Sample(10, {"web": 5}, 20, 10)], since=0, requests=100
    )
    assert cpu is not None
    assert "machine's speed" not in markdown(cpu)
    cpu["reference_ms"] = speed
    assert f"took {speed} ms of CPU" in markdown(cpu)
