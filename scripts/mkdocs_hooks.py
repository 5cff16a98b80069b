"""MkDocs hook: a thin adapter over the dossier pipeline (see scripts/dossiergen).

Before each build it validates dossier/ and regenerates docs/dossier/ (only changed
files are rewritten); after the build it writes the JSON export; under `mkdocs serve`
it watches dossier/ and the templates so that editing a record reloads the page.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from dossiergen import pipeline  # noqa: E402
from dossiergen.config import Settings  # noqa: E402
from dossiergen.errors import DossierError, format_report  # noqa: E402
from dossiergen.export import to_json  # noqa: E402
from dossiergen.render import TEMPLATES  # noqa: E402
from dossiergen.write import WriteRefused, write_file  # noqa: E402

_generated: dict[str, pipeline.Generated] = {}


def _settings(config) -> Settings:
    return Settings.from_root(Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir))


def on_pre_build(config) -> None:
    try:
        _generated["last"] = pipeline.generate(_settings(config))
    except DossierError as exc:
        raise PluginError("the dossier has errors:\n" + format_report(exc.diagnostics)) from None
    except WriteRefused as exc:
        raise PluginError(str(exc)) from None


def on_post_build(config) -> None:
    settings = _settings(config)
    write_file(Path(config.site_dir) / settings.export_name, to_json(_generated["last"].dossier, settings.site_prefix))


def on_serve(server, config, builder):
    settings = _settings(config)
    server.watch(str(settings.data_dir))
    server.watch(str(TEMPLATES))
    return server
