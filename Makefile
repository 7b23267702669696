# Everything runs inside .venv, created on first use from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT ?= demo-output

.PHONY: test lint typecheck pytest demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,docx,pdf,site]'
	touch $(STAMP)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache  # the layers and adapters of docs/architecture.md

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

# The example council's 2019/20 year: the schedule in every format, then the papers of the
# seed's meetings (minutes of 15 January 2019, their actions in a register, the agenda and
# action list for 5 March 2019), the registers of decisions, attendance and declarations from
# those minutes, the forward plan of the seed's decisions checked against the schedule, a
# report's front sheet, the agenda pack of 5 March 2019 bound from its papers, and the public
# meetings site of it all in site/. Fixed --stamp and --today keep the output the same each run.
EXAMPLE := examples/oadby-wigston
MEETING := $(EXAMPLE)/meetings
demo: $(STAMP)
	rm -rf $(DEMO_OUT)
	$(BIN)/meetings validate $(EXAMPLE)/council.toml > /dev/null
	$(BIN)/meetings schedule $(EXAMPLE)/council.toml --out $(DEMO_OUT) \
	  --format json,ics,html,md,csv,pdf --stamp 2019-03-01T09:00:00Z
	$(BIN)/meetings deadlines $(EXAMPLE)/council.toml > $(DEMO_OUT)/deadlines.md
	for f in html pdf docx; do \
	  $(BIN)/meetings agenda $(MEETING)/2019-03-05-change-management.toml \
	    -o $(DEMO_OUT)/agenda-2019-03-05.$$f || exit 1; \
	  $(BIN)/meetings minutes $(MEETING)/2019-01-15-change-management.toml \
	    -o $(DEMO_OUT)/minutes-2019-01-15.$$f || exit 1; \
	done
	$(BIN)/meetings actions import $(MEETING)/2019-01-15-change-management.toml \
	  --register $(DEMO_OUT)/actions.sqlite
	$(BIN)/meetings action-list $(MEETING)/2019-03-05-change-management.toml \
	  --register $(DEMO_OUT)/actions.sqlite --today 2019-02-25 -o $(DEMO_OUT)/action-list-2019-03-05.html
	$(BIN)/meetings import $(MEETING)/2019-01-15-change-management.toml \
	  --register $(DEMO_OUT)/actions.sqlite
	for f in html md csv json; do \
	  for r in decisions attendance declarations; do \
	    $(BIN)/meetings $$r --register $(DEMO_OUT)/actions.sqlite --council $(EXAMPLE)/council.toml \
	      -o $(DEMO_OUT)/$$r.$$f > /dev/null || exit 1; \
	  done; \
	  $(BIN)/meetings forward-plan $(EXAMPLE)/forward-plan.toml \
	    --schedule $(DEMO_OUT)/schedule.json -o $(DEMO_OUT)/forward-plan.$$f > /dev/null || exit 1; \
	done
	$(BIN)/meetings report $(EXAMPLE)/reports/2019-03-05-corporate-plan.md \
	  -o $(DEMO_OUT)/report-2019-03-05-corporate-plan.pdf
	$(BIN)/meetings pack $(MEETING)/2019-03-05-change-management.toml \
	  -o $(DEMO_OUT)/pack-2019-03-05.pdf
	$(BIN)/meetings site $(EXAMPLE)/council.toml --out $(DEMO_OUT)/site \
	  --url https://www.oadby-wigston.gov.uk/meetings/ --stamp 2019-03-01T09:00:00Z
	@echo "demo: everything is in $(DEMO_OUT)/ (open calendar.html, schedule.html, report.md and"
	@echo "      pack-2019-03-05.pdf; the public site: open $(DEMO_OUT)/site/index.html in a browser)"

bench: $(STAMP)
	$(BIN)/python -m pip install -q --group bench
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DEMO_OUT) .mypy_cache .ruff_cache .pytest_cache
