# One command to set up and run the demo, one to set up and run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# apt-get as root, through sudo otherwise
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench clean chromium

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/releasewatch demo

# The HTML digest is checked in headless Chromium (tests/test_digest_layout.py): Debian's package,
# installed only when no chromium is on PATH, without questions, so CI runs that test too.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the HTML digest test"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

test: $(BIN)/.installed chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Benchmarks that need data from outside the repository (TempEval-3) say so and are skipped.
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/tempeval3.py
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/report_speed.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
