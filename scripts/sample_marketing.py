"""Sofia Martins's year: the marketing sample (data/sample_marketing.xlsx), hand-written for Advocate.

A product marketing manager's brag document, so people who are not engineers see a year like
theirs. The same shape as the engineering sample (a recency skew, strong early wins, weak late
stories, praise naming projects, half the stories without competencies) and, like real files,
messy but valid: her own column names, her own sheet names, a few dates typed as text beside
date cells, a blank row, uneven spacing in lists. Speed and ownership stories ("pulled forward",
"the same day", "wasn't my team's") are there for the mapper. Everything is invented.
"""

from __future__ import annotations

from sample_marketing_praise import ABOUT_LINES, PRAISE  # noqa: F401 - build_data reads them here
from sample_rows import Typed, story

FILE = "sample_marketing.xlsx"
TITLE = "Sofia M. - wins & brag document 2026"
STORY_SHEET, PRAISE_SHEET = "Wins", "Kudos"
STORY_LABELS = {
    "date": "Date", "title": "Title", "challenge": "Situation", "action": "What I did",
    "result": "Outcome", "competencies": "Competencies", "impact": "Impact (1-5)", "kind": "Type",
    "project": "Project", "tags": "Tags", "link": "Link", "metric": "Key metric",
}  # fmt: skip
PRAISE_LABELS = {
    "date": "Date received", "text": "What they said", "from": "Who", "role": "Relationship",
    "channel": "Where", "link": "Link", "competencies": "Skills",
}  # fmt: skip
DRIVE = "https://drive.parcelwise.example/marketing"
SITE = "https://www.parcelwise.example"

