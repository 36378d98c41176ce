"""Realistic synthetic workspaces for the benchmarks: N CAR stories and N praise quotes.

Why synthetic: the budgets (issue 8) are about a decade of daily diary entries, which nobody
should hand over, so we generate files shaped like real ones: the canonical headers, text from a
one-liner to a few paragraphs, dates spread unevenly over several years (denser lately, as real
diaries are), some explicit competencies (with the case and spelling drift people type), impact
on about half the stories, a few struggles and lessons. Everything comes from one seeded
`random.Random`, so the same size and seed always give the same bytes of content.

    python bench/synthetic.py --sizes 100,1000 --out bench/results/data
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
from dataclasses import dataclass
from pathlib import Path

STORY_HEADERS = ("date", "title", "challenge", "action", "result", "competencies", "impact", "kind",
                 "project", "tags")
PRAISE_HEADERS = ("date", "text", "from", "role", "channel")
VERSION = 2  # bump when the generated content changes, so cached files are regenerated
DEFAULT_SEED = 20260101
END_DATE = dt.date(2026, 6, 30)

# What the work is about changes over the years, as in a real diary: each ERA_DAYS stretch has a
# handful of systems and projects in play (drawn from a large pool), and most stories and quotes
# of that stretch are about them. Without this, ten years of text would share one tiny
# vocabulary and every quote would "mention" every story.
_QUALIFIERS = ("checkout", "billing", "search", "onboarding", "mobile", "warehouse", "pricing",
               "inventory", "auth", "payments", "ledger", "routing", "shipping", "catalog", "refunds",
               "analytics", "signup", "notifications", "scheduling", "identity", "reporting", "alerting",
               "storage", "streaming", "forecasting", "returns", "loyalty", "fraud", "tax", "invoicing",
               "compliance", "partner", "marketplace", "messaging", "recommendations", "mapping",
               "telemetry", "backup", "gateway", "consent")
_NOUNS = ("service", "pipeline", "API", "dashboard", "portal", "flow", "index", "job", "queue", "app",
          "database", "cluster", "library", "process", "page", "rules", "model", "platform")
_CODENAMES = ("Atlas", "Beacon", "Cobalt", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Ion",
              "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Onyx", "Polaris", "Quartz",
              "Redwood", "Sierra", "Tundra", "Umbra", "Vertex", "Willow", "Zephyr")
ERA_DAYS = 75
_TEAMS = ("the platform team", "support", "sales", "finance", "two new hires", "the design team",
          "our largest customer", "the on-call rotation", "legal", "the data team")
_TAGS = ("migration", "incident", "mentoring", "cost", "hiring", "performance", "security",
         "customer", "process", "docs", "launch", "quality", "planning", "outage", "analytics")
# Spelled the way people type them: mostly clean, sometimes lower-case, abbreviated or misspelt,
# and now and then a competency no framework has (the importer must keep, not drop, it).
_COMPETENCIES = ("Communication", "Collaboration", "Delivery", "Technical excellence", "Leadership",
                 "Impact", "Ownership", "Mentoring", "communication", "Technical Excellence",
                 "Colaboration", "Customer focus", "Problem solving", "Innovation")
_FIRST = ("Priya", "Tom", "Aisha", "Lars", "Mei", "Carlos", "Fatima", "Jonas", "Olu", "Sara", "Kenji",
          "Léa", "Dmitri", "Grace", "Mateo", "Nora", "Ravi", "Zoë", "Ahmed", "Ingrid")
_LAST = ("Sharma", "Becker", "Okafor", "Nilsson", "Chen", "García", "Haddad", "Müller", "Adeyemi",
         "Rossi", "Tanaka", "Dubois", "Ivanov", "Kim", "López", "Walsh", "Patel", "O'Brien")
_ROLES = ("Manager", "Peer", "Skip-level manager", "Direct report", "Product manager", "Customer",
          "Designer", "Tech lead", "Director", "")
_CHANNELS = ("email", "Slack", "review", "LinkedIn", "Teams", "in person", "retro", "")

_TITLES = ("Cut {system} latency", "Led the {system} rewrite", "Rescued the {system} launch",
           "Mentored {team} through {system} work", "Automated the {system} checks",
           "Unblocked {team} on the {system}", "Ran the {system} incident review",
           "Shipped the {system} redesign", "Reduced {system} costs", "Documented the {system}",
           "Missed the {system} deadline", "Learned to say no on the {system}")
_CHALLENGES = (
    "The {system} was slow and {team} were filing tickets about it every week.",
    "Nobody owned the {system} after the reorganisation, and it kept breaking on Fridays.",
    "We had {n} open bugs on the {system} and a launch date six weeks out.",
    "{team} could not ship because the {system} took {n} minutes to run.",
    "Costs for the {system} had doubled in a year with no one able to say why.",
    "A customer escalation showed the {system} lost data under load.",
    "The plan for the {system} depended on a vendor that had just been acquired.",
    "Our on-call load was {n} pages a week, most of them from the {system}.",
)
_ACTIONS = (
    "I profiled the {system} and found that most of the time went into one query.",
    "I wrote a one-page proposal, reviewed it with {team}, and got agreement in a week.",
    "I paired with {team} for two weeks and wrote the runbook as we went.",
    "I split the work into {n} small changes so each could ship and roll back on its own.",
    "I set up a weekly check-in with {team} and kept a shared list of open risks.",
    "I rebuilt the test suite around the failures we actually saw in production.",
    "I negotiated the scope down to what mattered for the first customers.",
    "I added dashboards and alerts so we would see problems before customers did.",
    "I ran three interviews with users to find out where the {system} confused them.",
    "I took over the migration plan, wrote the rollback steps, and rehearsed them twice.",
)
_RESULTS = (
    "Latency dropped from {n} ms to {m} ms at the 95th percentile.",
    "We shipped on time and {team} stopped filing tickets about it.",
    "Costs fell by {p}%, about ${k}k a year.",
    "Pages went from {n} a week to {m}.",
    "The launch reached {k},000 users in the first month with no rollback.",
    "{team} now run it without me, and two of them have since led similar work.",
    "Build time went from {n} minutes to {m}.",
    "We missed the date by {m} weeks; the retro changed how we estimate.",
    "Support volume on the topic dropped {p}%.",
    "It went well.",
)
_PRAISE = (
    "Thank you for jumping on the {system} issue so quickly, you saved our week.",
    "Your write-up on the {system} was the clearest thing I have read all quarter.",
    "{team} keep telling me how much your mentoring helped them.",
    "You made a messy project feel calm. The way you ran the {system} work was a model for us.",
    "Huge thanks for staying late on the incident; the customer noticed.",
    "I appreciated how you pushed back on the scope and kept us focused.",
    "The demo of the {system} was excellent and the numbers spoke for themselves.",
    "You are the person everyone goes to when the {system} misbehaves, and you never make them feel silly.",
    "Great job on the launch!",
    "Your review comments are thorough and kind; I learned a lot from them.",
)


@dataclass(frozen=True)
class Workspace:
    """The files generated for one size: one workbook (two sheets) and the same data as two CSVs."""

    size: int
    xlsx: Path
    stories_csv: Path
    praise_csv: Path
    stories_xlsx: Path  # the same stories alone, for sizes a single workbook is too big for
    praise_xlsx: Path


@dataclass(frozen=True)
class _Era:
    systems: tuple[str, ...]
    projects: tuple[str, ...]


def _era(day: dt.date, seed: int) -> _Era:
    """The systems and projects in play around `day` (the same for stories and praise)."""
    index = (END_DATE - day).days // ERA_DAYS
    rng = random.Random(f"era-{seed}-{index}")
    systems = tuple(f"{rng.choice(_QUALIFIERS)} {rng.choice(_NOUNS)}" for _ in range(6))
    projects = tuple(f"{rng.choice(_CODENAMES)}{rng.choice(('', '', ' 2', ' v3', ' migration'))}"
                     for _ in range(2))
    return _Era(systems, projects)


def _system(era: _Era, rng: random.Random) -> str:
    if rng.random() < 0.9:
        return rng.choice(era.systems)
    return f"{rng.choice(_QUALIFIERS)} {rng.choice(_NOUNS)}"  # now and then, something else


def _fill(template: str, rng: random.Random, era: _Era) -> str:
    n = rng.randint(5, 400)
    return template.format(system=_system(era, rng), team=rng.choice(_TEAMS), n=n,
                           m=max(1, n // rng.randint(2, 9)), p=rng.randint(5, 80), k=rng.randint(2, 900))


def _sentences(pool: tuple[str, ...], rng: random.Random, count: int, era: _Era) -> str:
    return " ".join(_fill(rng.choice(pool), rng, era) for _ in range(count))


def _paragraphs(pool: tuple[str, ...], rng: random.Random, paragraphs: int, per: tuple[int, int],
                era: _Era) -> str:
    return "\n\n".join(_sentences(pool, rng, rng.randint(*per), era) for _ in range(paragraphs))


def _dates(count: int, rng: random.Random) -> list[dt.date]:
    """Dates over several years ending at END_DATE, denser in recent years, in diary order."""
    years = min(10, max(2, round(count / 1000)))
    span = years * 365
    days = sorted(int(span * rng.random() ** 0.8) for _ in range(count))
    return [END_DATE - dt.timedelta(days=span - d) for d in days]


def story_rows(size: int, seed: int = DEFAULT_SEED) -> list[tuple]:
    """`size` story rows in STORY_HEADERS order (date as a date, lists `;`-separated)."""
    rng = random.Random(f"stories-{seed}-{size}")
    rows = []
    for day in _dates(size, rng):
        shape = rng.random()
        era = _era(day, seed)
        title = _fill(rng.choice(_TITLES), rng, era)
        if shape < 0.2:  # a one-liner: title and a short result, nothing else
            challenge, action, result = "", "", _sentences(_RESULTS, rng, 1, era)
        elif shape < 0.8:
            challenge = _sentences(_CHALLENGES, rng, rng.randint(1, 2), era)
            action = _sentences(_ACTIONS, rng, rng.randint(1, 3), era)
            result = _sentences(_RESULTS, rng, rng.randint(1, 2), era)
        else:  # a few paragraphs, as people write when it mattered
            challenge = _paragraphs(_CHALLENGES, rng, rng.randint(1, 2), (2, 3), era)
            action = _paragraphs(_ACTIONS, rng, rng.randint(2, 3), (2, 4), era)
            result = _paragraphs(_RESULTS, rng, rng.randint(1, 2), (1, 3), era)
        competencies = ";".join(rng.sample(_COMPETENCIES, rng.randint(1, 2))) if rng.random() < 0.25 else ""
        impact = rng.randint(1, 5) if rng.random() < 0.55 else None
        kind_roll = rng.random()
        kind = "win" if kind_roll < 0.8 else "struggle" if kind_roll < 0.92 else "lesson"
        tags = ";".join(rng.sample(_TAGS, rng.randint(0, 3)))
        rows.append((day, title, challenge, action, result, competencies, impact, kind,
                     rng.choice(era.projects) if rng.random() < 0.6 else "", tags))
    return rows


def praise_rows(size: int, seed: int = DEFAULT_SEED) -> list[tuple]:
    """`size` praise rows in PRAISE_HEADERS order."""
    rng = random.Random(f"praise-{seed}-{size}")
    rows = []
    for day in _dates(size, rng):
        roll = rng.random()
        count = 1 if roll < 0.5 else rng.randint(2, 3) if roll < 0.9 else rng.randint(4, 7)
        era = _era(day, seed)
        text = _sentences(_PRAISE, rng, count, era)
        if rng.random() < 0.15:  # some quotes name the project they are about
            text += f" {rng.choice(era.projects)} would not have landed without you."
        author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if rng.random() < 0.95 else ""
        rows.append((day, text, author, rng.choice(_ROLES), rng.choice(_CHANNELS)))
    return rows


def write_xlsx(path: Path, stories: list[tuple] | None, praise: list[tuple] | None) -> None:
    """A workbook as a user's would be: Stories and Praise sheets (or one of them), real date cells."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, headers, rows in (("Stories", STORY_HEADERS, stories), ("Praise", PRAISE_HEADERS, praise)):
        if rows is None:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def write_csv(path: Path, headers: tuple[str, ...], rows: list[tuple]) -> None:
    """UTF-8 CSV with ISO dates; multi-paragraph cells are quoted by the csv module."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v
                             for v in row])


def workspace_paths(size: int, out_dir: Path, seed: int = DEFAULT_SEED) -> Workspace:
    stem = f"synthetic-{size}-s{seed}-v{VERSION}"
    return Workspace(size, out_dir / f"{stem}.xlsx", out_dir / f"{stem}-stories.csv",
                     out_dir / f"{stem}-praise.csv", out_dir / f"{stem}-stories.xlsx",
                     out_dir / f"{stem}-praise.xlsx")


def ensure_workspace(size: int, out_dir: Path, seed: int = DEFAULT_SEED, split: bool = False) -> Workspace:
    """Generate the files for `size` unless they already exist (50k takes a while to write).

    `split` also writes the stories and the praise as two workbooks: 50,000 + 50,000 rows in one
    file is over the importer's default row limit per file, and the stories CSV at that size is
    over its 20 MB limit, so that is how a user with that much evidence has to bring it.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    ws = workspace_paths(size, out_dir, seed)
    wanted = [ws.xlsx, ws.stories_csv, ws.praise_csv, *([ws.stories_xlsx, ws.praise_xlsx] if split else [])]
    if all(p.exists() for p in wanted):
        return ws
    stories, praise = story_rows(size, seed), praise_rows(size, seed)
    writers = {ws.xlsx: lambda p: write_xlsx(p, stories, praise),
               ws.stories_csv: lambda p: write_csv(p, STORY_HEADERS, stories),
               ws.praise_csv: lambda p: write_csv(p, PRAISE_HEADERS, praise),
               ws.stories_xlsx: lambda p: write_xlsx(p, stories, None),
               ws.praise_xlsx: lambda p: write_xlsx(p, None, praise)}
    for target, write in ((t, writers[t]) for t in wanted if not t.exists()):
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        write(partial)
        partial.replace(target)  # never leave a half-written file that looks finished
    return ws


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated story counts")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "data")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        ws = ensure_workspace(size, args.out, args.seed)
        print(f"{size:>6}: {ws.xlsx} ({ws.xlsx.stat().st_size / 1e6:.1f} MB), {ws.stories_csv.name}, "
              f"{ws.praise_csv.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
