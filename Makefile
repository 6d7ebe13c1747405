# graphkit: two commands from a fresh clone.
#   make demo   create .venv, install graphkit, build + validate the graph, print a summary
#   make test   create .venv with the test extras and run the whole suite
#   make wheel-smoke   build the wheel, install it in a fresh venv and use it outside the checkout
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GK     := $(BIN)/graphkit

PAGE   := out/graphkit.html

.PHONY: demo test security lint format install notebooks lab bench bench-viz bench-parallel clean

# Reinstall when pyproject.toml changes; the stamp names the extras installed.
$(VENV)/.installed-core: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-core

install: $(VENV)/.installed-core

demo: $(VENV)/.installed-core
	$(GK) build
	$(GK) validate
	$(GK) stats
	@echo; echo "Which TIP Report Heroes does the corpus name?"
	$(GK) query heroes
	@echo; echo "Which program editions brought them to the United States?"
	$(GK) query program-editions
	@echo; echo "How is a 2023 hero connected to an organization the 2021 heroes met?"
	$(GK) path "Zaheer Ahmed" "Freedom Network USA"
	$(GK) viz --output $(PAGE)
	@echo "open $(PAGE) in a browser (it works offline)"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# The wheel as a user gets it: built from the sdist, installed in a fresh venv in a temporary
# folder, and used from another one (.ci/wheel-smoke says what it checks).
.PHONY: wheel-smoke
wheel-smoke: $(VENV)/.installed-test
	$(BIN)/python .ci/wheel-smoke

# Just the hostile-input battery (tests/security); make test runs it too.
security: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m security tests/security

# Re-run the notebooks from their paired notebooks/*.py sources and save the outputs.
notebooks: $(VENV)/.installed-test
	cd notebooks && for nb in 0*.py; do ../$(BIN)/jupytext --quiet --to ipynb --update "$$nb" || exit 1; done
	cd notebooks && ../$(BIN)/jupyter-execute --inplace 0*.ipynb

lab: $(VENV)/.installed-test
	$(BIN)/jupyter lab notebooks/

# Benchmarks print tables; they are not part of the timed test suite.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scale.py

bench-viz: $(VENV)/.installed-test
	$(BIN)/python benchmarks/viz_threshold.py

# nx-parallel 0.3 (Python 3.11) needs networkx 3.4: it runs in a venv of its own.
PARALLEL := benchmarks/.venv-parallel
bench-parallel: $(VENV)/.installed-test
	test -x $(PARALLEL)/bin/python || $(PYTHON) -m venv $(PARALLEL)
	$(PARALLEL)/bin/python -m pip install --quiet 'networkx==3.4.2' 'nx-parallel==0.3'
	$(BIN)/python benchmarks/parallel_backend.py --export benchmarks/.cache/entities-100k.json
	$(PARALLEL)/bin/python benchmarks/parallel_backend.py --measure benchmarks/.cache/entities-100k.json

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
