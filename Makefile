# Hemline — `make run` sets everything up and serves on 127.0.0.1:5000; `make test` checks it all.
# The distribution's interpreter when there is one: Debian builds python3.11 with profile-guided
# optimisation and LTO, a from-source build (pyenv's default) without; the same code served the load
# test's mix with 13 % less CPU per request on Debian's (README, "Tenth pass").
PYTHON ?= $(or $(wildcard /usr/bin/python3.11),python3.11)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed-stamp
# UI translations: sources in app/translations/<locale>/LC_MESSAGES/messages.po (committed);
# the compiled .mo files next to them are build output, made by `make install` (git-ignored).
TRANSLATIONS := app/translations
BABEL_CFG := $(TRANSLATIONS)/babel.cfg
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

.PHONY: run install db demo test test-clock lint format pytest bench eval race clean load load-capacity \
	translations-extract translations-update translations-merge translations-compile translations-init

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "需要 $(PYTHON)（Python 3.11）"; exit 1; }
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "需要 $(PYTHON) 的 venv 模块（Debian：apt-get install python3.11-venv）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) $(MO_FILES)

# --- translations (Flask-Babel) ------------------------------------------------------------
# After changing UI strings: `make translations-update`, translate the new msgstr entries
# (untranslated ones fall back to the Chinese source), then `make translations-compile`.
# English written in fragments (app/translations/<locale>/pending/*.po, one per change) fills the
# catalog's empty msgstr after extraction; merged fragments are deleted (app/i18n_merge.py).
# A new language: `make translations-init LOCALE=ja`, then add it to LANGUAGES in app/i18n.py.

translations-extract: install
	$(BIN)/pybabel extract -F $(BABEL_CFG) -k _l -k N_ -c TRANSLATORS: --sort-by-file \
		--project=Hemline --copyright-holder=Hemline -o $(TRANSLATIONS)/messages.pot .

translations-update: translations-extract
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching
	$(BIN)/python -m app.i18n_merge

translations-merge: install
	$(BIN)/python -m app.i18n_merge

translations-init: translations-extract
	@test -n "$(LOCALE)" || { echo "usage: make translations-init LOCALE=ja"; exit 1; }
	$(BIN)/pybabel init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $(LOCALE)

translations-compile: $(MO_FILES)

%.mo: %.po | $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

# The app's SECRET_KEY when the environment sets none: random, made once, readable only by you.
# There is no default key; the app refuses to start without a strong one (see SECURITY.md).
instance/secret_key: | $(STAMP)
	mkdir -p instance
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@.tmp
	mv $@.tmp $@

db: install instance/secret_key
	mkdir -p instance
	$(FLASK) db upgrade

demo: db
	$(FLASK) wordlists import --if-empty --reason "载入默认词库" wordlists/*.csv
	$(FLASK) demo --if-empty

run: demo
	@echo "Hemline 正在 http://127.0.0.1:5000 启动（Ctrl+C 停止 web 和发布 worker）"
	$(BIN)/honcho start -f Procfile

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

pytest: install
	$(BIN)/pytest

test: lint pytest

# No test may depend on today's date: the non-browser suite again with the machine clock a year
# ahead and a month back (Debian's faketime, LD_PRELOAD; child processes inherit the shift).
test-clock: install
	@command -v faketime >/dev/null || { echo "需要 faketime（apt-get install faketime）"; exit 1; }
	faketime -f +400d $(BIN)/pytest -q -m "not browser" -p no:cacheprovider
	faketime -f -30d $(BIN)/pytest -q -m "not browser" -p no:cacheprovider

# Compliance engine speed against the slow reference checker, then word-list management with the
# 64k dictionary (import, impact preview, entry list); figures and PASS/MISS, both always run.
# Then /dashboard on PostgreSQL (BENCH_DASHBOARD_URL) with the scale data, without and with
# 1,000,000 metric rows (bench/dashboard_bench.py; SKIPPED when PostgreSQL is not reachable).
# Last, CPU ms per request of the load test's mix (bench/mix_bench.py, ~10 s; figures only).
bench: install
	$(BIN)/python -m bench.compliance_bench; engine=$$?; \
	$(BIN)/python -m bench.lexicon_bench; lexicon=$$?; \
	$(BIN)/python -m bench.dashboard_bench; dashboard=$$?; \
	$(BIN)/python -m bench.pages_bench; pages=$$?; \
	$(BIN)/python -m bench.mix_bench; \
	exit $$(( engine || lexicon || dashboard || pages ))

# Exactly-once race: 4 worker processes publish 1,000 due pieces (then again with kill -9 of one);
# SQLite by default, RACE_DATABASE_URL=postgresql+psycopg://… for a PostgreSQL database of its own.
race: install
	$(BIN)/python -m tests.publishing.race

# Load test (issue 16; load/README.md): starts PostgreSQL's hemline_load database, Redis, gunicorn
# with gunicorn.conf.py and the worker, runs Locust headless (1,000 users) and stops them again;
# exit 1 when p99 > 500 ms on any endpoint or any error. LOAD_SMOKE=1: 50 users for 30 s, only
# errors fail. SCALE_OUT=1: two gunicorn instances behind a local nginx. LOAD_DATA=scale.
load: install
	$(BIN)/python -m load.run

# Closed-loop capacity: wrk -c 1000 on log-in, home, queue and calendar beside the before figures.
load-capacity: install
	$(BIN)/python -m load.capacity

# Precision and recall of the shipped word lists on the labelled evaluation sets.
eval: install
	$(BIN)/python -m tests.compliance.evaluate --quiet
	$(BIN)/python -m tests.compliance.evaluate --quiet --set tests/compliance/heldout_set.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(MO_FILES)
