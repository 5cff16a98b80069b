"""What a record page tells machines: a description, an OpenGraph type, schema.org JSON-LD.

Pages carry it as YAML front matter (written with PyYAML's safe dumper, so any record
text round-trips); the theme override `overrides/main.html` prints it in the page head.
Record text is untrusted: the JSON escapes `<`, `>` and `&`, so it stays inert inside
`<script type="application/ld+json">`.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import PurePosixPath
from typing import Any, Callable, Optional

import yaml

from ..addresses import DOSSIER_TITLE, claim_anchor, record_url
from ..core.text import compact_html
from ..model import kinds
from ..model import provenance as pv
from ..model import records as r
from ..model.dossier import Dossier

UrlOf = Callable[[str, str], str]  # (kind, id) -> absolute URL of the record's page
CONTEXT = "https://schema.org"
_PLACE_TYPES = {"country": "Country", "city": "City", "airport": "Airport", "base": "Place", "body-of-water": "BodyOfWater"}


def description(text: str, limit: int = 240) -> str:
    """One line, cut at a word boundary, for `<meta name="description">` and og:description."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def page_title(text: str) -> str:
    """The page title as MkDocs templates print it: raw in the header, `striptags` in <title>.

    `striptags` unescapes after stripping, so an escaped `<` would come back as a live one:
    angle brackets become look-alike quotation marks first, then the rest is escaped.
    """
    return html.escape(" ".join(text.split()).replace("<", "‹").replace(">", "›"), quote=True)


# libyaml's emitter, where installed, is ~20x faster on the long JSON-LD strings.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, str]) -> str:
    """A YAML front-matter block; the safe dumper quotes whatever the text holds."""
    body = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=2**30, default_flow_style=False)
    return f"---\n{body}---\n\n"


def to_script_json(data: Any) -> str:
    """Compact JSON that cannot close a script element or open markup; ASCII (é as \\u00e9),
    so that MkDocs holds each page's metadata in one byte a character."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _name(dossier: Dossier, kind: str, rid: str) -> str:
    return r.name_of(dossier.get(kind, r.RecordId(rid)))


def _ref(dossier: Dossier, url_of: UrlOf, kind: str, rid: str, typ: str) -> dict[str, Any]:
    return {"@type": typ, "name": _name(dossier, kind, rid), "url": url_of(kind, rid)}


def _agent(dossier: Dossier, url_of: UrlOf, rid: str) -> dict[str, Any]:
    kind = dossier.kind_of(r.RecordId(rid), ("people", "organisations"))
    return _ref(dossier, url_of, kind, rid, "Person" if kind == "people" else "Organization")


def article_id(url_of: UrlOf, source_id: str) -> str:
    """The article's node id: a name for it on the dossier's page, not an address the outlet used."""
    return url_of("sources", source_id) + "#article"


def _article(dossier: Dossier, url_of: UrlOf, source: r.Source) -> dict[str, Any]:
    """A source as a schema.org NewsArticle: the article read, at its own address when known,
    with who published it. The dossier's page about it is a WebPage (see jsonld)."""
    data: dict[str, Any] = {"@id": article_id(url_of, source.id), "@type": "NewsArticle", "headline": source.title, "inLanguage": source.language}
    if source.url:
        data["url"] = source.url
        data["sameAs"] = source.url
    published = r.dating(source, "published")
    if published and published.attested:
        data["datePublished"] = published.value.iso()
    if source.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in source.authors]
    elif source.agency:
        data["author"] = _ref(dossier, url_of, "organisations", source.agency, "NewsMediaOrganization")
    publisher, _ = pv.publisher_label(dossier, source)
    if publisher:
        data["publisher"] = _ref(dossier, url_of, "organisations", publisher.id, "NewsMediaOrganization")
    return data


def _claim(dossier: Dossier, url_of: UrlOf, event: r.Event, claim: r.Claim) -> dict[str, Any]:
    """A claim as schema.org Claim: who made it, and the articles where it appears."""
    data: dict[str, Any] = {
        "@type": "Claim",
        "url": url_of("events", event.id) + "#" + claim_anchor(claim.id),
        "author": _agent(dossier, url_of, claim.by),
        "abstract": claim.text,
        "appearance": [_article(dossier, url_of, dossier.get("sources", ref.source)) for ref in claim.sources],  # type: ignore[arg-type]
    }
    if claim.quote:
        data["text"] = claim.quote
    when = r.dating(claim, "date")
    if when and when.attested:
        data["dateCreated"] = when.value.iso()
    _flag_state_only(dossier, data, claim.sources)
    return data


def _flag_state_only(dossier: Dossier, data: dict[str, Any], refs: tuple[r.SourceRef, ...]) -> None:
    """What rests on state media alone says so in its metadata too (schema.org's Thing has the words for a caveat)."""
    if pv.state_only(dossier, refs):
        data["disambiguatingDescription"] = pv.STATE_ONLY_TITLE


