# make lab     set up (once) and open JupyterLab on the notebooks
# make test    set up (once), then the unit tests and nbval on every notebook
# make record  re-execute notebooks in place in a fresh kernel (NB=notebooks/03_*.ipynb for some)
# make bench   speed measurements (not tests)
# make test-browser  JupyterLab in headless Chromium, every notebook and the playground's sliders

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NB     ?= notebooks/*.ipynb

.PHONY: setup lab test record bench test-browser clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "Python >= 3.10 is needed; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $(STAMP)

# --allow-root only where it is needed (JupyterLab refuses to run as root without it)
lab: setup
	$(PY) -m jupyter lab notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: setup
	$(PY) -m pytest --nbval --nbval-current-env tests notebooks

record: setup
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.record_timing=False $(NB)

bench: setup
	$(PY) benchmarks/run.py

test-browser: setup
	bash scripts/browser_setup.sh $(PY)
	$(PY) -m pytest -p no:cacheprovider browser_tests

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis

# ---------------------------------------------------------------- the static site (issue 13)
# make site       site/: the series as static HTML, from the recorded notebooks (none is run)
# make test-site  every page of site/ in headless Chromium, offline; screenshots in build/site-screenshots/
# Their tools go into .venv-site (Python >= 3.11), never into the learners' .venv.
.PHONY: site test-site
SITE_VENV  := .venv-site
SITE_PY    := $(SITE_VENV)/bin/python
SITE_STAMP := $(SITE_VENV)/.installed

$(SITE_STAMP): site_src/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "The site's tools need Python >= 3.11; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	test -x $(SITE_PY) || $(PYTHON) -m venv $(SITE_VENV)
	$(SITE_PY) -m pip install --quiet --upgrade pip
	$(SITE_PY) -m pip install --quiet -r site_src/requirements.txt
	touch $(SITE_STAMP)

site: $(SITE_STAMP)
	$(SITE_PY) site_src/build.py

test-site: $(SITE_STAMP)
	bash scripts/browser_setup.sh $(SITE_PY)
	$(SITE_PY) -m pytest -p no:cacheprovider site_tests
