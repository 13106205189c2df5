"""Gunicorn settings for Hemline's web processes (`gunicorn -c gunicorn.conf.py app.wsgi:app`).

Chosen by measurement on the 2-core machine (issue 16; figures in load/README.md): threaded
workers (`gthread`) keep answering while a thread waits on PostgreSQL, and a connection that is
waiting in the queue no longer holds a whole process, which is what made the old `--workers 2`
sync setup collapse under 1,000 connections. One worker process per core and a few threads each;
every value can be set from the environment for another machine:

- ``HEMLINE_BIND`` (``127.0.0.1:5000``): address, or several separated by commas;
- ``HEMLINE_WEB_WORKERS`` (number of cores): worker processes;
- ``HEMLINE_WEB_THREADS`` (6): threads per worker — each may hold one database connection, so
  workers × threads stays well below PostgreSQL's ``max_connections`` (100 by default);
- ``HEMLINE_WORKER_CLASS`` (``gthread``); ``sync`` gives the old one-request-per-process model;
- ``HEMLINE_KEEPALIVE`` (75 s) and ``HEMLINE_MAX_REQUESTS`` (100,000): see below;
- ``HEMLINE_ACCESS_LOG`` (``-``: standard output; empty: no access log).
"""

import multiprocessing
import os

bind = [address.strip() for address in os.environ.get("HEMLINE_BIND", "127.0.0.1:5000").split(",")]
workers = int(os.environ.get("HEMLINE_WEB_WORKERS", str(multiprocessing.cpu_count())))
worker_class = os.environ.get("HEMLINE_WORKER_CLASS", "gthread")
threads = int(os.environ.get("HEMLINE_WEB_THREADS", "6"))
# Connections waiting for a thread: 1,000 users at once must queue, not be refused.
backlog = 2048
# Idle keep-alive connections are held by the gthread worker's poller, not by a thread. They are
# kept longer than a client or proxy keeps its side (nginx's upstream ``keepalive_timeout``, 60 s in
# deploy/nginx/hemline.conf; browsers and the load test's people, who think 3–10 s): when the server
# closes first, a request already on its way over the idle connection meets a reset, and a POST is
# not resent — the load test saw that as 1–3 % of its saves and checks failing with no answer
# (issue 16). ``HEMLINE_KEEPALIVE`` (75 s) sets it.
keepalive = int(os.environ.get("HEMLINE_KEEPALIVE", "75"))
worker_connections = 1000
timeout = 30
graceful_timeout = 20
# Recycle workers now and then (a slow leak never grows without bound); jitter staggers them.
# A recycled worker starts cold (word lists, jieba's dictionary, templates): at 5,000 requests
# the load test restarted each worker every two minutes, so a worker now lives for 100,000 (an
# hour or more at full load).
max_requests = int(os.environ.get("HEMLINE_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("HEMLINE_ACCESS_LOG", "-") or None
# Behind nginx (deploy/nginx/hemline.conf) the proxy is trusted through HEMLINE_TRUSTED_PROXIES
# in the app (werkzeug's ProxyFix), not through gunicorn's forwarded_allow_ips.


# A worker that dies of a signal (a segfault in a C extension: issue 16 saw one under
# LOAD_DATA=scale) leaves its Python stacks on standard error; gunicorn logs the signal
# ("Worker (pid:…) was sent SIGSEGV!").
def post_worker_init(worker):  # noqa: ANN001, ANN201  gunicorn's hook signature
    import faulthandler

    faulthandler.enable(all_threads=True)
