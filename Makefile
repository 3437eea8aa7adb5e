# One command each (see README): `make demo` sets up and lints the example content repo;
# `make test` sets up and runs the whole test suite. Both create .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup demo test test-clock bench eval lint clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# Lints examples/ (a realistic content repo). It exits 1 on purpose: the examples contain problems.
# The clock is pinned so the demo prints the same lines (the README's) on any date.
DEMO_NOW := 2026-11-30T12:00+01:00
demo: setup
	-$(VENV)/bin/engagelint --now $(DEMO_NOW) examples/

# pytest exit code 5 means "no tests were collected": that is a failure here, not a pass.
test: setup
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# No result may depend on today's date: the modules that touch dates, schedules, freeze windows,
# cadence, the README and the examples run again with the process clock shifted by libfaketime
# (Debian package `faketime`) to each of these dates.
CLOCK_DATES := 2026-06-01 2027-12-31 2030-02-28
CLOCK_TESTS := tests/test_clock.py tests/test_automation.py tests/test_readme.py tests/test_examples_repo.py \
	tests/test_duplication.py tests/test_strategy.py tests/test_rule_examples.py tests/test_cache_jobs.py \
	tests/test_report_html.py tests/test_platform_counting.py tests/test_sources.py tests/test_cli.py \
	tests/test_baseline.py
test-clock: setup
	@command -v faketime >/dev/null || { echo "error: faketime is not installed (apt-get install faketime)" >&2; exit 1; }
	@for d in $(CLOCK_DATES); do \
	  echo "== tests with the clock shifted to $$d"; \
	  faketime "$$d 12:00:00" $(PY) -m pytest -q -p no:cacheprovider $(CLOCK_TESTS) || exit 1; \
	done

eval: setup
	$(PY) eval/run_all.py

# Writes bench/results.md, then copies its tables into the README's speed section.
bench: setup
	$(PY) bench/run.py
	$(PY) scripts/update_readme_speed.py

lint: setup
	$(VENV)/bin/ruff check src tests eval bench
	$(VENV)/bin/ruff format --check src tests eval bench

# Re-extract engagelint's own messages, merge them into the French catalog, compile the .mo files.
messages: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project engagelint -o src/engagelint/locale/engagelint.pot .
	$(VENV)/bin/pybabel update -D engagelint -i src/engagelint/locale/engagelint.pot -d src/engagelint/locale \
		--width 110 --ignore-obsolete
	$(VENV)/bin/pybabel compile -D engagelint -d src/engagelint/locale --statistics

clean:
	rm -rf $(VENV) .pytest_cache .engagelint build dist
