"""Events as rows of the GDELT 2.0 event table (61 tab-separated columns, no header).

Columns eventwire does not know (religion, ethnicity, tone, geography) stay empty;
counts are 1 per event row until events are fused across documents.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

ACTOR_FIELDS = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS]
    + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    + ["GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)


def gdelt_row(record: dict[str, Any], url: str | None = None) -> list[str]:
    """One event record (as exported) as the cells of a GDELT 2.0 event row."""
    day = _day(record.get("date"))
    cameo = record["cameo"]
    cells: dict[str, Any] = {
        "GLOBALEVENTID": _event_id(record),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        "IsRootEvent": 1,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": record.get("quad_class") or "",
        "GoldsteinScale": record.get("goldstein") if record.get("goldstein") is not None else "",
        "NumMentions": record.get("num_mentions", 1),
        "NumSources": record.get("num_sources", 1),
        "NumArticles": record.get("num_articles", 1),
        "SOURCEURL": url or record.get("url") or "",
    }
    cells.update(_actor_cells("Actor1", record.get("source")))
    cells.update(_actor_cells("Actor2", record.get("target")))
    return ["" if cells.get(c) is None else str(cells.get(c, "")) for c in COLUMNS]


def _actor_cells(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    """The code, name and country columns of one actor (CAMEO style: country + sector)."""
    if not actor:
        return {}
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return {
        f"{prefix}Code": f"{country}{sector}",
        f"{prefix}Name": (actor.get("name") or actor.get("text") or "").upper(),
        f"{prefix}CountryCode": country if sector != "IGO" else "",
        f"{prefix}KnownGroupCode": country if sector == "IGO" else "",
        f"{prefix}Type1Code": sector,
    }


def _day(value: str | None) -> dt.date | None:
    """The first day of an ISO date at any precision."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _event_id(record: dict[str, Any]) -> int:
    """A stable numeric id from the document id and the event's order in it."""
    key = f"{record['doc_id']}:{record.get('event', 0)}".encode()
    return zlib.crc32(key) * 1000 + int(record.get("event", 0)) % 1000
