# The commands the README gives. Each target installs what it needs into .venv first, so a fresh
# clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
# Material 9.8 prints a banner about MkDocs 2 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast check bench bench-guard clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

serve: $(RUNTIME)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Built beside site/ and swapped in only when the strict build passes, so a failed build leaves the
# last good site as it was (MkDocs empties its site_dir when a build starts).
build: $(RUNTIME)
	rm -rf .site.next
	$(BIN)/mkdocs build --strict -d .site.next || { rm -rf .site.next; exit 1; }
	rm -rf .site.previous
	if [ -d site ]; then mv site .site.previous; fi
	mv .site.next site
	rm -rf .site.previous

check: $(RUNTIME)
	$(BIN)/casebook check

test: $(DEV)
	$(BIN)/python -m pytest

# The edit loop: the unit layer only (tests/unit), in well under 30 s.
test-fast: $(DEV)
	$(BIN)/python -m pytest tests/unit -q

bench: $(DEV)
	$(BIN)/python -m bench

# The anonymisation and markup checks on 5 MB bodies (issue 12): each under 2 s of processor time.
bench-guard: $(RUNTIME)
	$(BIN)/python -m bench.guard

clean:
	rm -rf site .site.next .site.previous $(VENV)
