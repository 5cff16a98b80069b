"""The web editor's configuration (contrib/decap.py): generated from the schema, written by the
build beside the committed admin page, kept out of the reader's site."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.contrib import decap
from dossiergen.model import kinds
from dossiergen.model import schema as s


def _pairs(fields: list[dict[str, Any]], struct: s.Struct) -> list[tuple[dict[str, Any], s.Spec]]:
    """Each form field with its spec, recursively (objects and lists of structures)."""
    out = []
    assert [f["name"] for f in fields] == list(struct.fields), "the form's fields are the spec's, in its order"
    for f, spec in zip(fields, struct.fields.values()):
        out.append((f, spec))
        ftype = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
        if "fields" in f:
            assert isinstance(ftype, s.Struct)
            out += _pairs(f["fields"], ftype)
    return out


def _all() -> list[tuple[dict[str, Any], s.Spec]]:
    return [pair for c in decap.config()["collections"] for pair in _pairs(c["fields"], s.KIND_SPECS[c["name"]])]


def test_one_folder_collection_per_kind_writing_yaml_files_named_by_id() -> None:
    collections = decap.config()["collections"]
    assert [c["name"] for c in collections] == list(kinds.KINDS)
    for c in collections:
        kind = kinds.kind(c["name"])
        assert (c["folder"], c["format"], c["extension"]) == (f"dossier/{kind.name}", "yaml", "yaml")
        assert c["identifier_field"] == kind.naming_field and c["label_singular"] == kind.label
        assert c["fields"][0]["comment"] == f"yaml-language-server: $schema=../../docs/schemas/{kind.singular}.json", "Decap writes the modeline fmt wants"
    events = next(c for c in collections if c["name"] == "events")
    assert events["slug"].startswith("{{fields.date}}-"), "events' ids start with their date (house style)"


def test_widgets_follow_the_field_types() -> None:
    names = set(kinds.KINDS)
    seen = set()
    for f, spec in _all():
        ftype = spec.type
        seen.add(f["widget"])
        assert f.get("required", True) is spec.required or f["name"].endswith("_basis"), f
        assert f["label"] and f["label"] != f["name"], f
        if isinstance(ftype, s.Enum):
            assert f["widget"] == "select" and [o["value"] for o in f["options"]] == list(ftype.values)
        elif isinstance(ftype, s.Ref):
            if len(ftype.kinds) == 1:
                assert f["widget"] == "relation" and f["collection"] == ftype.kinds[0] and f["value_field"] == "{{slug}}" and not f["multiple"]
            else:  # Decap reads one collection: the id is typed, with its pattern
                assert f["widget"] == "string" and f["pattern"][0] == decap.SLUG_PATTERN
        elif isinstance(ftype, s.Date):
            assert f["widget"] == "string"
            date = re.compile(f["pattern"][0])
            assert all(date.match(d) for d in ("2021", "2021-09", "2021-09-22"))
            assert not any(date.match(d) for d in ("22/09/2021", "2021-13", "2021-02-30", "2021-09-22T00:00:00Z"))
        elif isinstance(ftype, s.ListOf) and isinstance(ftype.item, (s.Ref, s.Struct)):
            item = ftype.item.fields[ftype.item.shorthand].type if isinstance(ftype.item, s.Struct) and ftype.item.shorthand else ftype.item
            if isinstance(item, s.Ref) and len(item.kinds) == 1:  # sources, participants, topics…
                assert f["widget"] == "relation" and f["multiple"] and f["collection"] in names
            else:
                assert f["widget"] == "list"
    assert {"select", "relation", "list", "object", "string", "text", "number"} <= seen


def test_a_required_date_asks_for_its_basis() -> None:
    events = next(c for c in decap.config()["collections"] if c["name"] == "events")
    by_name = {f["name"]: f for f in events["fields"]}
    assert "required" not in by_name["date_basis"] and by_name["end_date_basis"]["required"] is False


def test_the_country_fields_offer_only_countries() -> None:
    people = next(c for c in decap.config()["collections"] if c["name"] == "people")
    country = next(f for f in people["fields"] if f["name"] == "country")
    assert country["filters"] == [{"field": "kind", "values": ["country"]}]


@pytest.mark.parametrize(("url", "repo"), [
    ("https://github.com/owner/dossier", "owner/dossier"),
    ("https://github.com/owner/dossier.git/", "owner/dossier"),
    ("https://gitlab.com/owner/dossier", None),
    ("https://github.com/owner", None),
    (None, None),
])
def test_repo_name(url: str | None, repo: str | None) -> None:
    assert decap.repo_name(url) == repo


def test_backend_github_with_open_authoring_or_local_only() -> None:
    deployed = decap.config(repo_url="https://github.com/owner/dossier", auth_url="https://auth.example.org/")
    assert deployed["backend"]["name"] == "github" and deployed["backend"]["repo"] == "owner/dossier"
    assert deployed["backend"]["open_authoring"] is True and deployed["publish_mode"] == "editorial_workflow"
    assert deployed["backend"]["base_url"] == "https://auth.example.org" and deployed["local_backend"] is True
    local = decap.config()
    assert local["backend"]["name"] == "proxy" and local["backend"]["proxy_url"] == decap.LOCAL_BACKEND_URL
    assert decap.config(local_backend="http://127.0.0.1:9/api/v1")["local_backend"] == {"url": "http://127.0.0.1:9/api/v1"}


def test_the_build_writes_the_config_beside_the_admin_page(settings: Settings) -> None:
    pipeline.generate(settings)
    path = pipeline.editor_config_path(settings)
    assert not path.exists(), "no admin page in the docs folder: nothing written"
    path.parent.mkdir(parents=True)
    repo = Settings.from_root(settings.root, today=settings.today, repo_url="https://github.com/owner/dossier")
    pipeline.generate(repo)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Generated by `dossier build`") and yaml.safe_load(text) == decap.config(repo_url="https://github.com/owner/dossier", site_url=settings.site_url)
    assert not pipeline.write_editor_config(repo), "unchanged: not rewritten"


def test_the_admin_page_is_committed_vendored_and_ignored_by_search_and_robots() -> None:
    page = re.sub(r"<!--.*?-->", "", (ROOT / "docs" / "admin" / "index.html").read_text(encoding="utf-8"), flags=re.S)
    assert '<meta name="robots" content="noindex, nofollow">' in page and "data-pagefind" not in page
    assert re.findall(r'src="([^"]+)"', page) == ["vendor/decap-cms.js"] and "//" not in "".join(re.findall(r'(?:src|href)="([^"]+)"', page))
    vendor = ROOT / "docs" / "admin" / "vendor"
    assert (vendor / "LICENSE").read_text(encoding="utf-8").find("MIT License") >= 0
    version = re.search(r'"decap-cms": "([0-9.]+)"', (ROOT / "package.json").read_text(encoding="utf-8"))
    assert version and f"Decap CMS {version.group(1)} " in (vendor / "README.txt").read_text(encoding="utf-8")
    assert "/docs/admin/config.yml" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_the_built_site_has_the_editor_out_of_nav_sitemap_and_search(built_site: Path) -> None:
    assert (built_site / "admin" / "index.html").is_file() and (built_site / "admin" / "vendor" / "decap-cms.js").is_file()
    assert yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))["collections"]
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="admin/' not in (built_site / "index.html").read_text(encoding="utf-8")


def test_the_preview_writes_the_config_too(settings: Settings) -> None:
    """`make serve` (pipeline.Preview) shows the editor as the build does."""
    pipeline.editor_config_path(settings).parent.mkdir(parents=True)
    pipeline.Preview().generate(settings)
    assert yaml.safe_load(pipeline.editor_config_path(settings).read_text(encoding="utf-8")) == decap.config(site_url=settings.site_url)
