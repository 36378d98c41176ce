"""Choosing what a draft tells: every story's significance, the stories a section tells (each
once), the quotes beside them, and the paragraphs in the user's words (core/writing/prose.py).

One Builder per draft holds what is already told where, so nothing is told twice. Stories are
chosen by significance (core.analysis.strength.significance): pinned stories always, left-out
ones never, the year's strongest always; recency balance only breaks near-ties.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from core.analysis.period import Period
from core.model import Dataset, Praise, Story
from core.text import meaningful
from core.writing.document import DraftOptions, Paragraph, Section, join_words, spoken_period
from core.writing.goals import goal_paragraph, grow_sentence, lesson_goal
from core.writing.naming import headline, in_month, name_clause, story_impact
from core.writing.prose import short_context, story_sentences
from core.writing.quotes import QUOTE_MAX_WORDS, attribution, quote_text
from core.writing.sentences import clean, lower_first, sentence
from core.writing.themes import THEME_MAX, themes

# How much each length puts in a section: stories, quotes, growth items, headline sentences.
_LENGTH = {
    "brief": {"stories": 2, "quotes": 1, "growth": 2, "summary": 3},
    "standard": {"stories": 3, "quotes": 1, "growth": 3, "summary": 4},
    "detailed": {"stories": 4, "quotes": 2, "growth": 4, "summary": 5},
}
_MUST_TELL = 5  # the year's strongest wins are told even when their section is full
_NEAR_DAYS = 45  # an untitled story's quotes come from within this many days of it
_LINK_POOL = 60  # quotes are matched to (at most) this many of the strongest wins
_THEME_POOL = 200  # related stories are looked for among (at most) this many of the strongest wins
_RECENCY_NUDGE = 0.03  # a last-quarter story yields only to an earlier one this close behind it
_GAP_GOALS = 3
NEXT_HEADING = "Next year"
# A story logged as a win that tells a setback ("Shipped 5 weeks late", "Forgot to hand over"):
# it feeds Next year, never the strongest wins. Read in the title, the action and the result only
# (a challenge is often a problem the user then solved).
_SETBACK = re.compile(
    r"\b(?:\d+ (?:days?|weeks?|months?) late|(?:shipped|finished|delivered|launched) late|forgot|"
    r"my mistake|i missed|missed (?:a|the|my)|overspent|over budget|should have|instead of flagging|"
    r"i broke|caused (?:an|the) (?:outage|incident))\b"
)  # matched on lower-cased text


@dataclass
class Item:
    story: Story
    significance: float
    impact: str
    level: str
    strength: float
    quarter: str | None


class Builder:
    """One draft's state: what is told where, so nothing is told twice."""

    def __init__(self, dataset: Dataset, period: Period, options: DraftOptions, strengths, links):
        from core.analysis.strength import score_story, significance

        self.period, self.options, self.links = period, options, links
        self.spoken = spoken_period(period)
        self.spec = _LENGTH[options.length]
        self.stories, praise = in_period(dataset, period)
        self.praise = [p for p in praise if not p.hidden]
        projects = Counter(_norm(s.project) for s in self.stories if _norm(s.project))
        self.items: dict[str, Item] = {}
        for story in self.stories:
            strength = (strengths or {}).get(story.id) or score_story(story)
            sig = significance(story, strength, projects.get(_norm(story.project), 1))
            quarter = period.quarter_of(story.date)
            self.items[story.id] = Item(
                story,
                sig.score,
                sig.impact,
                strength.level,
                strength.score,
                quarter.label if quarter else None,
            )
        out = set(options.left_out)
        setback = {i.story.id for i in self.items.values() if is_setback(i.story)}
        self.wins = sorted(
            (
                i
                for i in self.items.values()
                if i.story.story_kind == "win" and i.story.id not in out | setback
            ),
            key=rank,
        )
        self.growth = [
            i
            for i in self.items.values()
            if (i.story.story_kind != "win" or i.story.id in setback) and i.story.id not in out
        ]
        self.pinned = [i for i in options.pinned if i in self.items and i not in out]
        # story id -> its theme, for the wins a draft may tell: reading every story of a large
        # year for its subject costs more than the rest of the draft together.
        themed = self.wins[:_THEME_POOL] + [i for i in self.wins[_THEME_POOL:] if i.story.id in self.pinned]
        year = self.stories if len(self.stories) <= _THEME_POOL else None
        self.theme = themes([i.story for i in themed], year)
        from core.analysis.strength import SIGNIFICANT_AT

        top = [i for i in self.wins[:_MUST_TELL] if i.significance >= SIGNIFICANT_AT]
        self.must = {i.story.id for i in top} | set(self.pinned)  # told even when their section is full
        self.home: dict[str, str | None] = {}  # story id -> the competency it fits best with room
        self.told: dict[str, str] = {}  # story id -> heading of the section that tells it
        self.quoted: set[str] = set()
        self.lessons_told: set[str] = set()  # wins whose lesson is already a goal
        self.checklist: list[str] = []
        self.last = period.quarters[-1].label if period.quarters else None

    # --- choosing --------------------------------------------------------------------------

    def choose(self, pool: list[Item], k: int, heading: str) -> list[Item]:
        """Up to k untold stories of the pool, the must-tell ones always; recency breaks near-ties.
        A story comes with the untold stories of its theme in the pool (core/writing/themes.py),
        strongest first, up to THEME_MAX: related stories are told together or not at all."""
        free = [i for i in pool if i.story.id not in self.told]
        has_earlier = any(i.quarter != self.last for i in free)
        ranked = sorted(
            free,
            key=lambda i: (
                -(i.significance - (_RECENCY_NUDGE if has_earlier and i.quarter == self.last else 0.0)),
                i.story.date,
                i.story.id,
            ),
        )
        mates: dict[str, list[Item]] = {}
        for item in ranked:
            mates.setdefault(self.theme_of(item), []).append(item)
        chosen: list[Item] = []

        def take(item: Item) -> None:
            theme = self.theme_of(item)
            chosen.append(item)
            for mate in mates[theme]:
                if sum(self.theme_of(c) == theme for c in chosen) >= THEME_MAX:
                    break
                if mate not in chosen:
                    chosen.append(mate)

        for item in ranked:
            if item.story.id in self.must and item not in chosen:
                take(item)
        for item in ranked:
            if len(chosen) >= k:
                break
            if item not in chosen:
                take(item)
        for item in chosen:
            self.told[item.story.id] = heading
        return sorted(chosen, key=lambda i: (i.story.date, i.story.id))

    def theme_of(self, item: Item) -> str:
        return self.theme.get(item.story.id, item.story.id)

    def theme_leads(self, items: list[Item]) -> list[Item]:
        """The strongest item of each theme among `items`, strongest first."""
        leads: dict[str, Item] = {}
        for item in sorted(items, key=rank):
            leads.setdefault(self.theme_of(item), item)
        return list(leads.values())

    def quotes(self, pool: list[Praise], chosen: list[Item], k: int) -> list[Paragraph]:
        """Up to k unused quotes: those about a chosen story first (from any section's pool), then
        the section's own, skipping one that is about a story another section tells."""
        links = self._links()
        ids = {c.story.id for c in chosen}
        linked = {p.id: p for c in chosen for p in links.get(c.story.id, ()) if not p.hidden}
        elsewhere = {
            p.id for sid, quotes in links.items() if sid not in ids and self.home.get(sid) for p in quotes
        }
        candidates = [*linked.values(), *(p for p in pool if p.id not in linked and p.id not in elsewhere)]
        ranked = sorted(
            (p for p in candidates if p.id not in self.quoted),
            key=lambda p: (
                p.id not in linked,
                not p.author,
                not 8 <= len(p.text.split()) <= QUOTE_MAX_WORDS,
                p.date,
                p.id,
            ),
        )
        out = []
        for praise in ranked[:k]:
            self.quoted.add(praise.id)
            out.append(Paragraph("quote", [quote_text(praise)], [praise.id], attribution=attribution(praise)))
        return out

    def _links(self) -> dict[str, list[Praise]]:
        """{story id: quotes about it}: the caller's index, else built once (core.analysis.links)."""
        if self.links is None:
            from core.analysis.links import link_index

            # Only the stories a section may tell: linking every story of a large year costs more
            # than the rest of the draft together.
            ranked = self.wins[:_LINK_POOL] + [i for i in self.wins[_LINK_POOL:] if i.story.id in self.must]
            self.links = link_index([i.story for i in ranked], self.praise)
            for item in ranked:  # a story without a title: link by the words of what happened
                if not self.links.get(item.story.id) and not item.story.title.strip():
                    self.links[item.story.id] = _near_quotes(item.story, self.praise)
        return self.links

    # --- writing ---------------------------------------------------------------------------

    def story_paragraphs(self, chosen: list[Item]) -> list[Paragraph]:
        """One paragraph per theme: related stories (same project, link or subject) told together,
        in date order."""
        groups: dict[str, list[Item]] = {}
        for item in chosen:
            groups.setdefault(self.theme_of(item), []).append(item)
        out = []
        for members in groups.values():
            sentences: list[str] = []
            for index, item in enumerate(members):
                told = story_sentences(item.story, self.options.tone)
                if index and told:
                    told[0] = "Later, " + lower_first(told[0], item.story.text)
                sentences += told
            projects = {_norm(m.story.project) for m in members}
            lead = (
                short_context(members[0].story)
                if len(members) == 1
                else clean(members[0].story.project)
                if len(projects) == 1
                else ""
            )
            if lead and set(meaningful(lead)) <= set(meaningful(" ".join(sentences))):
                lead = ""  # "Rebrand" before "The rebrand had slipped ...": the story says it
            out.append(Paragraph("story", sentences, [m.story.id for m in members], lead=lead))
        return out

    def named(self, items: list[Item]) -> str:
        names = []
        for item in items:
            name = name_clause(item.story)
            impact = story_impact(item.story)
            if impact and impact.lower() not in name.lower() and not any(c.isdigit() for c in name):
                name += f" ({impact})"
            names.append(name)
        return join_words(names)

    def section(
        self,
        heading: str,
        pool: list[Item],
        quote_pool: list[Praise],
        claim: str,
        role: str,
        refs: list[Item] = (),
    ) -> Section:
        chosen = self.choose(pool, self.spec["stories"], heading)
        stories = self.story_paragraphs(chosen)
        quotes = self.quotes(quote_pool, chosen, self.spec["quotes"])
        paragraphs: list[Paragraph] = []
        if chosen and claim:
            best = self.theme_leads(chosen)[:3]  # a theme is named once, by its strongest story
            paragraphs.append(
                Paragraph(
                    "claim",
                    [sentence(claim.format(named=self.named(best)))],
                    [i.story.id for i in best],
                )
            )
        elif quotes and claim:
            paragraphs.append(Paragraph("claim", [sentence(f"Others noticed my work in {self.spoken}")]))
        paragraphs += stories[:1] + quotes + stories[1:]
        room = self.spec["stories"] - len(chosen)
        for item in [r for r in refs if r.story.id in self.told and r not in chosen][: max(0, min(room, 1))]:
            where = self.told[item.story.id]
            paragraphs.append(
                Paragraph(
                    "ref",
                    [sentence(f"This also shows {self.named([item])}, told under {where}")],
                    [item.story.id],
                )
            )
        return self.limited(heading, paragraphs, role)

    def limited(self, heading: str, paragraphs: list[Paragraph], role: str) -> Section:
        """A section held to the user's word and character limits."""
        limits = {"word_limit": self.options.word_limit, "char_limit": self.options.char_limit}
        return Section(heading, paragraphs, role=role, **limits)

    def summary(self) -> Section | None:
        """3-5 headline sentences across the whole period, at least one per quarter where possible."""
        told = [self.items[i] for i in self.told if self.items[i].story.story_kind == "win"]
        told = self.theme_leads(told)  # one headline per theme
        k = self.spec["summary"]
        lines: dict[str, str] = {}

        def line(item: Item) -> str:
            if item.story.id not in lines:
                lines[item.story.id] = headline(item.story)
            return lines[item.story.id]

        # A headline that says what I did ("I planned the migration ..."), not a stray phrase.
        said = [i for i in told[: 3 * k] if line(i).startswith("I ")]
        picked: list[Item] = []
        for quarter in self.period.quarters:
            best = next((i for i in said[: 2 * k] if i.quarter == quarter.label), None)
            if best:
                picked.append(best)
        for item in [*said, *told]:
            if len(picked) >= k:
                break
            if item not in picked:
                picked.append(item)
        picked = sorted(sorted(picked, key=rank)[:k], key=lambda i: i.story.date)
        if not picked:
            return None
        sentences = [sentence(in_month(item.story, line(item))) for item in picked]
        paragraph = Paragraph("story", sentences, [i.story.id for i in picked])
        return self.limited(f"{self.spoken} in brief", [paragraph], "summary")

    def goals(self, gaps: list[str], heading: str = NEXT_HEADING, role: str = "next") -> Section | None:
        """Next year's goals (core/writing/goals.py): each struggle, failure or lesson as goals in
        the user's words, then the story they come from; lessons logged on wins; then the
        competencies to grow. Never a quote."""
        untold = [i for i in self.growth if i.story.id not in self.told]  # two "improve" questions
        chosen = sorted(untold, key=rank)[: self.spec["growth"]]
        paragraphs: list[Paragraph] = []
        for item in sorted(chosen, key=lambda i: (i.story.date, i.story.id)):
            told = goal_paragraph(item.story, "I" if paragraphs else "Next year I")
            paragraphs.append(Paragraph("goal", told, [item.story.id]))
            self.told[item.story.id] = heading
        for item in self.wins:  # lessons logged on wins feed the goals too
            if len(paragraphs) > self.spec["growth"]:
                break
            if item.story.id in self.lessons_told:
                continue
            if told := lesson_goal(item.story, "I" if paragraphs else "Next year I"):
                paragraphs.append(Paragraph("goal", told, [item.story.id]))
                self.lessons_told.add(item.story.id)
        if gaps:
            grow = grow_sentence(gaps[:_GAP_GOALS], "I also" if paragraphs else "Next year I")
            paragraphs.append(Paragraph("goal", [grow]))
        if not paragraphs:
            return None
        return self.limited(heading, paragraphs, role)


def _near_quotes(story: Story, praise: list[Praise]) -> list[Praise]:
    """Quotes from within a few weeks of an untitled story that share two of its distinctive words
    (the links module matches titles, and many sheets have no title column)."""
    from core.analysis.links import distinctive_words, words

    mine = set(distinctive_words(" ".join((story.challenge, story.action, story.result))))
    near = [p for p in praise if abs((p.date - story.date).days) <= _NEAR_DAYS]
    return [p for p in near if len(mine & set(words(p.text))) >= 2][:3]


def is_setback(story: Story) -> bool:
    """A struggle or a failure, whatever its kind column says (see _SETBACK)."""
    if story.story_kind != "win":
        return True
    return bool(_SETBACK.search(" ".join((story.title, story.action, story.result)).lower()))


def in_period(dataset: Dataset, period: Period) -> tuple[list[Story], list[Praise]]:
    """(the stories, the praise) dated inside `period`: the only evidence a draft reads."""
    return (
        [s for s in dataset.stories if period.contains(s.date)],
        [p for p in dataset.praise if period.contains(p.date)],
    )


def _norm(text: str) -> str:
    return " ".join((text or "").lower().split())


def rank(item: Item) -> tuple:
    return (-item.significance, item.story.date, item.story.id)
