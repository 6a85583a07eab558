# Qaqpa developer commands. `make run` and `make test` are all a newcomer needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash
UV = $(shell scripts/bootstrap.sh)
VENV_STAMP := .venv/.synced

.PHONY: help install run stop test check bench bench-quick openapi docs chaos soak fuzz

help:
	@echo "make run      start the local stack (PostgreSQL, Redis, gateway, worker); Ctrl-C stops it"
	@echo "make stop     stop a stack left running"
	@echo "make test     run the whole test suite (real PostgreSQL and Redis)"
	@echo "make check    ruff and mypy --strict"
	@echo "make bench    run the benchmarks"
	@echo "make bench-quick  the intake/status benchmark only, short (QAQPA_BENCH_PROFILE=DIR: py-spy)"
	@echo "make soak     mixed traffic, memory and connections watched (SOAK_SECONDS=1800)"
	@echo "make chaos    submissions while every process is killed once (CHAOS_N=5000)"
	@echo "make fuzz     schemathesis over every operation, each identity (FUZZ_CASES=2400)"
	@echo "make openapi  regenerate openapi/openapi.json"
	@echo "make docs     regenerate docs/SERVICES.md from the service catalogue"

$(VENV_STAMP): pyproject.toml uv.lock
	$(UV) sync --frozen
	@touch $@

install: $(VENV_STAMP)

run: install
	.venv/bin/python -m scripts.run start

stop: install
	.venv/bin/python -m scripts.run stop

test: install
	@scripts/bootstrap.sh >/dev/null
	.venv/bin/pytest $(PYTEST_ARGS)

check: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy .

bench: install
	@scripts/bootstrap.sh wrk >/dev/null
	.venv/bin/python -m bench

# The intake/status benchmark alone, one HTTP worker, 5 s a phase (while changing the hot path).
bench-quick: install
	@scripts/bootstrap.sh wrk >/dev/null
	QAQPA_BENCH_SECONDS=5 QAQPA_BENCH_WORKERS=1 QAQPA_BENCH_RESULTS=bench/results/quick.json \
	  QAQPA_BENCH_GROWTH_ROWS=$${QAQPA_BENCH_GROWTH_ROWS:-200000} .venv/bin/python -m bench intake

openapi: install
	.venv/bin/qaqpa openapi export

docs: install
	.venv/bin/python -m registry.services_doc

chaos: install
	.venv/bin/python -m scripts.chaos

soak: install
	.venv/bin/python -m scripts.soak

fuzz: install
	.venv/bin/python -m scripts.fuzz
