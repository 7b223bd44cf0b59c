# make              this list
# make lab          set up .venv (once) and open JupyterLab on the notebooks
# make test         set up (once), then the unit tests and nbval on every notebook of the series
# make test-lowest  the same tests in .venv-lowest: every dependency at its lowest declared version
# make record       re-execute notebooks in place in a fresh kernel (NB=03_forward_pass for one)
# make bench        speed measurements, not tests (installs scikit-learn, the peer, into .venv)
# make test-browser JupyterLab in headless Chromium, every notebook and the playground's sliders
# make handout DIR=path   the learners' copy in path: the series without solutions/ (see README.md)
# make test-nbgrader nbgrader's generate_assignment blanks what make handout blanks (nbgrader in .venv-nbgrader)
# make clean        remove every generated folder: the environments, site/, build/, the caches
# make ... PYTHON=python3.12   the Python that creates the environments (default: python3, 3.10+)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOWEST := .venv-lowest
NB     ?= notebooks/*.ipynb
# NB names notebooks by path (a pattern too) or by name: NB=03_forward_pass, NB="03* 04*"
NB_FILES = $(foreach n,$(NB),$(or $(wildcard $(n)),$(wildcard notebooks/$(n)),$(wildcard notebooks/$(n).ipynb),$(n)))
TESTS  := -m pytest --nbval --nbval-current-env tests notebooks

# Before creating an environment: PYTHON exists and is new enough.
CHECK_PYTHON = command -v $(PYTHON) >/dev/null 2>&1 \
		|| { echo "PYTHON=$(PYTHON) not found. Install Python 3.10 or newer, or name one: make $(or $(MAKECMDGOALS),setup) PYTHON=python3.12"; exit 1; }; \
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "Python >= 3.10 is needed; PYTHON=$(PYTHON) is $$($(PYTHON) --version 2>&1)"; exit 1; }

# An environment $(1) with a working pip, created (again) if it has none: a set-up interrupted
# while the environment was being made (Ctrl-C before pip is in it) leaves one without pip.
VENV_WITH_PIP = $(1)/bin/python -m pip --version >/dev/null 2>&1 || { \
	[ ! -e $(1) ] || echo "make: $(1) has no working pip (an interrupted set-up?): creating it again"; \
	$(PYTHON) -m venv --clear $(1); }

.DEFAULT_GOAL := help
.PHONY: help setup lab test test-lowest series record record-names bench test-browser handout test-nbgrader clean

help:
	@sed -n 's/^# \(make .*\)/  \1/p' $(firstword $(MAKEFILE_LIST))

setup: $(STAMP)

# The project (editable, so helpers reads this clone's data/ and its edits), from this folder,
# and the tools that run and check the notebooks (requirements.txt). The stamp comes last.
$(STAMP): requirements.txt pyproject.toml
	@$(CHECK_PYTHON)
	@$(call VENV_WITH_PIP,$(VENV))
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e . -r requirements.txt
	touch $(STAMP)

# --allow-root only where it is needed (JupyterLab refuses to run as root without it)
lab: setup
	$(PY) -m jupyter lab notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: series setup
	$(PY) $(TESTS)

# The lowest versions: a separate environment, every direct dependency pinned at its declared
# minimum (constraints-lowest.txt); the packages those need come at their newest allowed.
test-lowest: series $(LOWEST)/.installed
	$(LOWEST)/bin/python $(TESTS)

$(LOWEST)/.installed: requirements.txt pyproject.toml constraints-lowest.txt
	@$(CHECK_PYTHON)
	@$(call VENV_WITH_PIP,$(LOWEST))
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST)/bin/python -m pip install --quiet -c constraints-lowest.txt -e . -r requirements.txt
	touch $@

# pytest runs every notebook in notebooks/: name any that is not part of the series first
series:
	@sh scripts/check_series.sh

# after executing: the playground's recorded picture in place of its live widget, split prints
# joined (scripts/after_record.py), so re-recording an unchanged notebook changes nothing
record: record-names setup
	HELPERS_PROGRESS=off $(PY) -m jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.record_timing=False $(NB_FILES)
	$(PY) scripts/after_record.py $(NB_FILES)

LIST_NOTEBOOKS = echo "The notebooks (NB=name, or NB=\"name name\"; without NB, every one):"; \
	ls notebooks | sed -n 's/\.ipynb$$//p' | sed 's/^/  /'

record-names:
	@[ -n "$(strip $(NB_FILES))" ] || { echo "make record: NB is empty: name a notebook."; $(LIST_NOTEBOOKS); exit 1; }
	@for nb in $(NB_FILES); do [ -f "$$nb" ] || { \
		echo "make record: there is no notebook $$nb."; $(LIST_NOTEBOOKS); exit 1; }; done

bench: setup
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) benchmarks/run.py

test-browser: setup
	bash scripts/browser_setup.sh $(PY)
	$(PY) -m pytest -p no:cacheprovider browser_tests

# The learners' copy (scripts/handout.py): outside this clone is best, e.g. DIR=../handout
handout:
	@[ -n "$(strip $(DIR))" ] || { echo "make handout: name the folder to write: make handout DIR=../handout"; exit 1; }
	@$(CHECK_PYTHON)
	$(PYTHON) scripts/handout.py "$(DIR)"

# nbgrader (a teacher's tool, about 340 MB with its server and database) in an environment of
# its own, never in the learners' .venv; the test runs from .venv and calls it (tests/test_handout.py).
NBGRADER_VENV := .venv-nbgrader

$(NBGRADER_VENV)/.installed:
	@$(CHECK_PYTHON)
	@$(call VENV_WITH_PIP,$(NBGRADER_VENV))
	$(NBGRADER_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NBGRADER_VENV)/bin/python -m pip install --quiet "nbgrader==0.9.6"
	touch $@

test-nbgrader: setup $(NBGRADER_VENV)/.installed
	NBGRADER_PYTHON=$(NBGRADER_VENV)/bin/python $(PY) -m pytest -p no:cacheprovider \
		tests/test_handout.py::test_nbgrader_generate_assignment_blanks_the_same_lines

# Every generated folder (not a handout: it lives where DIR said). build/ also holds what
# `pip install .` leaves (a stale build/lib would put modules that no longer exist into the
# next wheel) and the browser tests' screenshots.
clean:
	rm -rf $(VENV) $(LOWEST) $(SITE_VENV) $(NBGRADER_VENV) site build *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# ---------------------------------------------------------------- the static site (issue 13)
# make site       site/: the series as static HTML, from the recorded notebooks (none is run)
# make test-site  every page of site/ in headless Chromium, offline; screenshots in build/site-screenshots/
# Their tools go into .venv-site (Python >= 3.11), never into the learners' .venv.
.PHONY: site test-site
SITE_VENV  := .venv-site
SITE_PY    := $(SITE_VENV)/bin/python
SITE_STAMP := $(SITE_VENV)/.installed

$(SITE_STAMP): site_src/requirements.txt
	@$(CHECK_PYTHON)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "The site's tools need Python >= 3.11; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	@$(call VENV_WITH_PIP,$(SITE_VENV))
	$(SITE_PY) -m pip install --quiet --upgrade pip
	$(SITE_PY) -m pip install --quiet -r site_src/requirements.txt
	touch $(SITE_STAMP)

site: $(SITE_STAMP)
	$(SITE_PY) site_src/build.py

test-site: $(SITE_STAMP)
	bash scripts/browser_setup.sh $(SITE_PY)
	$(SITE_PY) -m pytest -p no:cacheprovider site_tests
