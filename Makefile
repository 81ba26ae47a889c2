# seimg: `make start` serves the demo site, `make test` runs the whole suite.
# Both install what is missing first (system packages, the locked virtualenv).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-seimg

SEIMG_DATA ?= $(CURDIR)/var
export SEIMG_DATA
# The configuration console commands open: a cluster's first instance (its
# database is PostgreSQL, so they run while the instances serve), else the
# embedded instance's (FileStorage: Zope stopped, unless said otherwise).
ZOPE_CONF ?= $(firstword $(wildcard $(SEIMG_DATA)/instancias/1/instance/etc/zope.conf) $(SEIMG_DATA)/instance/etc/zope.conf)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(STAMP): setup.py constraints.txt
	scripts/venv.sh
	@touch $@

.PHONY: install
install: system-deps $(STAMP) ## Create .venv from constraints.txt (the lock)

.PHONY: system-deps
system-deps: ## Install the Debian packages needed to run seimg (LibreOffice…)
	scripts/system-deps.sh run

.PHONY: system-deps-test
system-deps-test: ## Install the Debian packages the tests need too (Chromium…)
	scripts/system-deps.sh test

.PHONY: start
start: system-deps $(STAMP) ## Set up and serve http://127.0.0.1:8080/seimg (Ctrl-C stops)
	scripts/start.sh

.PHONY: system-deps-cluster
system-deps-cluster: ## Install the Debian packages make cluster needs too (PostgreSQL 15, HAProxy)
	scripts/system-deps.sh cluster

.PHONY: cluster
cluster: system-deps-cluster $(STAMP) ## The site on PostgreSQL, SEIMG_INSTANCIAS (2) instances behind HAProxy on :8080 (Ctrl-C stops)
	scripts/cluster.sh

.PHONY: theme
theme: ## Build the front-end (npm ci + esbuild) into src/seimg/tema/static (committed)
	npm ci --no-audit --no-fund
	npm run build

# axe-core for the browser tests' accessibility checks; npm only when missing.
.PHONY: node-deps-test
node-deps-test:
	@test -e node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund

.PHONY: test
test: system-deps-test $(STAMP) node-deps-test ## Run the whole test suite (and, in CI, buildout-check)
	@if [ "$${CI:-}" = true ]; then scripts/buildout-check.sh; fi
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-unit
test-unit: $(STAMP) ## Only the pure unit tests (tests/**/test_*_unit.py): no Zope, no layer, seconds
	PYTHONPATH=$(CURDIR) $(BIN)/pytest --noconftest -p no:plone -p tests.unidade \
	  -o python_files='test_*_unit.py' tests $(PYTEST_ARGS)

.PHONY: lint
lint: $(STAMP) ## ruff, zpretty and import-linter (.importlinter), read-only
	$(BIN)/ruff check src tests bench scripts setup.py
	$(BIN)/ruff format --check src tests bench scripts setup.py
	find src -name '*.zcml' -o -name '*.xml' -not -path '*/locales/*' | \
	  xargs $(BIN)/zpretty --check
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: $(STAMP) ## Rewrite code with ruff and zpretty
	$(BIN)/ruff check --fix src tests bench scripts setup.py
	$(BIN)/ruff format src tests bench scripts setup.py
	find src -name '*.zcml' -o -name '*.xml' -not -path '*/locales/*' | \
	  xargs $(BIN)/zpretty -i

.PHONY: backup
backup: $(STAMP) ## Online backup into SEIMG_BACKUP (default ./backups): repozo, blobs, certificates [COMPLETO=1]
	scripts/backup.sh

.PHONY: restore
restore: $(STAMP) ## Restore a backup into an empty SEIMG_DATA and verify it: make restore DE=./backups [COPIA=…]
	scripts/restore.sh "$(DE)"

.PHONY: migrar-postgresql
migrar-postgresql: $(STAMP) ## Copy the embedded Data.fs into PostgreSQL (Zope stopped), count and compare [DSN=…] [SUBSTITUIR=1]
	$(if $(DSN),SEIMG_POSTGRESQL_DSN="$$DSN") $(BIN)/python -m seimg.deploy.migracao migrar $(if $(SUBSTITUIR),--substituir)

.PHONY: atualizar
atualizar: $(STAMP) ## Run the pending upgrade steps once (cluster: under a lock the instances wait for; embedded: Zope stopped)
	scripts/atualizar.sh

.PHONY: adesao
adesao: $(STAMP) ## Load an adesão file into the site (a cluster keeps serving): make adesao ARQUIVO=x.yaml [OPCOES=--simular]
	@test -n "$(ARQUIVO)" || { echo "Use: make adesao ARQUIVO=arquivo.yaml" >&2; exit 2; }
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/adesao.py "$(ARQUIVO)" $(OPCOES)

.PHONY: controle-reconstruir
controle-reconstruir: $(STAMP) ## Rebuild the Controle de Processos index from the routing state (Zope stopped) [OPCOES=--verificar]
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/controle.py $(OPCOES)

.PHONY: pesquisa-reconstruir
pesquisa-reconstruir: $(STAMP) ## Rebuild the search index in batches, resumable (Zope stopped) [OPCOES=--novo]
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/pesquisa.py $(OPCOES)

.PHONY: dados-abertos
dados-abertos: $(STAMP) ## Write today's open-data snapshots per órgão (cron; Zope may run: the database is read read-only) [OPCOES=--orgao X]
	$(BIN)/python -m seimg.transparencia.dados.cli conf-leitura $(ZOPE_CONF) > $(dir $(ZOPE_CONF))zope-leitura.conf
	$(BIN)/zconsole run $(dir $(ZOPE_CONF))zope-leitura.conf scripts/dados-abertos.py $(OPCOES)

.PHONY: i18n
i18n: $(STAMP) ## Rebuild locales/seimg.pot and sync the pt_BR catalog
	scripts/i18n.sh

.PHONY: templates
templates: ## Rebuild the .odt document templates from their .fodt sources
	scripts/build-templates.sh

.PHONY: lock
lock: ## Resolve setup.py's requirements afresh and rewrite constraints.txt
	scripts/lock.sh

.PHONY: buildout-check
buildout-check: $(STAMP) ## Build buildout.cfg in a clean folder, start it, request a page, stop
	scripts/buildout-check.sh

.PHONY: fuzz
fuzz: system-deps $(STAMP) ## Fuzz the REST API (schemathesis) against a throw-away instance
	scripts/fuzz.sh

.PHONY: bench
bench: $(STAMP) ## Run the benchmarks in bench/
	@for b in bench/bench_*.py; do [ -e "$$b" ] && $(BIN)/python "$$b"; done; true

.PHONY: clean
clean: ## Remove the virtualenv and build files (keeps the data in var/)
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
