# All set-up lives here so that a fresh clone needs only `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint fuzz clean system-deps bytecode

# Debian packages the readers and the browser test use: LibreOffice (.doc/.odt/.rtf/.xls), Tesseract with
# its Vietnamese model (scanned PDFs), poppler (PDF pages as images), Chromium (tests of the HTML page and the
# web desk). Installed with apt only when run as root on a machine that has apt and lacks one of them;
# elsewhere the tests that need one skip and say which package is missing.
SYSTEM_PACKAGES := libreoffice-writer libreoffice-calc tesseract-ocr tesseract-ocr-vie poppler-utils chromium fonts-dejavu-core
SYSTEM_STAMP := $(VENV)/.system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)

# The editable install puts the repository on sys.path with a .pth file (setuptools' compat mode): its
# default mode adds an import hook that every start of the venv's Python runs, ~12 ms (as long as a bare
# `python -c pass` without it), and `make bench` times starts. If a setuptools drops the mode, the default.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat \
	  || $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(SYSTEM_STAMP): | $(BIN)/python
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  if command -v soffice >/dev/null && command -v tesseract >/dev/null && [ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] \
	     && command -v pdftoppm >/dev/null && command -v chromium >/dev/null; then \
	    echo "Gói hệ thống đã có: $(SYSTEM_PACKAGES)"; \
	  else \
	    echo "Cài gói hệ thống bằng apt (chạy với quyền root): $(SYSTEM_PACKAGES)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null || \
	    echo "apt không cài được gói hệ thống: các phép thử cần chúng sẽ bỏ qua và nói lý do"; \
	  fi; \
	else \
	  echo "Không chạy với quyền root (hoặc không có apt): không cài $(SYSTEM_PACKAGES); phép thử cần chúng sẽ bỏ qua và nói lý do"; \
	fi
	touch $(SYSTEM_STAMP)

system-deps: $(SYSTEM_STAMP)

# The editable install writes no bytecode for the package, and where PYTHONDONTWRITEBYTECODE is set (as on
# shared build machines) no run ever writes it: each start would compile every module again (~30 ms of a
# one-page check). compileall writes only what is missing or stale.
bytecode: $(STAMP)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q checker

demo: $(STAMP) $(SYSTEM_STAMP) bytecode
	$(BIN)/baocao-lint check samples/ --fail-on never

test: $(STAMP) $(SYSTEM_STAMP) bytecode
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check checker tests bench

# proselint is the reference of one of the three ratios bench prints (bench/ratios.py), pinned so that
# the reference does not move with proselint's releases: 0.14.0 checks a bare path (0.16 wants `check`,
# which bench/ratios.py also runs) and is the faster of the two on the seeds here, the stricter reference.
bench: $(STAMP) bytecode
	-$(BIN)/python -m pip install --quiet 'proselint==0.14.0'
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
