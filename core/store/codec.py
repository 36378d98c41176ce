"""The saved form of the working set's settings: JSON, with tags for the dataclasses pages keep in
session state (frameworks, periods, draft options, pending merge choices)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from core.model import Competency, Framework
from core.store.merge import Conflict


def _json_default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot save {type(value).__name__}")


_ENCODER = json.JSONEncoder(default=_json_default, ensure_ascii=False, sort_keys=True)


def dumps(value) -> str:
    """json.dumps with these options builds a new encoder per call: one encoder, reused, saves a
    fifth of a 10,000-item save's encoding."""
    return _ENCODER.encode(value)


def framework_to_dict(framework: Framework) -> dict:
    return {
        "name": framework.name,
        "levels": list(framework.levels),
        "competencies": [
            {
                "name": c.name,
                "description": c.description,
                "keywords": list(c.keywords),
                "expectations": {level: list(texts) for level, texts in c.expectations.items()},
            }
            for c in framework.competencies
        ],
    }


def framework_from_dict(data: dict) -> Framework:
    return Framework(
        name=data["name"],
        levels=list(data.get("levels") or []),
        competencies=[
            Competency(
                name=c["name"],
                description=c.get("description", ""),
                keywords=tuple(c.get("keywords") or ()),
                expectations={k: list(v) for k, v in (c.get("expectations") or {}).items()},
            )
            for c in data.get("competencies") or []
        ],
    )


def period_to_dict(period) -> dict:
    """Every field of the Period dataclass, whatever the timeline work adds (kind, fiscal start...)."""
    out = {}
    for f in dataclasses.fields(period):
        value = getattr(period, f.name)
        if f.name == "quarters":
            value = [{"label": q.label, "start": q.start, "end": q.end} for q in value]
        out[f.name] = value
    return json.loads(dumps(out))


def period_from_dict(data: dict):
    """Rebuild a Period, keeping only fields the current Period class knows."""
    from core.analysis.period import Period, Quarter

    known = {f.name: f for f in dataclasses.fields(Period)}
    kwargs = {}
    for name, value in data.items():
        if name not in known:
            continue
        if name in ("start", "end") and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif name == "quarters":
            value = tuple(
                Quarter(q["label"], dt.date.fromisoformat(q["start"]), dt.date.fromisoformat(q["end"]))
                for q in value
            )
        elif isinstance(value, list):
            value = tuple(value)  # Period is frozen and hashed (cache keys): no lists inside
        kwargs[name] = value
    return Period(**kwargs)


def _encode(value):
    """JSON-ready value with tags for the dataclasses other pages keep in session state."""
    if isinstance(value, Framework):
        return {"__framework__": framework_to_dict(value)}
    if isinstance(value, Conflict):
        return {"__conflict__": value.as_dict()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name == "Period":
            return {"__period__": period_to_dict(value)}
        if name == "DraftOptions":
            return {"__draft_options__": json.loads(dumps(dataclasses.asdict(value)))}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, inner),) = value.items()
            if tag == "__framework__":
                return framework_from_dict(inner)
            if tag == "__conflict__":
                return Conflict.from_dict(inner)
            if tag == "__period__":
                return period_from_dict(inner)
            if tag == "__draft_options__":
                try:
                    from core.writing.draft import DraftOptions

                    return DraftOptions(**inner)
                except (ImportError, TypeError, ValueError):
                    return inner
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def setting_to_json(value) -> str:
    return dumps(_encode(value))


def setting_from_json(text: str):
    return _decode(json.loads(text))
