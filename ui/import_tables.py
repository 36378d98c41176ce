"""Import page: what loaded (one row per story or quote, with where it came from) and what did not."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def evidence_table(items: list) -> pd.DataFrame:
    """One row per item, lists joined, with where it came from (file, sheet, row). Made for the
    page of rows shown (ui.paging), never a decade's whole list."""
    import pandas as pd  # here, not at the top: the page's first elements go out before its 0.25 s

    rows = []
    for item in items:
        data = item.as_dict()
        data["date"] = item.when if item.date_precision != "day" else data["date"]  # May 2026, Q3 2026
        data.pop("date_precision")
        origin = data.pop("origin") or {}
        data.pop("kind")
        data.pop("extra")
        for key in ("competencies", "tags"):
            if key in data:
                data[key] = "; ".join(data[key])
        data["file"] = origin.get("file")
        data["sheet"] = origin.get("sheet")
        data["row"] = origin.get("row")
        rows.append(data)
    return pd.DataFrame(rows)


def problems_table(problems) -> pd.DataFrame:
    import pandas as pd

    rows = [p.as_dict() for p in problems]
    frame = pd.DataFrame(rows, columns=["severity", "file", "sheet", "row", "column", "message"])
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values("severity", kind="stable")  # errors first
