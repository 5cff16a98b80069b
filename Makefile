# Set-up is automatic: every target below bootstraps .venv from the pinned requirements.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints an end-of-life banner on every build; the project knows (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site check fmt schemas lint test export bench bench-hostile clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# --dirty: after an edit, MkDocs rebuilds only the pages whose Markdown changed (the hook
# rewrites only those); --no-strict: MkDocs warns about every dirty build. `make site` stays strict.
serve: $(STAMP)  ## live preview on http://127.0.0.1:8000, reloads when a record changes
	$(BIN)/mkdocs serve --dirty --no-strict

site: $(STAMP)  ## build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate every record; report all problems; write nothing
	$(BIN)/dossier check

fmt: $(STAMP)  ## put every record's fields in canonical order and quoting (comments kept)
	$(BIN)/dossier fmt

schemas: $(STAMP)  ## regenerate docs/schemas/*.json (editor support) from scripts/dossiergen/model/schema.py
	$(BIN)/dossier schemas

export: $(STAMP)  ## write site/data/dossier.json without building the site
	$(BIN)/dossier export

lint: $(STAMP)  ## ruff over the generator and the tests, then mypy over the generator (both configured in pyproject.toml)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

test: lint  ## every test: the linter and the type checker, units, golden pages, hostile input, strict build, browser
	$(BIN)/python -m pytest

bench: $(STAMP)  ## time the pipeline and the build on a synthetic dossier
	$(BIN)/python scripts/benchmarks/bench.py

bench-hostile: $(STAMP)  ## time check and build on adversarial pull requests (build/bench-hostile.json)
	$(BIN)/python scripts/benchmarks/hostile.py

clean:
	rm -rf site docs/dossier docs/data docs/flux docs/admin/config.yml .pytest_cache
