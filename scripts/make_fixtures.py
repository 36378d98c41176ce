"""Regenerate the import test corpus in tests/fixtures/ with real tools where we can.

Workbooks are written with openpyxl and then re-saved by LibreOffice (`soffice --headless
--convert-to`), so the tests read files a real office suite wrote, in .xlsx, .xls and .ods.
CSVs are written byte for byte the way Excel on Windows, Google Sheets and LinkedIn write them.

    python scripts/make_fixtures.py
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures"

WINS_HEADER = ["Date", "Title", "Challenge", "Action", "Result", "Competencies", "Impact", "Kind", "Mood"]
WINS = [
    [dt.date(2025, 1, 14), "Cut CI time", "Builds took 40 minutes", "Split the test suite into shards",
     "Builds now take 12 minutes", "Technical excellence; Efficiency", 4, "win", "proud"],
    [dt.date(2025, 2, 3), "Onboarded two juniors", "Two new hires, no onboarding plan",
     "Wrote a 30-day plan and paired daily", "Both shipped in week two", "Mentoring", 3, "", ""],
    [dt.date(2025, 3, 21), "Missed the Q1 launch", "Payments launch slipped", "Ran the retro",
     "New release checklist adopted", "Ownership", 10, "failure", "tired"],
    [dt.date(2025, 5, 9), "Learned Terraform", "", "Migrated staging to Terraform",
     "Staging rebuild in 15 min", "Learning", 2, "learning", ""],
    ["sometime in spring", "Helped sales", "Big client demo", "Built the demo", "Deal signed", "", 3, "", ""],
    [dt.date(2025, 6, 30), "Incident commander", "Checkout outage", "Led the incident call",
     "Restored in 22 minutes", "Leadership, Communication", 5, "win", "calm"],
]  # fmt: skip
KUDOS_HEADER = ["Date", "Kudos", "From", "Role", "Channel"]
KUDOS = [
    [dt.date(2025, 1, 20), "The CI speed-up changed my week.", "Priya Shah", "Peer", "Slack"],
    [dt.date(2025, 3, 2), "Great mentoring of our new hires.", "Tom Becker", "Manager", "1:1"],
    [dt.date(2025, 4, 11), "", "Ana Lima", "PM", "Email"],
    [dt.date(2025, 7, 1), "Calm and clear during the outage.", "Sam O'Neil", "Director", "Review"],
]


def soffice(source: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    """Re-save a file through LibreOffice; the result is what a real office suite writes.
    `infilter`: how LibreOffice opens the source (a CSV's separator, charset, language)."""
    opening = [f"--infilter={infilter}"] if infilter else []
    subprocess.run(
        ["soffice", "--headless", *opening, "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / f"{source.stem}.{fmt.split(':')[0]}"


def multi_sheet_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Read me"
    notes["A1"] = "How to use this workbook"
    notes["A2"] = "Add one row per win, as soon as it happens."
    notes["A3"] = "Praise goes on the Kudos sheet."
    wins = wb.create_sheet("My wins")
    wins.append(["Brag document 2025"])
    wins.append([])
    wins.append(WINS_HEADER)
    for row in WINS:
        wins.append(row)
    kudos = wb.create_sheet("Kudos")
    kudos.append(KUDOS_HEADER)
    for row in KUDOS:
        kudos.append(row)
    wb.save(path)


def star_serial_workbook(path: Path) -> None:
    """STAR headers and dates typed as plain Excel serial numbers (no date format)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Stories"
    ws.append(["Date", "Situation", "Task", "What I did", "Outcome/Impact statement"])
    ws.append([45672, "Queue at 300 tickets", "Get it under 50", "Triaged with a rota", "Queue at 40"])
    ws.append([45700, "No on-call docs", "Write them", "Wrote 12 runbooks", "Pages halved"])
    ws.append([45731.5, "Flaky deploys", "", "Added canary stage", "Zero rollbacks in Q1"])
    wb.save(path)


def exported_workbook(path: Path) -> None:
    """Our own export's shape: id columns, a hidden column and a Mapping sheet."""
    wb = openpyxl.Workbook()
    stories = wb.active
    stories.title = "Stories"
    stories.append(["id", "date", "title", "challenge", "action", "result", "description", "competencies",
                    "impact", "kind", "project", "tags", "link", "metric"])  # fmt: skip
    stories.append(["S7", dt.date(2025, 2, 1), "Shipped search", "Slow search", "Rewrote the index",
                    "3x faster", "", "Technical excellence", 4, "win", "Search", "backend; perf", "",
                    "p95 300ms"])  # fmt: skip
    stories.append(["S7", dt.date(2025, 2, 9), "Docs day", "", "", "", "Ran a docs day", "", "", "lesson",
                    "", "", "", ""])  # fmt: skip
    stories.append(["", dt.date(2025, 3, 9), "Hiring loop", "", "Redesigned the loop", "Offer rate up", "",
                    "", "", "", "", "", "", ""])  # fmt: skip
    praise = wb.create_sheet("Praise")
    praise.append(["id", "date", "text", "from", "role", "channel", "link", "competencies", "hidden"])
    praise.append(["P1", dt.date(2025, 2, 3), "Search is so fast!", "Lee", "Peer", "Slack", "", "", False])
    praise.append(["P2", dt.date(2025, 2, 4), "Private thanks", "Kim", "Manager", "Email", "", "", True])
    mapping = wb.create_sheet("Mapping")
    mapping.append(["id", "competencies"])
    mapping.append(["S7", "Technical excellence; Ownership"])
    mapping.append(["P2", ""])
    wb.save(path)


def zip_bomb(path: Path) -> None:
    """A tiny .xlsx whose one member claims 120 MB of (highly compressible) XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(120):
                member.write(chunk)


def write_text_fixtures() -> None:
    # Excel on Windows, "CSV (semicolon)" in a European locale: cp1252, CRLF, day-first dates.
    (OUT / "excel_windows_semicolon.csv").write_bytes(
        "Date;Kudos;From;Role\r\n"
        "15/03/2025;Merci pour la démo, c'était parfait;José Müller;Directeur\r\n"
        "03/04/2025;Danke für die Hilfe beim Release;Zoë Françoise;Kollegin\r\n"
        "28/04/2025;Great job on the migration – really smooth;Søren Åberg;Manager\r\n"
        "07/05/2025;Thanks for covering on-call;Chloé Dubois;Peer\r\n".encode("cp1252")
    )
    # Google Sheets / Excel "CSV UTF-8": BOM, commas, a multi-line quoted cell, many date styles.
    (OUT / "utf8_bom.csv").write_bytes(
        "\ufeffDate,Win,What I did,Result,Tags,Notes from me\n"
        "2025-01-10,Launched the status page,Built it in a week,\"Support tickets down 30%\n"
        "and fewer escalations\",ops; comms,\n"
        "15-Mar-2025,Led the offsite,Planned agenda,Team aligned on roadmap,leadership,great day\n"
        "March 2025,Wrote the hiring rubric,,Used by 3 teams,hiring,\n"
        "2025-Q2,Quarterly goal: reduce toil,Automated backups,,ops,\n"
        "Q3 2025,Quarterly goal: mentoring,Weekly 1:1s,,people,\n"
        "2025-08-14 16:45:00,Fixed the data leak,Rotated keys,No customer impact,security,\n"
        "2025-09-31,Impossible date,Did a thing,Something,,\n".encode()
    )
    # All dates could be day-first or month-first: read day-first, with a warning.
    (OUT / "ambiguous_dates.csv").write_bytes(
        b"Date,Description\n03/04/2025,Ran the planning session\n05/06/2025,Shipped the export\n"
        b"11/12/2025,Closed the year with zero open incidents\n"
    )
    # Month-first US dates with one day > 12: the whole column reads month-first.
    (OUT / "us_dates.tsv").write_bytes(
        b"Date\tFeedback\tWho\n01/05/2025\tNice work on the API\tMia\n"
        b"03/15/2025\tThanks for the review\tRaj\n02/03/2025\tGreat demo\tNoor\n"
    )
    # LinkedIn's Recommendations_Received.csv as downloaded from "Get a copy of your data".
    (OUT / "Recommendations_Received.csv").write_bytes(
        b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        b'Maria,Gonzalez,Acme Corp,Engineering Manager,"I had the pleasure of managing Alex.\n\n'
        b'Alex is a rare engineer who makes everyone around them better.","04/15/24, 09:25 PM",VISIBLE\n'
        b"David,Okafor,Globex,Senior PM,Alex turned a vague brief into a shipped product.,"
        b'"11/02/23, 10:04 AM",VISIBLE\n'
        b'Old,Colleague,Initech,Intern,Alex was nice to work with.,"01/20/22, 08:00 AM",HIDDEN\n'
    )
    # Headers nobody could guess: the app asks which column is which.
    (OUT / "needs_mapping.csv").write_bytes(
        b"Day logged,Thing I'm proud of,Who noticed\n2025-02-02,Paired with QA on the release,Lena\n"
        b"2025-02-20,Fixed the flaky login test,\n"
    )
    (OUT / "empty.csv").write_bytes(b"")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    (OUT / "binary_renamed.csv").write_bytes(png + bytes(range(256)) * 4)
    # An encrypted Office file is an OLE compound document, whatever its .xlsx name says.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    (OUT / "encrypted.xlsx").write_bytes(header + b"\x00" * (4096 - len(header)))


def password_protected(source: Path, target: Path) -> None:
    """A real password-protected .xlsx (Agile encryption, as Excel writes it), when the optional
    dev tool msoffcrypto-tool is installed; the committed file stays as it is otherwise."""
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("msoffcrypto-tool not installed: kept the existing", target.name)
        return
    with source.open("rb") as plain, target.open("wb") as encrypted:
        OOXMLFile(plain).encrypt("secret", encrypted)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text_fixtures()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        source = tmp_dir / "libreoffice_wins.xlsx"
        multi_sheet_workbook(source)
        for fmt in ("xlsx", "xls", "ods"):
            made = soffice(source, fmt, tmp_dir / fmt)
            shutil.copy(made, OUT / made.name)
        star = tmp_dir / "star_serial_dates.xlsx"
        star_serial_workbook(star)
        shutil.copy(soffice(star, "xlsx", tmp_dir / "star"), OUT / star.name)
    exported_workbook(OUT / "exported.xlsx")
    whole = (OUT / "libreoffice_wins.xlsx").read_bytes()
    (OUT / "corrupt.xlsx").write_bytes(whole[: len(whole) // 2])
    zip_bomb(OUT / "zip_bomb.xlsx")
    password_protected(OUT / "libreoffice_wins.xlsx", OUT / "password_protected.xlsx")
    buffer = io.StringIO()
    for name in sorted(p.name for p in OUT.iterdir()):
        buffer.write(f"{name}\n")
    print(buffer.getvalue(), end="")


if __name__ == "__main__":
    main()
