"""Sofia Martins's praise file and the About sheet, for the marketing sample (scripts/sample_marketing.py)."""

from __future__ import annotations

from sample_rows import praise

PRAISE = [
    praise("2026-01-23", "The Returns one-liner is the first time I've heard sales, product and "
           "support describe it the same way. Thank you Sofia!", "Hannah Schulz", "Sales director",
           "Slack"),
    praise("2026-02-27", "Used the ShipFast battlecard on three calls this week and won two of them. "
           "The hidden-fees question works every time.", "Chris Dunn", "Account executive", "Slack"),
    praise("2026-03-13", "Launching ten days early and two days before ShipFast was a real coup. The "
           "Returns launch is the smoothest launch this team has run.", "Daniel Reyes",
           "Director of product marketing (my manager)", "email", competencies="Delivering results"),
    praise("2026-03-20", "Our team loved how the case study turned out. You wrote down what we "
           "actually said, not marketing speak.", "Marcus Hale", "Operations lead, Northwind Freight",
           "email", competencies="Customer focus"),
    praise("2026-04-30", "The new pricing page is converting! 65 demo requests last week 🎉 the "
           "website team says thanks too", "Grace Liu", "Demand generation manager", "Slack"),
    praise("2026-05-20", "The Returns demo script and the certification gave me the confidence to "
           "demo on my own in my second week.", "Omar Sheikh", "Sales development rep", "Slack"),
    praise("2026-06-24", "You had an answer to the ShipFast price cut in our hands the same day. "
           "Fastest I've seen marketing move, and it saved at least two deals.", "Hannah Schulz",
           "Sales director", "email"),
    praise("2026-06-30", "Sofia launched Returns early, gave sales what they needed to win against "
           "ShipFast, and rebuilt the pricing page on real evidence from users. To grow: share "
           "plans with sales leadership earlier so they hear it from you first.", "Daniel Reyes",
           "Director of product marketing (my manager)", "review"),
    praise("2026-07-28", "Thanks for coming to me before the peak season campaign budget went to "
           "the CMO. First marketing plan this year I didn't have to send back.", "Kenji Sato",
           "Finance", "email", competencies="Collaboration"),
    praise("2026-08-19", "Homepage finally says what we build. Numbers look great too.",
           "Tom Becker", "Product manager", "Slack"),
    praise("2026-09-11", "I know the trial emails weren't your area. You fixed it anyway and called "
           "the big prospects yourself. My team noticed.", "Laura Gómez", "Customer support lead",
           "email", competencies="Ownership"),
    praise("2026-09-28", "The interview prep sheet you gave me made my first customer call much less "
           "scary.", "Ravi Nair", "Content marketer", "1:1"),
    praise("2026-10-03", "Best booth we've ever had. 140 conversations! The returns calculator demo "
           "pulled people in all day.", "Lena Okoro", "Events manager", "Slack"),
    praise("2026-10-16", "Wave 1 of the peak season campaign is 35% over target on leads. Thanks for "
           "keeping everyone on the checklist.", "Grace Liu", "Demand generation manager", "Slack",
           competencies="Delivering results"),
    praise("2026-10-23", "Thank you for flagging the double-counted leads before the board saw them. "
           "That took courage, and it's exactly what I want from this team.", "Daniel Reyes",
           "Director of product marketing (my manager)", "1:1"),
    praise("2026-11-05", "Sofia is the rare marketer who makes a customer look good and gets the "
           "story right. Co-hosting the peak returns webinar with her was easy.", "Marcus Hale",
           "Operations lead, Northwind Freight", "LinkedIn"),
    praise("2026-11-10", "Sofia's competitive intel work is the reason our win rate against ShipFast "
           "went up. She joins calls when we need her.", "Hannah Schulz", "Sales director",
           "review", competencies="Customer focus"),
    praise("2026-11-13", "the pricing FAQ is saving us so much back and forth, thx!!", "Laura Gómez",
           "Customer support lead", "Slack"),
    praise("2026-11-17", "Sofia gives feedback that is specific and kind, and she lets me own the "
           "customer stories now.", "Ravi Nair", "Content marketer", "review",
           competencies="Leadership & mentoring"),
    praise("2026-11-18", "Next year I'd like you to lead Returns 2.0 from start to finish and grow "
           "Ravi into owning customer stories.", "Daniel Reyes",
           "Director of product marketing (my manager)", "1:1"),
    praise("2026-11-19", "The Returns launch brief for 2.0 is the clearest one I've had from "
           "marketing.", "Tom Becker", "Product manager", "email", competencies="Communication"),
]

ABOUT_LINES = [
    "Sample data for Advocate: one made-up year of work, so every page has something to show.",
    "Sofia Martins is a fictional product marketing manager at Parcelwise, a fictional shipping "
    "software company. All names, customers, competitors and figures are invented.",
    "Wins: one story per row (situation, what I did, outcome). Kudos: what colleagues and "
    "customers said. This sheet is notes only; the app skips it.",
    "To use your own evidence, download the empty template from the Import page and upload it.",
]
