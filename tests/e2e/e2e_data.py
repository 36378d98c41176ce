"""Evidence files the browser journeys upload, built in memory so each test knows every word in them.

Story and praise text carries rare marker words, so a test can look for them on the page, in a
download, and (to prove privacy) make sure they never reach the server's log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

# A fiscal year starting in April: FY2026 = Apr 2025 - Mar 2026. Two stories fall before it.
STORY_ROWS = [
    # date, title, challenge, action, result, competencies, impact
    ("2025-01-20", "Quelvane outage review", "Our January outage had no written review.",
     "I ran a blameless review with four teams.", "Cut repeat incidents by 30% in Q1.", "", 3),
    ("2025-03-10", "Brindlewick onboarding guide", "New hires took three weeks to ship.",
     "I wrote an onboarding guide and paired with each new hire.", "Time to first ship fell to 6 days.",
     "", 4),
    ("2025-04-14", "Zephyrine migration", "The billing database was end-of-life.",
     "I planned and led the migration over six weekends.", "Moved 2.1M accounts with zero downtime.", "", 5),
    ("2025-05-22", "Corvalis pricing experiment", "Pricing decisions were made on gut feeling.",
     "I designed an A/B test with finance.", "Raised conversion by 12%, worth $240k a year.", "", 4),
    ("2025-07-03", "Tamsinore mentoring circle", "Junior engineers lacked regular mentoring.",
     "I started a fortnightly mentoring circle.", "Eight engineers joined; two were promoted.", "", 3),
    ("2025-09-18", "Orrinthal accessibility audit", "Our checkout failed screen-reader checks.",
     "I audited the flow and fixed 23 issues.", "Passed the WCAG AA audit in October.", "", 4),
    ("2025-11-05", "Pellucid cost cleanup", "Cloud spend grew 40% in a year.",
     "I tagged resources and removed idle clusters.", "Saved $18k a month.", "", 4),
    ("2026-02-12", "Marrowgate incident drill", "On-call engineers had never practised a failover.",
     "I ran a game-day drill for the whole rota.", "Failover time dropped from 40 to 9 minutes.", "", 3),
]
PRAISE_ROWS = [
    # date, text, from, role, channel
    ("2025-04-30", "The Zephyrine migration was the calmest cutover I have seen.", "Priya Natarajan",
     "Director of Engineering", "email"),
    ("2025-10-02", "Thanks for the Orrinthal audit: our blind users noticed right away.", "Tom Becker",
     "Support lead", "Slack"),
]
# Columns the importer can't recognise: the user maps them by hand.
ODD_ROWS = [
    ("Day logged", "Thing I'm proud of", "Who noticed"),
    ("2025-08-08", "Wrote the Kestrelmoor runbook so on-call stopped paging me at night", "Lena"),
    ("2025-12-01", "Shipped the Valdrisse search fix that halved support tickets", ""),
]
MARKERS = ["Quelvane", "Brindlewick", "Zephyrine", "Corvalis", "Tamsinore", "Orrinthal", "Pellucid",
           "Marrowgate", "Priya Natarajan", "Kestrelmoor", "Valdrisse"]


def my_year_xlsx() -> bytes:
    """A workbook as a user keeps one: a title row above the header, a Stories and a Praise sheet."""
    workbook = openpyxl.Workbook()
    stories = workbook.active
    stories.title = "Stories"
    stories.append(["My wins, 2025"])
    stories.append(["date", "title", "challenge", "action", "result", "competencies", "impact"])
    for date, *rest in STORY_ROWS:
        stories.append([dt.date.fromisoformat(date), *rest])
    praise = workbook.create_sheet("Praise")
    praise.append(["date", "text", "from", "role", "channel"])
    for date, *rest in PRAISE_ROWS:
        praise.append([dt.date.fromisoformat(date), *rest])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odd_columns_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(ODD_ROWS)
    return buffer.getvalue().encode("utf-8")


def single_story_csv(title: str, result: str, date: str = "2025-06-01") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "title", "challenge", "action", "result"])
    writer.writerow([date, title, "A challenge.", "I acted.", result])
    return buffer.getvalue().encode("utf-8")


# Text that would do something if any page or export treated it as markup instead of text.
HOSTILE = {
    "script": "<script>window.__pwned = 'script'</script>",
    "img": "<img src=x onerror=\"window.__pwned='img'\">",
    "js_link": "[Open the report](javascript:window.__pwned='link')",
    "md_image": "![tracker](https://tracker.invalid/pixel.png)",
    "html_link": "<a href=\"javascript:window.__pwned='a'\">click me</a>",
    "bidi": "Invoice \u202egnp.exe\u202c reviewed",
    "formula": "=HYPERLINK(\"https://evil.invalid\",\"Click\")",
    "md_heading": "# Not a heading\n**not bold** `not code`",
}


def hostile_files() -> list[tuple[str, bytes]]:
    """A story CSV and a praise CSV whose every text field is hostile (dates and ids stay valid)."""
    stories = io.StringIO()
    writer = csv.writer(stories)
    writer.writerow(["date", "title", "challenge", "action", "result", "project", "link", "metric"])
    for month, (name, text) in enumerate(HOSTILE.items(), start=1):
        writer.writerow([f"2025-{month:02d}-10", f"Hostile {name} {text}", text, f"I handled {text}",
                         f"Result {text}", text, "javascript:window.__pwned='linkcol'", text])
    praise = io.StringIO()
    writer = csv.writer(praise)
    writer.writerow(["date", "text", "from", "role", "channel"])
    for month, (name, text) in enumerate(HOSTILE.items(), start=1):
        writer.writerow([f"2025-{month:02d}-20", f"Praise {name}: {text}", text, text, "email"])
    return [
        ("hostile_stories.csv", stories.getvalue().encode()),
        ("hostile_praise.csv", praise.getvalue().encode()),
    ]
