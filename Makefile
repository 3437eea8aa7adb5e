# One command each (see README): `make demo` sets up and lints the example content repo;
# `make test` sets up and runs the whole test suite. Both create .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: setup demo test bench eval lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# Lints examples/ (a realistic content repo). It exits 1 on purpose: the examples contain problems.
demo: setup
	-$(VENV)/bin/engagelint examples/

# pytest exit code 5 means "no tests were collected": that is a failure here, not a pass.
test: setup
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

eval: setup
	$(PY) eval/run_all.py

bench: setup
	$(PY) bench/run.py

lint: setup
	$(VENV)/bin/ruff check src tests eval bench
	$(VENV)/bin/ruff format --check src tests eval bench

clean:
	rm -rf $(VENV) .pytest_cache .engagelint build dist
