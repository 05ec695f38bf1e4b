# Two commands for a fresh machine: `make demo` (main job) and `make test` (the test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/claimledger demo --db claimledger-demo.db
	$(BIN)/claimledger serve --db claimledger-demo.db

test: install
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-apt.sh chromium chromium            # the browser tests
	bash scripts/ensure-apt.sh java openjdk-17-jre-headless  # Spark's JVM
	$(BIN)/ruff check claimledger tests bench scripts
	$(BIN)/mypy claimledger
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check claimledger tests bench scripts
	$(BIN)/mypy claimledger

bench: install
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) claimledger-demo.db*