# Sofia Martins, product marketing manager at Parcelwise (the same invented shipping-software
# company as the engineering sample). Recurring people: Daniel Reyes (her manager, director of
# product marketing), Hannah Schulz (sales director), Chris Dunn (account executive), Grace Liu
# (demand generation), Lena Okoro (events), Ravi Nair (content marketer who joined in June),
# Tom Becker (product manager), Kenji Sato (finance), Laura Gómez (support lead), Marcus Hale
# (Northwind Freight, a customer). ShipFast is the invented competitor.
STORIES = [
    # --- Q1: 5 stories ---
    story(
        "2026-01-09", "Northwind customer story",
        "Sales had no customer story for freight companies, our fastest-growing segment, and kept "
        "asking for one on every deal review.",
        "I interviewed Marcus Hale and two of his team at Northwind Freight, wrote the case study "
        "around their own numbers, and got it through their legal review in three weeks.",
        "The case study was used in 22 deals in Q1 and brought in 4 demo requests in its first "
        "month.",
        "Customer focus", 4, project="Customer stories", tags="case study;Northwind",
        link=f"{SITE}/customers/northwind", metric="used in 22 deals",
    ),
    story(
        "2026-01-20", "Returns launch positioning",
        "Parcelwise Returns was launching in March and three teams described it three different "
        "ways; sales were calling it 'the RMA module', which no retailer understood.",
        "I interviewed 9 retailers, ran a messaging workshop with product, sales and support, and "
        "wrote the positioning: a one-line pitch, three proof points and the words to avoid.",
        "Leadership approved it in a single review, and all 40 launch assets used the same pitch.",
        "Communication;  Customer focus", 4, project="Returns launch", tags="positioning;messaging",
        link=f"{DRIVE}/returns-positioning",
    ),
    story(
        "2026-02-18", "ShipFast battlecard",
        "Reps were losing deals to ShipFast on price, and our newest competitive material was from "
        "2024.",
        "I interviewed 6 reps about deals they lost, signed up for ShipFast's trial myself, and "
        "wrote a two-page battlecard with the three questions that expose their hidden fees. Then "
        "I trained 30 reps in two sessions.",
        "Our win rate against ShipFast went from 31% to 44% the following quarter.",
        impact=5, project="Competitive intel", tags="battlecard;ShipFast",
        link=f"{DRIVE}/battlecards/shipfast", metric="win rate 31% -> 44%",
    ),
    story(
        "2026-03-13", "Pulled the Returns launch forward by 10 days",
        "In February ShipFast announced their own returns product for mid-March. Our launch was "
        "planned for 24 March, which would have made us look like the follower.",
        "I re-cut the launch plan within days: dropped two nice-to-have assets, got the press "
        "release through legal the same day I asked, and moved the launch webinar up.",
        "We launched on 12 March, 10 days ahead of schedule and two days before ShipFast. 1,150 "
        "people signed up for the launch webinar.",
        impact=5, project="Returns launch", tags="launch", metric="10 days early",
    ),
    story(
        "2026-03-27", "Launch webinar attendance was low",
        "The Returns launch webinar had 1,150 sign-ups.",
        "I sent a single reminder, the day before, and didn't check what the events team usually "
        "does.",
        "Only 28% of registrants attended against a usual 40%. Lesson: three reminders, one of "
        "them the same morning, and ask Lena before planning an event on my own.",
        kind="struggle", project="Returns launch", tags="webinar",
    ),
    # --- Q2: 4 stories ---
    story(
        "2026-04-14", "Pricing page rewrite",
        "The pricing page had the highest exit rate on our website (71%) and sales said prospects "
        "arrived confused about per-label fees.",
        "I ran user tests with retailers, rewrote the page around three plans with a fee "
        "calculator, and ran a four-week A/B test with Grace from demand generation.",
        "After 8 user tests and the A/B test, demo requests from the page went from 40 to 65 a "
        "week.",
        "Customer focus;Problem solving", 4, project="Website", tags="pricing;conversion",
        link=f"{SITE}/pricing", metric="demo requests 40 -> 65 a week",
    ),
    story(
        "2026-05-08", "Returns demo script and rep certification",
        "New reps took about a month before they could demo Returns on their own.",
        "Wrote a 12-minute demo script, recorded a model demo, and ran a certification in which 18 "
        "reps each gave me the demo and got written feedback.",
        "Time to a rep's first solo demo dropped from 30 days to 12.",
        "Communication", 4, project="Sales enablement", tags="demo;training",
        metric="30 -> 12 days",
    ),
    story(
        "2026-06-02", "Hired Ravi",
        "We were two people with three months of content requests waiting.",
        "Wrote the role, interviewed 11 candidates with Daniel and built a 30-day onboarding plan "
        "with a first customer story as the goal.",
        "Ravi published his first customer story in his third week.",
        "Leadership & mentoring", 3, project="Hiring", tags="hiring;onboarding",
    ),
    story(
        "2026-06-24", "Fast response to ShipFast's price cut",
        "On a Monday morning ShipFast cut their entry price by 30%, and within hours reps were "
        "being asked about it on calls.",
        "The same day I wrote a one-page answer with a total-cost comparison that Kenji from "
        "finance checked, posted it in the sales channel by 5pm, and ran a 20-minute drop-in call "
        "the next morning.",
        "Sales had an answer within a day, and we lost none of the 9 open deals that mentioned the "
        "price cut.",
        impact=5, project="Competitive intel", tags="ShipFast;pricing", metric="0 of 9 deals lost",
    ),
    # --- Q3: 5 stories ---
    story(
        "2026-07-15", "Peak season campaign plan",
        "Last year's peak campaign started in October, after most retailers had already made "
        "their plans, and brought in few leads.",
        "Planned a three-wave campaign starting in August with Grace, with a $60k budget and "
        "weekly checkpoints, and checked the numbers with Kenji before it went to the CMO.",
        "The CMO approved it on first read, with a budget 15% under last year's.",
        "Delivering results", 3, project="Peak season campaign", tags="campaign;planning",
        link=f"{DRIVE}/peak-2026-plan",
    ),
    story(
        "2026-08-05", "Homepage messaging refresh",
        "The homepage still talked about label printing, although 60% of new revenue came from "
        "tracking and returns.",
        "I tested three messages in a survey of 300 retailers, rewrote the headline and three "
        "sections around the winner, and walked sales and leadership through the changes.",
        "Homepage conversion rose from 2.1% to 2.9% in six weeks.",
        "Communication", 4, project="Website", tags="messaging;homepage",
        link=SITE, metric="conversion 2.1% -> 2.9%",
    ),
    story(
        "2026-08-27", "Missed the analyst briefing deadline",
        "An industry analyst firm was writing its first guide to returns software.",
        "I assumed our PR agency had sent in the briefing request and didn't check.",
        "The deadline passed and we were left out of the first round. Lesson: when it matters, "
        "check the submission myself.",
        kind="struggle", project="Analyst relations", tags="analysts",
    ),
    story(
        "2026-09-10", "Fixed the trial welcome emails though it wasn't my team's area",
        "Prospects told support they never got the welcome email for their free trial. The email "
        "tool belonged to the web team, who were away at an offsite.",
        "I found the sending domain had expired, got IT to renew it, resent 412 welcome emails, "
        "and followed up personally with the 15 biggest prospects. Then I told the web team what "
        "I had changed.",
        "All 412 trials had their email within a day, and 6 of the 15 prospects booked a demo.",
        "Ownership", 4, tags="trials;email",
    ),
    story(
        "2026-09-24", "Baltic Home customer story",
        "We needed a returns customer story before peak season.",
        "Interviewed Baltic Home's operations lead, wrote the story and produced a 90-second video "
        "with the agency.",
        "The story page had 3,400 views in its first month.",
        impact=3, project="Customer stories", tags="case study;video",
        link=f"{SITE}/customers/baltic-home",
    ),
    None,  # a blank row where she started the review-season push
    # --- Q4: 21 stories ---
    story(
        "2026-10-02", "Peak campaign wave 1 live on time",
        "Wave 1 had to be live before retailers lock their peak plans in early October.",
        "Coordinated copy, design and paid media with Grace and the agency, and ran the launch "
        "checklist with everyone each morning in the last week.",
        "Live on 1 October as planned: 2,300 leads in the first two weeks, 35% above target.",
        "Delivering results; Collaboration", 4, project="Peak season campaign",
        tags="campaign", metric="2,300 leads, +35% vs target",
    ),
    story(
        "2026-10-03", "Retail Ops Summit booth with Lena",
        "Our first time at the Retail Ops Summit, and the budget only covered a small booth.",
        "Worked with Lena Okoro from events on a booth demo built around the returns calculator, "
        "and booked 25 meetings before the show.",
        "140 conversations and 38 qualified leads over two days.",
        "Collaboration", 4, project="Events", tags="events;summit", metric="38 qualified leads",
    ),
    story(
        Typed("09-Oct-2026", "2026-10-09"), "Win/loss interviews",
        "We didn't know why mid-size deals were stalling after the demo.",
        "Ran 12 interviews with buyers who had chosen us or a competitor, and wrote up the themes "
        "for product and sales.",
        "Two changes to the onboarding offer were approved for Q1.",
        "Customer focus;Problem solving", 3, project="Competitive intel", tags="win/loss",
    ),
    story(
        "2026-10-14", "Coaching Ravi on customer interviews",
        "Ravi had never interviewed a customer.",
        "Sat in on his first three interviews and gave him written feedback after each one.",
        "He ran the fourth alone, and it became the Baltic Home follow-up story.",
        "Leadership & mentoring", 3, project="Customer stories", tags="mentoring;Ravi",
    ),
    story(
        "2026-10-20", "Sales kickoff deck",
        "",
        "Built the product marketing section of the sales kickoff deck.",
        "Went well.",
        impact=2, project="Sales enablement",
    ),
    story(
        "2026-10-22", "Corrected the lead numbers before the board update",
        "The campaign dashboard counted leads from events and web forms twice, which overstated "
        "Q3 leads by about 18%.",
        "I flagged it to Daniel before the board update, corrected the numbers, and explained the "
        "change in a note in the update.",
        "The board saw the lower, accurate figure, and the dashboard was fixed the same week.",
        impact=3, project="Peak season campaign", tags="reporting",
    ),
    story(
        "2026-10-27", "Wave 2 ready a week early",
        "",
        "Got the wave 2 emails and landing pages finished a week ahead of schedule so we could "
        "test subject lines first.",
        "Open rate 41% against 29% for wave 1.",
        impact=3, project="Peak season campaign", tags="email",
    ),
    story(
        "2026-10-29", "Pricing strategy course",
        "Pricing decisions kept coming to product marketing and I had no training in them.",
        "Finished a six-week evening course on pricing strategy.",
        "Used what I learned about value metrics in the Returns 2.0 pricing proposal.",
        "Growth & learning", 2, kind="lesson", project="Learning", tags="course",
    ),
    story(
        "2026-11-02", "Returns 2.0 launch brief",
        "Product planned Returns 2.0 for February but nobody had agreed how big a launch it was.",
        "Wrote the launch brief and a proposal for the launch size, and agreed it with Tom and "
        "sales.",
        "Approved; the launch date is set.",
        "Communication", 3, project="Returns launch", tags="launch",
    ),
    story(
        "2026-11-04", "Peak returns webinar with Northwind",
        "We needed a customer's voice for the peak season message.",
        "Co-hosted a webinar with Marcus Hale from Northwind on handling returns at peak, and sent "
        "three reminders this time.",
        "620 registrants and 47% attended.",
        "Customer focus", 4, project="Events", tags="webinar;Northwind",
    ),
    story(
        "2026-11-06", "Competitor comparison page",
        "",
        "Updated the competitor comparison page.",
        "Sales is using it.",
        impact=2, project="Competitive intel",
    ),
    story(
        Typed("2026-11-09", "2026-11-09"), "Peak objections session",
        "",
        "Ran a 30-minute session for the reps on peak season objections.",
        "Good feedback.",
        impact=2, project="Sales enablement",
    ),
    story(
        "2026-11-11", "Pricing FAQ with support",
        "Support kept getting the same questions about returns pricing.",
        "Wrote the pricing FAQ with Laura's team.",
        "Fewer tickets.",
        "Collaboration", 2, project="Website", tags="faq",
    ),
    story(
        "2026-11-12", "Agency brief rewrite",
        "My first brief for the wave 3 creative was vague, and the agency's first round missed.",
        "Rewrote it around one message with examples of what good looks like.",
        "The second round was right first time. Next time I'll write the brief that way from the "
        "start.",
        "Growth & learning;Communication", kind="lesson", project="Peak season campaign",
    ),
    story(
        "2026-11-16", "Carrier delay notice live the same day",
        "A carrier's outage on a Monday delayed parcels for about 1 in 5 of our customers' "
        "shoppers.",
        "Wrote the customer notice and an in-app banner with Laura and had them live within two "
        "hours, then updated them every afternoon until it was over.",
        "Support had 30% fewer contacts than during the last carrier outage.",
        "Customer focus", 4, tags="customer communication",
    ),
    story(
        "2026-11-17", "Persona refresh",
        "",
        "Refreshed the three buyer personas with the win/loss findings.",
        "Shared with the team.",
        impact=2, project="Competitive intel",
    ),
    story(
        "2026-11-18", "Campaign numbers for Daniel",
        "",
        "Pulled together the peak campaign numbers for Daniel's report.",
        "Daniel used it.",
        impact=2, project="Peak season campaign",
    ),
    story(
        "2026-11-19", "Analyst briefing, done myself this time",
        "The analyst firm opened a second round for its returns software guide.",
        "I sent the briefing request myself, prepared the demo and ran the briefing.",
        "We are in the guide.",
        "Ownership", 3, project="Analyst relations", tags="analysts",
    ),
    story(
        Typed("20/11/2026", "2026-11-20"), "Returns 2.0 teaser post",
        "",
        "Wrote the teaser post for LinkedIn.",
        "Lots of likes.",
        project="Returns launch",
    ),
    story(
        "2026-11-23", "Q4 budget reforecast with finance",
        "Peak spend was running over plan after the extra events.",
        "Reworked the Q4 budget with Kenji and moved $8k from paid social to the webinar series.",
        "The forecast is back within 2% of budget.",
        "Collaboration", 3, project="Peak season campaign", tags="budget",
    ),
    story(
        "2026-11-25", "Wave 3",
        "",
        "Wave 3 went out.",
        "Too early to tell.",
        impact=2, project="Peak season campaign",
    ),
]
