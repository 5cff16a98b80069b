"""Settings: every path and constant a run needs, built once by the CLI or the hook."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# The generated pages' folder in docs/, and so their URL prefix (the home page links through it).
PAGES_PREFIX = PurePosixPath("dossier")

# Where `make serve` shows the site; mkdocs.yml uses the same default.
LOCAL_URL = "http://127.0.0.1:8000/"
# "Modifier cette fiche" opens the record on this branch of the repository.
EDIT_BRANCH = "main"


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    data_dir: Path
    docs_dir: Path
    out_dir: Path  # generated Markdown; owned by the generator, never committed
    site_prefix: PurePosixPath  # out_dir relative to docs_dir: the URL prefix of generated pages
    today: dt.date
    export_name: PurePosixPath = PurePosixPath("data/dossier.json")
    # The published address (mkdocs.yml `site_url`): feeds, OpenGraph and citations need it whole.
    site_url: str = LOCAL_URL
    # The repository (mkdocs.yml extra.dossier_repo_url, from DOSSIER_REPO_URL): pages link to their YAML there.
    repo_url: str | None = None
    # The working copies of the articles (a source's `seed`): beside the checkout, read-only.
    seeds_dir: Path | None = None
    # The web editor's login service for GitHub (mkdocs.yml extra.dossier_editor_auth_url, from
    # DOSSIER_EDITOR_AUTH_URL): an OAuth proxy holding the app's secret (see CONTRIBUTING.md).
    editor_auth_url: str | None = None

    @property
    def pages_url(self) -> str:
        """The absolute URL of the generated pages' folder, ending with a slash."""
        return f"{self.site_url.rstrip('/')}/{self.site_prefix}/"

    @classmethod
    def from_root(
        cls, root: Path, today: dt.date | None = None, data_dir: Path | None = None, docs_dir: Path | None = None, site_url: str | None = None,
        repo_url: str | None = None, editor_auth_url: str | None = None,
    ) -> Settings:
        """Default layout: dossier/ for records, docs/dossier/ for generated pages."""
        # The project root is resolved once; folders inside it are not, so that a folder
        # replaced by a symbolic link is seen as one (and refused) instead of followed.
        root = root.resolve()
        docs = Path(os.path.abspath(docs_dir)) if docs_dir else root / "docs"
        return cls(
            root=root,
            data_dir=Path(os.path.abspath(data_dir)) if data_dir else root / "dossier",
            docs_dir=docs,
            out_dir=docs / "dossier",
            site_prefix=PAGES_PREFIX,
            today=today or dt.date.today(),
            site_url=site_url or LOCAL_URL,
            repo_url=repo_url.rstrip("/") if repo_url else None,
            seeds_dir=root.parent / "shared" / "seeds",
            editor_auth_url=editor_auth_url or None,
        )
