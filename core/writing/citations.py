"""The draft's citations (the appendix, in order of first citation) and its own recency audit:
which quarters the cited evidence comes from."""

from __future__ import annotations

from collections import Counter

from core.analysis.period import Period
from core.model import Dataset
from core.writing.document import Citation, RecencyAudit, Section, join_words, plural


def collect_citations(sections: list[Section], dataset: Dataset, period: Period) -> dict[str, Citation]:
    by_id = dataset.by_id()
    out: dict[str, Citation] = {}
    for section in sections:
        for item_id in section.cites:
            if item_id in out:
                continue
            item = by_id[item_id]
            quarter = period.quarter_of(item.date)
            out[item_id] = Citation(item_id, item.kind, item.date, quarter.label if quarter else None)
    return out


def audit(citations: dict[str, Citation], period: Period) -> RecencyAudit:
    counts = Counter(c.quarter for c in citations.values())
    quarters = [(q.label, counts.get(q.label, 0)) for q in period.quarters]
    total = len(citations)
    even = 1 / len(period.quarters) if period.quarters else 0.0
    last_label, last_n = quarters[-1] if quarters else ("", 0)
    share = last_n / total if total else 0.0
    if not total:
        statement = "The draft cites no evidence yet."
    else:
        spread = join_words([f"{label}: {n}" for label, n in quarters])
        statement = (
            f"The draft cites {plural(total, 'item')} ({spread}); {round(share * 100)}% come from "
            f"{last_label}, where an even spread would be {round(even * 100)}%."
        )
    return RecencyAudit(quarters, total, share, even, statement)