def jsonld(dossier: Dossier, record: r.Record, url_of: UrlOf, modified: Optional[dt.date] = None) -> dict[str, Any]:
    """The schema.org description of one record's page; `modified`: the record's last change."""
    if isinstance(record, r.Event):
        kind = "events"
        # schema.org has no word for how a date is known: only dates the articles support
        # (at their precision) are given; one from outside the corpus is left out.
        data: dict[str, Any] = {"@type": "Event", "name": record.title, "description": record.summary}
        if record.when.attested:
            data["startDate"] = record.date.iso()
        if record.until and record.until.attested:
            data["endDate"] = record.until.value.iso()
        # Only the places a source names: an inferred or outside place is not the articles' word.
        named = [p.place for p in record.places if p.basis == "named"]
        if named:
            data["location"] = [_place_ref(dossier, url_of, p) for p in named]
        _flag_state_only(dossier, data, record.sources)
        if record.participants:
            data["attendee"] = [_ref(dossier, url_of, "people", p.person, "Person") for p in record.participants]
        if record.topics:
            data["about"] = [_ref(dossier, url_of, "topics", t, "Thing") for t in record.topics]
        # The articles that report it, then the claims made about it (schema.org's Event has
        # no hasPart; a Claim is a CreativeWork, so subjectOf holds both).
        data["subjectOf"] = [_article(dossier, url_of, dossier.get("sources", ref.source)) for ref in record.sources]  # type: ignore[arg-type]
        data["subjectOf"] += [_claim(dossier, url_of, record, c) for c in record.claims]
    elif isinstance(record, r.Person):
        kind = "people"
        data = {"@type": "Person", "name": record.name}
        if record.aliases:
            data["alternateName"] = [a.name for a in record.aliases]
        if record.description:
            data["description"] = record.description
        if record.roles:
            data["jobTitle"] = list(dict.fromkeys(role.title for role in record.roles))
            orgs = list(dict.fromkeys(role.organisation for role in record.roles if role.organisation))
            if orgs:
                data["affiliation"] = [_ref(dossier, url_of, "organisations", o, "Organization") for o in orgs]
        if record.country:
            data["nationality"] = _ref(dossier, url_of, "places", record.country, "Country")
    elif isinstance(record, r.Organisation):
        kind = "organisations"
        data = {"@type": "NewsMediaOrganization" if pv.is_outlet(record) else "Organization", "name": record.name}
        if record.aliases:
            data["alternateName"] = list(record.aliases)
        if record.description:
            data["description"] = record.description
        if record.parent:
            data["parentOrganization"] = _ref(dossier, url_of, "organisations", record.parent, "Organization")
        if record.country:
            data["location"] = _ref(dossier, url_of, "places", record.country, "Country")
    elif isinstance(record, r.Place):
        kind = "places"
        data = _place(dossier, url_of, record)
    elif isinstance(record, r.Source):
        kind = "sources"
        # The dossier's page is a WebPage about the article: the article keeps its own address
        # (or none), never the page's, which the outlet did not publish.
        article = _article(dossier, url_of, record)
        article["abstract"] = record.summary
        data = {"@type": "WebPage", "name": record.title, "about": article, "description": record.summary}
    elif isinstance(record, r.Topic):
        kind = "topics"
        data = {"@type": "WebPage", "name": record.name, "description": record.description}
    else:
        assert isinstance(record, r.Contradiction)
        kind = "contradictions"
        claims = []
        for side in record.sides:
            for key in side.claims:
                event = dossier.get("events", key.event)
                assert isinstance(event, r.Event)
                claims.append(_claim(dossier, url_of, event, next(c for c in event.claims if c.id == key.claim)))
        data = {"@type": "WebPage", "name": record.title, "description": record.summary}
        if claims:
            data["about"] = claims
    data["url"] = url_of(kind, record.id)
    if data["@type"] in ("WebPage", "Event"):  # inLanguage belongs to creative works and events only
        data["inLanguage"] = "fr"
        if data["@type"] == "WebPage":
            data["isPartOf"] = {"@type": "WebSite", "name": DOSSIER_TITLE, "url": _site_url(url_of, kind, record.id)}
    if modified is not None and data["@type"] == "WebPage":
        data["dateModified"] = modified.isoformat()
    return {"@context": CONTEXT, **data}


def _site_url(url_of: UrlOf, kind: str, rid: str) -> str:
    """The site's address: a record's page URL without the record's path in the site."""
    url = url_of(kind, rid)
    tail = record_url(PurePosixPath("dossier"), kind, rid)
    return url[: -len(tail)] if url.endswith(tail) else url


def _place(dossier: Dossier, url_of: UrlOf, place: r.Place) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": _PLACE_TYPES.get(place.kind, "Place"), "name": place.name}
    if place.aliases:
        data["alternateName"] = list(place.aliases)
    if place.description:
        data["description"] = place.description
    if place.coordinates:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.coordinates.lat, "longitude": place.coordinates.lon}
    container: Optional[r.RecordId] = place.within or place.country
    if container:
        data["containedInPlace"] = _place_ref(dossier, url_of, container)
    return data


def _place_ref(dossier: Dossier, url_of: UrlOf, rid: str) -> dict[str, Any]:
    place = dossier.get("places", r.RecordId(rid))
    assert isinstance(place, r.Place)
    data: dict[str, Any] = {"@type": _PLACE_TYPES.get(place.kind, "Place"), "name": place.name, "url": url_of("places", rid)}
    if place.coordinates:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.coordinates.lat, "longitude": place.coordinates.lon}
    return data


def page_meta(dossier: Dossier, kind: str, record: r.Record, url_of: UrlOf) -> dict[str, str]:
    """The front matter of a record page."""
    text = getattr(record, "summary", None) or getattr(record, "description", None) or ""
    last = dossier.history.last(record.path)
    # Material prints `description` into an attribute without escaping it: escape it here.
    return {
        "title": page_title(_name(dossier, kind, record.id)),
        "description": compact_html(html.escape(description(text) if text else _name(dossier, kind, record.id), quote=True)),
        "og_type": kinds.kind(kind).og_type,
        "jsonld": to_script_json(jsonld(dossier, record, url_of, last.day if last else None)),
        "search": "record",
    }
