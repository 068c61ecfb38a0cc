# Hiwar — every command a developer or operator needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY312 ?= $(shell ls -d $(HOME)/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | tail -1 || true)
PY310 ?= $(shell ls -d $(HOME)/.pyenv/versions/3.10*/bin/python3.10 2>/dev/null | tail -1 || true)
MAIN_PY := .venv/bin/python
RASA_PY := .venv-rasa/bin/python
HIWAR := .venv/bin/hiwar
PYTEST_ARGS ?=

.PHONY: help run test lint format train index validate envs clean rasa-lock

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: envs ## create/update both environments, validate, index, train if needed, start everything
	$(HIWAR) run

test: envs lint ## the whole suite, including real Rasa + action server integration tests
	$(MAIN_PY) -m pytest $(PYTEST_ARGS)

lint: envs ## ruff (lint + format check) and mypy
	.venv/bin/ruff check bot actions tests
	.venv/bin/ruff format --check bot actions tests
	.venv/bin/mypy

format: envs ## apply ruff's formatting and safe fixes
	.venv/bin/ruff check --fix bot actions tests
	.venv/bin/ruff format bot actions tests

validate: envs ## check the knowledge files (hiwar kb validate)
	$(HIWAR) kb validate

train: envs ## train the Rasa model only if its inputs changed
	$(HIWAR) train

index: envs ## build the retrieval index only if the knowledge changed
	$(HIWAR) kb build

envs: .venv/.synced .venv-rasa/.synced ## create or update both environments

.venv/.synced: pyproject.toml uv.lock
	@test -n "$(PY312)" || { echo "Python 3.12 not found (pyenv install 3.12 or set PY312=)"; exit 1; }
	$(UV) sync --frozen --python $(PY312)
	@touch $@

.venv-rasa/.synced: requirements-rasa.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found (pyenv install 3.10 or set PY310=)"; exit 1; }
	test -x $(RASA_PY) || $(UV) venv --python $(PY310) .venv-rasa
	$(UV) pip sync --python $(RASA_PY) requirements-rasa.txt
	@touch $@

rasa-lock: ## re-resolve the Rasa environment's lock file
	echo "rasa==3.6.21" | $(UV) pip compile - --python-version 3.10 --no-header -o requirements-rasa.txt

clean: ## remove runtime state (var/) and caches, keep the environments
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
