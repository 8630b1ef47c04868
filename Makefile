# Two commands do everything on a fresh clone (Python 3.11+ and make only):
#   make html   builds the site into _build/html
#   make test   runs the whole test suite
# Both create the local virtualenv .venv from the pinned requirements on first use.

PYTHON        ?= python3
VENV          ?= .venv
# Both cores: faster on the real site, page for page the same (figures: bench/README.md).
SPHINXOPTS    ?= -j auto
SPHINXBUILD   ?= $(VENV)/bin/sphinx-build
SOURCEDIR      = .
BUILDDIR       = _build
PYTEST_ARGS   ?=

SITE_STAMP = $(VENV)/.site-installed
DEV_STAMP  = $(VENV)/.dev-installed

.DEFAULT_GOAL := html

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

$(SITE_STAMP): requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(SITE_STAMP)

.PHONY: help venv lint test livehtml clean bench bench-scale post pillar check rtd lighthouse Makefile

help: $(SITE_STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

venv: $(DEV_STAMP)

# Lint and types first (pyproject.toml): a test run starts from code that passes both.
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# Preview while writing: drafts and future posts shown, rebuilt on save.
livehtml: $(DEV_STAMP)
	$(VENV)/bin/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/livehtml" $(SPHINXOPTS) $(O) \
		-D editorial_show_drafts=1 --ignore "$(BUILDDIR)/*" --ignore "$(VENV)/*" --ignore "tests/*" --ignore "bench/*" --watch _ext

# Start a draft for a pillar: make post SLUG=mon-article PILLAR=le-role-du-cto [SERIES=un-dossier]
post: $(SITE_STAMP)
	$(VENV)/bin/python tools/new_post.py --slug="$(SLUG)" --pillar="$(PILLAR)" --series="$(SERIES)"

# Open a pillar page: make pillar SLUG=mon-pilier TITLE="Mon pilier"
pillar: $(SITE_STAMP)
	$(VENV)/bin/python tools/new_pillar.py --slug="$(SLUG)" --title="$(TITLE)"

# Before publishing: the build Read the Docs runs (tools/rtd_build.py: its command, language, variables and
# Python when installed, plus -n), then every internal link.
check: $(SITE_STAMP)
	$(VENV)/bin/python tools/check.py --outdir "$(BUILDDIR)/check" --python auto

# Read the Docs' build, exactly (command, -D language=fr, READTHEDOCS_* variables, Python 3.13 when installed).
rtd: $(SITE_STAMP)
	$(VENV)/bin/python tools/rtd_build.py --output "$(BUILDDIR)/rtd"

# Lighthouse, mobile and desktop, on the site built and served (gzip) as Read the Docs does:
# one table of scores, non-zero under the targets (tools/lighthouse.py; needs node, npm and chromium).
lighthouse: $(SITE_STAMP)
	$(VENV)/bin/python tools/lighthouse.py $(LIGHTHOUSE_ARGS)

# Build speed at 1,000 posts, the extension against its two floors, 5 rounds (duration and figures: bench/README.md).
bench: $(DEV_STAMP)
	$(VENV)/bin/python bench/run.py --posts 1000 $(BENCH_ARGS)

# How build time and memory grow with the site: 250, 1,000 and 4,000 posts (duration and figures: bench/README.md).
bench-scale: $(DEV_STAMP)
	$(VENV)/bin/python bench/scale.py --sizes 250 1000 4000 $(BENCH_ARGS)

clean:
	rm -rf "$(BUILDDIR)"

# The requirement files are sources: the catch-all rule below must not try to
# make them (it would run "sphinx-build -M requirements.txt").
requirements.txt requirements-dev.txt: ;

# Any other target goes to sphinx-build's make mode: html, dirhtml, singlehtml,
# epub, latex, text, linkcheck...
%: $(SITE_STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
