# Set-up is automatic: every target below bootstraps .venv from the pinned requirements.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints an end-of-life banner on every build; the project knows (see README).
export NO_MKDOCS_2_WARNING := 1

# The address `make serve` listens on: `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

.PHONY: help serve site article check fmt schemas lint test export bench bench-hostile rehearsal clean
.DEFAULT_GOAL := help

help:  ## cette liste des commandes
	@echo "Commandes (make <commande>) :"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 18
	@echo "La première commande installe l’environnement dans .venv (une à trois minutes, une seule fois)."

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@echo "Installation de l’environnement Python dans $(VENV) (première fois ou dépendances changées) : une à trois minutes…"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 ou plus récent est nécessaire (trouvé : " + sys.version.split()[0] + ")")'
	@$(PYTHON) -m venv $(VENV)
	@echo "  1/2 dépendances épinglées (requirements-dev.txt)…"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@echo "  2/2 le générateur du dossier (commande dossier)…"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@
	@echo "Environnement prêt."

# --dirty: after an edit, MkDocs rebuilds only the pages whose Markdown changed (the hook
# rewrites only those); --no-strict: MkDocs warns about every dirty build. `make site` stays strict.
serve: $(STAMP)  ## aperçu sur http://127.0.0.1:8000 (autre port : make serve PORT=8001), mis à jour à chaque fiche modifiée
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:$(PORT)

site: $(STAMP)  ## construit le site dans site/ (strict : le moindre avertissement échoue)
	$(BIN)/mkdocs build --strict

article: $(STAMP)  ## ajoute un article et son événement en répondant à des questions (sans écrire de YAML)
	@$(BIN)/dossier article || [ $$? -eq 3 ]  # 3: stopped with q, nothing written (no make « Error » line)

check: $(STAMP)  ## vérifie toutes les fiches et signale tous les problèmes, sans toucher aux fiches (il met à jour les schémas des éditeurs)
	$(BIN)/dossier check

fmt: $(STAMP)  ## remet les champs des fiches dans l’ordre et la mise en forme du projet (commentaires gardés)
	$(BIN)/dossier fmt

schemas: $(STAMP)  ## régénère docs/schemas/*.json (aide à la saisie des éditeurs, avec les identifiants des fiches)
	$(BIN)/dossier schemas

export: $(STAMP)  ## écrit site/data/dossier.json sans construire le site
	$(BIN)/dossier export

lint: $(STAMP)  ## ruff sur le générateur et les tests, puis mypy sur le générateur (réglés dans pyproject.toml)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

test: lint  ## tous les tests : lint, types, unitaires, pages de référence, entrées hostiles, construction stricte, navigateur
	$(BIN)/python -m pytest

bench: $(STAMP)  ## mesure la chaîne et la construction sur un dossier synthétique (build/bench.json)
	$(BIN)/python scripts/benchmarks/bench.py

bench-hostile: $(STAMP)  ## mesure check et build sur des contributions hostiles (build/bench-hostile.json)
	$(BIN)/python scripts/benchmarks/hostile.py

rehearsal: $(STAMP)  ## répète le chemin d’une dépêche à la pull request avec make article, et le temps qu’il demande (build/rehearsal.json)
	$(BIN)/python scripts/benchmarks/rehearsal.py

clean:  ## efface les pages, le site et les téléchargements produits (les fiches restent)
	rm -rf site docs/dossier docs/data docs/flux docs/admin/config.yml .pytest_cache
