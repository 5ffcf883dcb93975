# CST Notes — the two commands that matter:
#   make run    set everything up on a fresh Debian/Ubuntu machine and open the app
#   make test   set everything up and run lint, layer contracts, types and the whole test suite headless
#   make dist   the standalone bundle and its tarball in dist/ (make dist-test also tests it)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test system-deps test-system-deps venv test-venv lint contracts types pytest bench schema schema-snapshot old-databases catalogues screenshot constraints clean \
	dist dist-test dist-system-deps dist-venv

# Without a display the app says how to run it offscreen, and that is not a failure of make.
run: system-deps venv
	@$(BIN)/cst-notes $(ARGS) || { status=$$?; [ $$status -eq 3 ] || exit $$status; }

test: test-system-deps test-venv lint contracts types pytest

# --- set-up -----------------------------------------------------------------------------------
# The Debian/Ubuntu packages Qt (and the tests' PDF tools) need, found by the files they provide:
# installed when run as root, else the apt-get line to run as root.
system-deps:
	@$(PYTHON) -m cst_notes.system_deps

test-system-deps:
	@$(PYTHON) -m cst_notes.system_deps --test

$(BIN)/python:
	@$(PYTHON) -c "import sys; assert sys.version_info >= (3, 11), 'CST Notes needs Python 3.11 or newer'"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# constraints.txt pins the versions CI tested, so a fresh install gets those.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[test]"
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-dist: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dist,encryption]"
	@touch $@ $(VENV)/.installed

venv: $(VENV)/.installed

test-venv: $(VENV)/.installed-test

dist-venv: $(VENV)/.installed-dist

# --- checks -----------------------------------------------------------------------------------
lint: test-venv
	$(BIN)/ruff check cst_notes tests main.py bundle
	$(BIN)/ruff format --check cst_notes tests main.py bundle

contracts: test-venv
	$(BIN)/lint-imports --no-cache

types: test-venv
	$(BIN)/mypy

# Line and branch coverage with a floor (pyproject.toml); COVERAGE= turns it off for a partial run.
COVERAGE ?= --cov --cov-report=term
pytest: test-venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(COVERAGE) $(PYTEST_ARGS)

# The benchmark: a 5,000 x 40 clinic, each measure beside its baseline; writes bench.json.
bench: test-system-deps test-venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench $(BENCH_ARGS)

# Rewrite the export format's JSON Schema from the domain classes (a test checks it is current).
schema: venv
	$(BIN)/python -c "import json; from cst_notes.domain.record_format import json_schema; \
	open('resources/cst-notes-export.schema.json', 'w', encoding='utf-8').write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + '\n')"

# Rewrite the committed snapshot of a new database's schema (tests/storage/schema/snapshot.sql), on
# purpose: after adding a migration. Read the diff before committing it.
schema-snapshot: venv
	$(BIN)/python -m tests.storage.schema_snapshot

# Write the databases of each released schema version the upgrade tests open (once per release:
# a file already committed is never rewritten).
old-databases: test-venv
	$(BIN)/python -m tests.storage.old_databases

# Bring the patient documents' message catalogues (resources/locale/*/LC_MESSAGES/cst_notes.po) up
# to date with the code (pybabel extract with babel.cfg, and the vocabulary texts they print); then
# translate the new, empty entries (tests/reports/test_languages.py names them).
catalogues: test-venv
	$(BIN)/python -m tests.reports.catalogues

# The main window with a small demo clinic, as a PNG (for looking at it).
screenshot: venv
	rm -f out/demo.sqlite*; mkdir -p out
	$(BIN)/cst-notes demo --db out/demo.sqlite --patients 40 --sessions 12
	QT_QPA_PLATFORM=offscreen $(BIN)/cst-notes --db out/demo.sqlite --screenshot out/main-window.png

# Rewrite constraints.txt from the test environment (after a change to the dependencies).
constraints: test-venv
	{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^cst-notes'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# --- the standalone bundle ----------------------------------------------------------------------
# One folder with its own Python, Qt, fonts and resources (bundle/cst-notes.spec), with the .desktop
# file, the icons and the AppStream metadata under share/, and the tarball a Linux user downloads.
APP_ID  := org.cstnotes.CSTNotes
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' cst_notes/__init__.py)
BUNDLE  := dist/cst-notes
TARBALL := dist/cst-notes-$(VERSION)-linux-$(shell uname -m).tar.gz

dist-system-deps:
	@$(PYTHON) -m cst_notes.system_deps --dist

dist: dist-system-deps dist-venv
	rm -rf $(BUNDLE) $(TARBALL) build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller bundle/cst-notes.spec
	install -D -m 644 bundle/$(APP_ID).desktop $(BUNDLE)/share/applications/$(APP_ID).desktop
	install -D -m 644 bundle/$(APP_ID).metainfo.xml $(BUNDLE)/share/metainfo/$(APP_ID).metainfo.xml
	QT_QPA_PLATFORM=offscreen $(BIN)/python bundle/render_icons.py resources/icons/cst-notes.svg \
		$(BUNDLE)/share/icons/hicolor $(APP_ID)
	tar -C dist --owner=0 --group=0 -czf $(TARBALL) cst-notes
	@echo "$(BUNDLE): $$(du -s --apparent-size --block-size=1M $(BUNDLE) | cut -f1) MB unpacked;" \
		"$(TARBALL): $$(du -s --apparent-size --block-size=1M $(TARBALL) | cut -f1) MB"

# Build the bundle, then start it with no virtual environment and no Python on PATH (tests/test_bundle.py:
# it reads the PDFs back with pdftotext, and starts a PostgreSQL for `clinic init` over TLS).
dist-test: dist test-system-deps test-venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider -m bundle tests/test_bundle.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
