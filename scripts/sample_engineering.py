"""Maya Chen's year: the engineering sample (data/sample_wins.xlsx), hand-written for Advocate.

Written to exercise every page: a recency skew, strong early wins that get forgotten, weak late
stories for the strength coach, half the stories without explicit competencies for the mapper,
and praise that names the projects the stories belong to. Everything is invented.
"""

from __future__ import annotations

from sample_engineering_praise import ABOUT_LINES, PRAISE  # noqa: F401 - build_data reads them here
from sample_rows import story

FILE = "sample_wins.xlsx"
TITLE = "Maya's brag document 2026"
STORY_SHEET, PRAISE_SHEET = "Stories", "Praise"
WIKI = "https://wiki.parcelwise.example"
GIT = "https://git.parcelwise.example/shipments"

# Maya Chen, senior backend engineer on the Shipments platform team at Parcelwise (invented).
# Recurring people: Priya Raman (her manager), Tom Becker (PM), Jonas Lindqvist (SRE), Aisha
# Mensah (junior engineer she mentors), Sam O'Neill (joined in September), Dev Patel (staff
# engineer), Kenji Sato (finance ops), Laura Gómez (support lead), Rachel Ford (director),
# Marcus Hale (integration lead at Northwind Freight, the biggest customer).
STORIES = [
    # --- Q1: 7 stories ---
    story(
        "2026-01-14", "Led the duplicate label charge incident",
        "A retry bug in the label purchase worker charged 212 customers twice for the same "
        "shipping labels over a weekend. Support had more than 60 tickets open by Monday morning.",
        "I took incident command, paused the worker and wrote the query with Kenji from finance "
        "that found every double charge. Then I added idempotency keys to the carrier purchase "
        "call so a retry can never buy the same label twice, and ran the postmortem that week.",
        "All 212 customers were refunded within 48 hours (about $9,400 in total) and the bug has "
        "not come back. The idempotency pattern is now part of our service template.",
        "Ownership;Customer focus", 4, project="On-call", tags="incident;postmortem",
        link=f"{WIKI}/postmortems/2026-01-label-duplicates", metric="212 refunds in 48h",
    ),
    story(
        "2026-01-28", "Wrote the billing migration design doc",
        "Invoicing ran as a 6-hour nightly cron job inside the monolith and failed silently about "
        "once a month. Finance wanted it out before the Q2 price change.",
        "Wrote the design doc for an event-driven billing service, compared three options "
        "(patch the cron, batch service, event-driven) with cost and risk for each, and walked "
        "finance, SRE and the payments team through it in two review sessions.",
        "Approved in 9 days with no open objections. It was the plan the team worked from for the "
        "next four months.",
        "Communication", 3, project="Billing migration", tags="design doc",
        link=f"{WIKI}/design/billing-service",
    ),
    story(
        "2026-02-10", "Cut rate quote API p95 from 1.8s to 420ms",
        "Northwind Freight, our biggest account, said they would move volume elsewhere because "
        "quotes were timing out in their checkout at peak hours. p95 latency was 1.8 seconds.",
        "Profiled the endpoint and found we called three carrier APIs one after another and "
        "re-fetched the zone tables on every request. Made the carrier calls concurrent, cached "
        "zone tables for 15 minutes with explicit invalidation, and added a load test to CI so it "
        "can't quietly regress.",
        "p95 went from 1.8s to 420ms and timeouts from 3.1% to 0.05%. Northwind renewed in March "
        "(about $1.2M ARR).",
        "Problem solving;Customer focus;Delivering results", 5, project="Rate quote API",
        tags="performance;Northwind", link=f"{GIT}/merge_requests/4182", metric="p95 1.8s -> 420ms",
    ),
    story(
        "2026-02-24", "Calibrated the system design interview",
        "Our backend interview scores were all over the place: two interviewers could give the "
        "same candidate a 2 and a 4 in the system design round.",
        "Put together a rubric with example answers at each level and ran a calibration session "
        "with six interviewers using two recorded mock interviews.",
        "Scores in the next loops were a lot more consistent and debriefs got shorter.",
        impact=2, project="Hiring", tags="interviewing",
    ),
    story(
        "2026-03-06", "Billing backfill slipped two weeks",
        "I estimated the historical invoice backfill for the billing migration at one week.",
        "Halfway through I found that about 8% of old invoices stored currency in two different "
        "formats. I kept trying to fix it myself instead of raising it with Priya and Tom.",
        "The backfill finished two weeks late and Tom had to move the finance demo. Lesson: spike "
        "the ugliest data first, and say so as soon as an estimate starts to break.",
        kind="struggle", project="Billing migration", tags="estimation",
    ),
    story(
        "2026-03-19", "Billing migration phase 1: invoice run from 6 hours to 25 minutes",
        "Even after the backfill the nightly invoice run took 6 hours, so when something broke "
        "finance could not rerun it during the working day.",
        "I moved invoice generation into the new billing service, split the run into per-account "
        "jobs on the queue, and built a reconciliation report that compared old and new output "
        "line by line for two weeks.",
        "The run went from 6 hours to 25 minutes. The reconciliation also caught $38k a year of "
        "under-billing from a broken discount rule nobody knew about.",
        "Delivering results;Problem solving", 5, project="Billing migration",
        tags="billing;reconciliation", link=f"{WIKI}/billing/phase-1-report",
        metric="6h -> 25 min; $38k/yr recovered",
    ),
    story(
        "2026-03-30", "Started mentoring Aisha",
        "Aisha joined in February in her first backend job and was getting stuck on PRs for days "
        "without asking for help.",
        "Set up weekly 1:1s, paired with her on her first two billing tickets, and we agreed she "
        "posts in the team channel after 30 minutes of being stuck.",
        "Her PR cycle time went from about 5 days to 2 by the end of March.",
        "Leadership & mentoring", 3, project="Mentoring", tags="mentoring;Aisha",
        metric="PR cycle 5d -> 2d",
    ),
    # --- Q2: 5 stories ---
    story(
        "2026-04-15", "Unblocked Northwind's quote API integration",
        "Northwind's integration team kept getting 422 errors from the new quote endpoint and "
        "escalated it as a bug on our side.",
        "Joined their call, went through their payloads with them and found they sent weight in "
        "pounds to a field that expects kilograms. Wrote a short integration guide and changed "
        "the error message to name the field and the unit.",
        "Their error rate dropped to zero the next day and support closed 4 open tickets.",
        impact=3, project="Rate quote API", tags="Northwind;customer call",
    ),
    story(
        "2026-05-12", "Billing cutover with zero downtime",
        "We had to move 14,000 monthly invoices to the new billing service without a gap, in "
        "the same month as the price change.",
        "Ran old and new side by side for two billing cycles, wrote the cutover runbook with "
        "Jonas, did a full dry run in staging and flipped one region at a time behind a feature "
        "flag.",
        "Zero downtime and zero incorrect invoices in May. Billing support tickets were down 35% "
        "in June compared with April, and we deleted the monolith cron job on May 29.",
        "Delivering results;Collaboration", 5, project="Billing migration",
        tags="billing;launch", link=f"{WIKI}/runbooks/billing-cutover",
        metric="14,000 invoices; tickets -35%",
    ),
    story(
        "2026-05-27", "Learned Terraform properly",
        "Every infrastructure change for the billing service meant waiting on Jonas or someone "
        "else from SRE.",
        "Did the internal Terraform course and then paired with Jonas on the queue and alarm "
        "configs for the billing service.",
        "I now write and review our own infra changes; shipped 5 of them in June without SRE help.",
        "Growth & learning", 3, project="Billing migration", tags="terraform;infra",
    ),
    story(
        "2026-06-09", "CI pipeline from 22 to 9 minutes",
        "CI on the shipments monorepo took 22 minutes. People batched changes to avoid the wait, "
        "which made the PRs bigger and the reviews worse.",
        "I profiled the pipeline, split the test suite into 4 parallel shards using timing data, "
        "cached Docker layers and dependency installs, and removed about 300 duplicated "
        "integration tests after checking the coverage report.",
        "Median CI time went from 22 to 9 minutes. At roughly 90 runs a day that's around 60 "
        "engineer-hours a month back for the team.",
        impact=4, project="Developer experience", tags="CI;tooling",
        link=f"{GIT}/merge_requests/4420", metric="CI 22 -> 9 min",
    ),
    story(
        "2026-06-23", "Left the old pricing flags in",
        "After the price change I didn't remove the old pricing feature flags.",
        "A month later someone on another team flipped one while testing and staging showed the "
        "old prices. I cleaned up all six flags the same day.",
        "No customer impact, but it cost two teams a day of confusion. I now add flag removal "
        "tickets to the launch checklist before a launch, not after.",
        kind="lesson", project="Billing migration", tags="feature flags",
    ),
    # --- Q3: 8 stories ---
    story(
        "2026-07-08", "Proposed config-driven carrier onboarding",
        "Adding a new carrier took about 6 weeks of engineering because each one had its own "
        "custom code paths.",
        "Audited the last four carrier integrations, wrote up the steps they had in common and "
        "proposed a config-driven adapter. Presented it at architecture review.",
        "Approved as the platform team's H2 project and Tom put it on the roadmap.",
        "Communication;Problem solving", 3, project="Carrier onboarding", tags="architecture",
        link=f"{WIKI}/design/carrier-adapter",
    ),
    story(
        "2026-07-21", "Friday config push broke tracking webhooks",
        "I pushed a webhook timeout config change on a Friday afternoon. It broke tracking "
        "webhooks for every customer for about 40 minutes.",
        "Rolled it back, wrote the postmortem and was upfront about my part, and added a config "
        "validation step to the deploy pipeline.",
        "The validation step has caught two bad configs since. And I don't push config on "
        "Fridays anymore.",
        "Ownership", kind="lesson", project="On-call", tags="incident;postmortem",
        link=f"{WIKI}/postmortems/2026-07-webhooks",
    ),
    story(
        "2026-08-04", "Aisha shipped her first feature on her own",
        "Aisha wanted to own a feature end to end.",
        "Gave her the invoice PDF redesign, reviewed her design doc instead of writing it for "
        "her, and stayed out of the way unless she asked.",
        "She shipped it on time in 3 weeks. Finance said it's the first invoice layout "
        "customers haven't complained about.",
        impact=3, project="Mentoring", tags="mentoring;Aisha",
    ),
    story(
        "2026-08-18", "Carrier adapter framework v1",
        "We needed one config-driven adapter that could cover most carriers, not just the next one.",
        "Built the adapter interface, moved two existing regional carriers onto it and wrote a "
        "contract test suite every carrier config has to pass.",
        "The two migrated carriers now run on about 1,100 fewer lines of code, and onboarding a "
        "test carrier in staging took 4 days.",
        "Delivering results", 4, project="Carrier onboarding", tags="carriers;architecture",
        link=f"{GIT}/merge_requests/4731", metric="-1,100 lines",
    ),
    story(
        "2026-08-29", "Helped support with tracking page questions",
        "Support had a lot of questions about the tracking page during holiday cover.",
        "Answered them in the support channel for a couple of weeks.",
        "Support was happy.",
        impact=2, project="Tracking page", tags="support",
    ),
    story(
        "2026-09-10", "Onboarded Sam",
        "Sam joined as a mid-level engineer while half the team was on holiday.",
        "Wrote an onboarding checklist for the billing and carrier services, did two "
        "architecture walkthroughs and picked a small starter ticket for him.",
        "Sam merged his first PR on day 3 and joined the on-call rotation after 5 weeks (the team "
        "average is 8). The checklist is now the team's onboarding doc.",
        "Leadership & mentoring;Collaboration", 3, project="Mentoring", tags="onboarding;Sam",
        link=f"{WIKI}/team/onboarding",
    ),
    story(
        "2026-09-17", "Tracking page load time from 4.2s to 1.6s on mobile",
        "The public tracking page took 4.2 seconds to load on mobile. It's the page our "
        "customers' customers see most.",
        "Worked with Lena from frontend to cut the API payload to the fields the page uses and "
        "added server-side caching of carrier events.",
        "Load time on mobile went from 4.2s to 1.6s, measured over a week of real traffic.",
        impact=4, project="Tracking page", tags="performance",
        metric="4.2s -> 1.6s",
    ),
    story(
        "2026-09-29", "Busy on-call week",
        "Had a rough on-call week with 11 pages.",
        "Handled them and fixed two of the noisy alerts.",
        "Fewer pages the week after.",
        impact=2, project="On-call", tags="on-call",
    ),
    # --- Q4 (Oct to mid Nov): 20 stories ---
    story(
        "2026-10-06", "Said yes to scope creep, then had to walk it back",
        "Sales asked for label customisation in the carrier adapter halfway through the Baltic "
        "carrier work.",
        "I agreed in a hallway conversation without checking with Tom, then had to take it back "
        "a week later when we saw what it would do to the date.",
        "Awkward for Tom with sales and about 3 days lost. From now on scope changes go through "
        "Tom and the planning doc, not through me.",
        kind="struggle", project="Carrier onboarding", tags="scope",
    ),
    story(
        "2026-10-09", "Talk at the engineering all-hands",
        "Other teams kept asking how we got through the billing migration without downtime.",
        "Gave a 20-minute talk at the all-hands on parallel runs and reconciliation and shared "
        "the runbook.",
        "The talk went well and there were lots of questions.",
        impact=3, project="Billing migration", tags="talk",
    ),
    story(
        "2026-10-13", "Code reviews",
        "",
        "Did a lot of code reviews this month.",
        "Helped the team move faster.",
        tags="reviews",
    ),
    story(
        "2026-10-15", "Fixed flaky carrier contract tests",
        "The carrier contract tests failed randomly in about 1 out of 10 runs and people had "
        "started re-running them without looking.",
        "Tracked it down to two tests sharing one sandbox account at the carrier. Gave each test "
        "its own fixture data and a unique account.",
        "No flaky failures in the two weeks since.",
        "Problem solving", 3, project="Carrier onboarding", tags="testing",
    ),
    story(
        "2026-10-20", "Helped with Q4 planning",
        "",
        "Went to the planning sessions and estimated the carrier work.",
        "Plan is done.",
        impact=2, tags="planning",
    ),
    story(
        "2026-10-22", "Carrier API outage during peak",
        "A major carrier's API went down for 3 hours in the middle of a peak shipping day.",
        "Switched on the fallback quote mode we built into the adapter, and posted status page "
        "updates every 30 minutes together with Laura from support.",
        "Customers could still quote and buy labels with other carriers. We got 14 support "
        "tickets, against about 150 the last time this carrier went down.",
        "Customer focus;Ownership", 4, project="On-call", tags="incident;carriers",
        link=f"{WIKI}/postmortems/2026-10-carrier-outage", metric="14 tickets vs ~150",
    ),
    story(
        "2026-10-26", "Helped Aisha with her promotion packet",
        "Aisha is going up for promotion and didn't know where to start on her packet.",
        "Helped her collect her wins from the year and write them up as CAR stories.",
        "She said it helped.",
        "Leadership & mentoring", 2, project="Mentoring", tags="mentoring;Aisha",
    ),
    story(
        "2026-10-28", "First new carrier live on the adapter, 3 days early",
        "The Baltic carrier contract was signed with a go-live date of October 30. It was the "
        "first brand-new carrier on the adapter.",
        "Paired with Sam on the config and wrote the missing adapter hooks for their customs "
        "documents.",
        "Live on October 27, three days early, in 3.5 weeks instead of the usual 6.",
        "Delivering results", 4, project="Carrier onboarding", tags="carriers;launch",
        metric="3.5 weeks vs 6",
    ),
    story(
        "2026-10-30", "Cut the billing service's infra cost",
        "The billing service's queue and workers cost $4,100 a month, much more than the design "
        "doc estimated.",
        "Went through the utilisation dashboards, right-sized the worker instances and moved the "
        "nightly reconciliation job to spot instances.",
        "Cost is down to $1,650 a month, about $29k a year.",
        impact=4, project="Billing migration", tags="cost",
        metric="$4,100 -> $1,650/month",
    ),
    story(
        "2026-11-02", "Wrote the 'add a carrier' guide",
        "Only Sam and I knew how to add a carrier to the adapter.",
        "Wrote the 'Add a carrier in a week' guide and recorded a 15-minute walkthrough video.",
        "The Returns team used it to add their returns carrier without asking us anything.",
        "Communication", 3, project="Carrier onboarding", tags="docs",
        link=f"{WIKI}/carriers/add-a-carrier",
    ),
    story(
        "2026-11-04", "Tracking page bug fixes",
        "",
        "Fixed some bugs on the tracking page.",
        "Things are better now.",
        project="Tracking page", tags="bugs",
    ),
    story(
        "2026-11-05", "Interviewed for two senior backend roles",
        "We had two senior backend openings to fill before the end of the year.",
        "Did 9 system design interviews in October and wrote the debriefs the same day.",
        "One offer accepted so far.",
        impact=3, project="Hiring", tags="interviewing",
    ),
    story(
        "2026-11-09", "Carrier adapter demo for Northwind",
        "Northwind asked whether we could add their regional carrier before peak.",
        "Demoed the adapter to their team and did the estimate live with Tom.",
        "They were happy with the demo.",
        impact=3, project="Carrier onboarding", tags="Northwind;demo",
    ),
    story(
        "2026-11-10", "Made Sam co-reviewer for carrier PRs",
        "Every adapter PR was waiting on my review; median review wait had crept up to 2 days. "
        "I had become the bottleneck.",
        "Asked Sam to be co-reviewer and wrote a short review checklist for adapter changes.",
        "Too early to tell, but Sam has already done 6 reviews on his own.",
        "Leadership & mentoring", 3, project="Carrier onboarding", tags="reviews;Sam",
    ),
    story(
        "2026-11-12", "Idempotency library for the platform",
        "Three teams had copied my idempotency code from the January incident, each with small "
        "differences.",
        "Pulled it out into a shared library with tests and docs and moved billing and labels "
        "onto it.",
        "Two other teams have adopted it.",
        impact=3, project="Platform", tags="library",
        link=f"{GIT}/merge_requests/5102",
    ),
    story(
        "2026-11-13", "Year-end data for finance",
        "Finance needed some billing data for year-end.",
        "Pulled it from the billing service.",
        "Kenji got what he needed.",
        impact=2, project="Billing migration",
    ),
    story(
        "2026-11-16", "Better alerting on the billing service",
        "Billing alerts were noisy.",
        "Rewrote them based on the SLOs.",
        "Fewer pages.",
        impact=2, project="Billing migration", tags="alerting",
    ),
    story(
        "2026-11-17", "Learning Rust for the label renderer spike",
        "Label rendering is a slow Python service and the team is discussing a rewrite.",
        "Spent two weeks of evenings on Rust and then did a time-boxed spike of the renderer.",
        "The spike renders labels about 5x faster in a benchmark. Still writing it up.",
        "Growth & learning", 2, project="Label rendering", tags="rust;spike",
    ),
    story(
        "2026-11-19", "Peak readiness load test",
        "Peak season traffic (Black Friday week) is about 4x normal.",
        "Ran load tests with Jonas against quote, label and tracking. Found the tracking "
        "database connection pool would run out at 3x.",
        "Raised the pool size and added a read replica; the load test now passes at 5x normal "
        "traffic.",
        "Ownership;Collaboration", 4, project="Peak readiness", tags="load testing;peak",
        metric="passes at 5x",
    ),
    story(
        "2026-11-20", "Ran the team retro",
        "",
        "Facilitated the team retro.",
        "Good discussion.",
        "Collaboration", tags="retro",
    ),
]
