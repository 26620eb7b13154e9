# All set-up lives here so that a fresh clone needs only `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/baocao-lint check samples/ --fail-on never

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check checker tests bench

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

# Coverage-guided fuzzing of ingest + grammar + rules (atheris); not part of `make test`.
FUZZ_SECONDS ?= 600
# atheris is a native build that may fail on some machines: then the hypothesis long run stands in.
fuzz: $(STAMP)
	-$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	@if $(BIN)/python -c 'import atheris' 2>/dev/null; then \
	  $(BIN)/python fuzz/fuzz_check.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=fuzz/regressions/; \
	else \
	  echo "atheris không cài được: chạy bản dự phòng bằng hypothesis (fuzz/fuzz_hypothesis.py)"; \
	  $(BIN)/python fuzz/fuzz_hypothesis.py --seconds $(FUZZ_SECONDS); \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info
