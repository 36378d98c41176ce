"""Maya Chen's praise file and the About sheet, for the engineering sample (scripts/sample_engineering.py)."""

from __future__ import annotations

from sample_rows import praise

PRAISE = [
    praise("2026-01-16", "Thank you for jumping on the duplicate charges over the weekend. Having the "
           "full list of affected customers by Monday noon made the refunds painless for my team.",
           "Kenji Sato", "Finance operations", "email"),
    praise("2026-02-02", "The billing migration design doc is one of the clearest I've read here. The "
           "options table saved us a whole meeting.", "Rachel Ford", "Director of Engineering",
           "Slack", competencies="Communication"),
    praise("2026-02-13", "Northwind's ops lead just emailed to say quotes are 'finally instant'. Great "
           "work on the rate quote API, Maya!", "Tom Becker", "Product manager", "Slack"),
    praise("2026-03-03", "Your rubric for the system design round is going into the hiring wiki. "
           "Really useful for new interviewers.", "Dev Patel", "Staff engineer", "Slack"),
    praise("2026-03-24", "The reconciliation report from the billing migration found the discount bug "
           "we'd been chasing for a year. That's real money back.", "Kenji Sato",
           "Finance operations", "email"),
    praise("2026-04-02", "Aisha told me your weekly sessions are the most useful part of her week. "
           "Keep them going.", "Priya Raman", "Engineering manager (my manager)", "1:1",
           competencies="Leadership & mentoring"),
    praise("2026-04-17", "Thanks for getting on the call with us. Your quote API integration guide "
           "answered the questions we'd been going back and forth on for two weeks.", "Marcus Hale",
           "Integration lead, Northwind Freight", "email", competencies="Customer focus"),
    praise("2026-05-14", "Smoothest cutover I've been part of. The runbook for the billing migration "
           "had every rollback step spelled out, I barely had to do anything.", "Jonas Lindqvist",
           "Site reliability engineer", "Slack", link="https://wiki.parcelwise.example/runbooks/billing-cutover"),
    praise("2026-05-30", "Congrats to Maya and the team on finishing the billing migration: zero "
           "downtime and the old cron is gone. People have been saying 'someday' about this for "
           "years.", "Rachel Ford", "Director of Engineering", "email",
           competencies="Delivering results"),
    praise("2026-06-12", "9 minute CI builds!! thank you thank you", "Lena Vogel", "Frontend engineer",
           "Slack"),
    praise("2026-06-30", "Maya delivered the billing migration on time, made the rate quote API fast "
           "enough for our largest customer, and made the whole team faster with the CI work. To "
           "grow: raise risks earlier, as the backfill showed.", "Priya Raman",
           "Engineering manager (my manager)", "review"),
    praise("2026-07-10", "The carrier onboarding proposal was really convincing at architecture review. "
           "Finally a plan for something that has been painful forever.", "Tom Becker",
           "Product manager", "Slack"),
    praise("2026-08-07", "Shipped the invoice PDF! Thanks Maya for letting me own it and for the honest "
           "review comments.", "Aisha Mensah", "Software engineer (mentee)", "Slack",
           competencies="Leadership & mentoring"),
    praise("2026-08-20", "Read through the carrier adapter contract tests. This is how every "
           "integration should be tested.", "Dev Patel", "Staff engineer", "Slack"),
    praise("2026-09-19", "Since the tracking page got faster we've had noticeably fewer 'where is my "
           "parcel' chats. My team says thank you.", "Laura Gómez", "Customer support lead", "email",
           competencies="Customer focus"),
    praise("2026-09-25", "Best onboarding I've had anywhere. The checklist and the two walkthroughs "
           "meant I knew my way around in the first week.", "Sam O'Neill", "Software engineer",
           "Slack"),
    praise("2026-10-10", "Great all-hands talk on the billing migration. The parallel-run idea is "
           "exactly what we need for the search rewrite.", "Dev Patel", "Staff engineer", "Slack",
           competencies="Communication"),
    praise("2026-10-23", "Yesterday's carrier outage was the calmest one we've had. Status updates "
           "every 30 minutes meant customers knew what was going on and didn't all write in.",
           "Laura Gómez", "Customer support lead", "email"),
    praise("2026-10-29", "Baltic carrier live 3 days early on the new adapter. Carrier onboarding "
           "used to take us six weeks. Huge for sales, nice work Maya and Sam.", "Rachel Ford",
           "Director of Engineering", "email", competencies="Delivering results"),
    praise("2026-11-03", "Used the add-a-carrier guide to hook up our returns carrier and didn't "
           "need to ping anyone. Great docs.", "Omar Haddad", "Software engineer, Returns team",
           "Slack"),
    praise("2026-11-06", "I've worked with Maya on two integrations this year. She's the rare "
           "engineer who joins a customer call, listens, and fixes the actual problem. Highly "
           "recommended.", "Marcus Hale", "Integration lead, Northwind Freight", "LinkedIn"),
    praise("2026-11-10", "Maya is who I go to when a plan needs a reality check. She pushed back on "
           "scope in carrier onboarding (sometimes later than I'd have liked) and the project is "
           "better for it.", "Tom Becker", "Product manager", "review",
           competencies="Collaboration"),
    praise("2026-11-17", "Maya helped me write my promotion packet. More than that, she's the reason "
           "I had things to put in it.", "Aisha Mensah", "Software engineer (mentee)", "review"),
    praise("2026-11-18", "You've become the go-to person for carrier onboarding. Next year I want to "
           "see you grow Sam and Aisha into owners of it too.", "Priya Raman",
           "Engineering manager (my manager)", "1:1"),
    praise("2026-11-20", "Maya treats operations as part of the job, not someone else's problem. The "
           "idempotency library and the peak readiness load tests are two examples from this "
           "month alone.", "Jonas Lindqvist", "Site reliability engineer", "review",
           competencies="Ownership"),
]

ABOUT_LINES = [
    "Sample data for Advocate: one made-up year of work, so every page has something to show.",
    "Maya Chen is a fictional senior backend engineer at Parcelwise, a fictional shipping software "
    "company. All names, customers and figures are invented.",
    "Stories: one CAR story per row (Challenge, Action, Result). Praise: quotes from colleagues "
    "and customers. This sheet is notes only; the app skips it.",
    "To use your own evidence, download the empty template from the Import page and upload it.",
]
