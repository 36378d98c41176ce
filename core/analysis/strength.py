"""How convincing a story is, scored the way a review coach would read it.

The score is a plain weighted checklist, so every point can be explained: challenge, action and
result present; the result quantified (a number, %, money, time, people); told in first person
and past tense; corroborated by a linked quote or a link; the user's own impact rating when
given. `reasons` say what already works, `tips` say what to add; both are shown beside the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from core.analysis.links import linked_praise
from core.digest import content_hash
from core.model import Praise, Story

LEVELS = ("strong", "solid", "thin")
STRONG_AT = 0.75  # score >= this is "strong"
SOLID_AT = 0.5  # score >= this is "solid", below is "thin"

WEIGHTS = {
    "challenge": 0.15,
    "action": 0.15,
    "result": 0.20,
    "quantified": 0.20,
    "first_person": 0.05,
    "past_tense": 0.05,
    "corroborated": 0.10,
    "impact": 0.10,  # only counted when the story has an impact rating (1-5)
}


@dataclass(frozen=True)
class Strength:
    score: float  # 0..1
    level: str  # "strong" | "solid" | "thin"
    reasons: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)


_NUM = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:k|m|bn|million|billion|thousand)\b)?"
# (kind shown to the user, pattern); the first match is quoted in the reason.
QUANTITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("a percentage", rf"[-+]?{_NUM}\s?(?:%|percent\b|per cent\b|pct\b|percentage points?\b)"),
        ("money", rf"[$€£¥]\s?{_NUM}{_SCALE}"),
        ("money", rf"\b{_NUM}{_SCALE}\s?(?:usd|eur|gbp|dollars|euros|pounds)\b"),
        (
            "time",
            rf"\b{_NUM}(?:s|\s?(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|"
            r"weeks?|months?|years?|sprints?))\b",
        ),
        (
            "people reached",
            rf"\b{_NUM}{_SCALE}\s?(?:\w+\s)?(?:people|users|customers|clients|engineers|developers|"
            r"teams|students|members|employees|staff|colleagues|patients|attendees|participants|"
            r"hires|reports|stakeholders|partners|subscribers|visitors|learners|volunteers)\b",
        ),
        ("a multiple", rf"\b{_NUM}\s?x\b|\b(?:doubled|tripled|quadrupled|halved|tenfold)\b"),
        ("a number", rf"(?<![\w.])[-+]?{_NUM}{_SCALE}(?![\w.])"),
    )
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")

_FIRST_PERSON = re.compile(r"\bI\b|\b(?:I'm|I've|I'd|me|my|mine|myself|we|our|us|ourselves)\b")
_FIRST_PERSON_CI = re.compile(r"\b(?:me|my|mine|myself|we|our|us|ourselves)\b", re.IGNORECASE)

_IRREGULAR_PAST_TEXT = """
    became began bought brought built caught chose came cut did drew drove fell felt fought found
    flew forgot gave got grew had heard held hid hit kept knew laid led left lent let lost made meant
    met oversaw paid put ran rebuilt redid rethought rewrote rode rose said sat saw sent set shook
    shot showed shown shut sold spent spoke stood stole struck swore taught thought threw told took
    understood undertook went were was won wore wrote froze wove woke tore swept slept dealt fled sought
    sank sprang spun stuck strove bent sped fed
"""
IRREGULAR_PAST = frozenset(_IRREGULAR_PAST_TEXT.split())
# Words ending in -ed that are not past-tense verbs.
_NOT_PAST_TEXT = "need feed seed speed bed red shed hundred indeed proceed exceed succeed embed"
_NOT_PAST = frozenset(_NOT_PAST_TEXT.split())
_AUXILIARY = frozenset(["was", "were", "had", "did", "got"])


# A bare number is the result only when it is one: "went from 40 to 65", not "after 8 user tests".
_CHANGE = re.compile(rf"(?:\bfrom\s+)?{_NUM}{_SCALE}\s*(?:->|→|\bto\b)\s*{_NUM}{_SCALE}", re.IGNORECASE)
_COUNTED = re.compile(
    r"\s*(?:[a-z/-]+\s)?(?:tests?|interviews?|meetings?|calls?|sessions?|workshops?|rounds?|drafts?|"
    r"versions?|iterations?|surveys?|reminders?|steps?|slides?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def quantity(text: str) -> tuple[str, str] | None:
    """The first figure in a text as (kind, matched text), ignoring bare years like 2025."""
    for kind, pattern in QUANTITY_PATTERNS:
        if kind == "a number" and (change := _CHANGE.search(text)):
            return kind, change.group(0).strip()
        for match in pattern.finditer(text):
            found = match.group(0).strip()
            bare = found.lstrip("+-")
            if _YEAR.match(bare) or (kind == "time" and _YEAR.match(bare[:-1])):
                continue  # a year ("in 2025") or a decade ("the 1990s") is not a result
            if kind == "a number" and (bare in {"0", "1"} or _COUNTED.match(text, match.end())):
                continue  # "1", or how much work went in ("8 user tests") rather than what came out
            return kind, found
    return None


def first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(text) or _FIRST_PERSON_CI.search(text))


_LETTERS = re.compile(r"[A-Za-z]+")


def past_tense_verbs(text: str) -> list[str]:
    """Past-tense-looking words: regular -ed verbs and common irregular ones."""
    found: dict[str, None] = {}  # ordered set: a long text repeats its verbs
    for word in dict.fromkeys(_LETTERS.findall(text)):  # each spelling checked once
        low = word.lower()
        if low in IRREGULAR_PAST or (len(low) >= 4 and low.endswith("ed") and low not in _NOT_PAST):
            found[low] = None
    return list(found)


def level_of(score: float) -> str:
    return "strong" if score >= STRONG_AT else "solid" if score >= SOLID_AT else "thin"


@dataclass(frozen=True)
class TextFacts:
    """What the score reads in a story's own words with regular expressions (the costly part of
    scoring): it depends only on the story's text, so core.analysis.scorebook keeps it by content."""

    figure: tuple[str, str] | None  # quantity() of the result
    phrase: str  # impact_phrase() when there is no figure
    first_person: bool
    verbs: tuple[str, ...]  # past_tense_verbs() of action, result and description


def _told(story: Story) -> tuple[str, str, str, str]:
    return story.challenge.strip(), story.action.strip(), story.result.strip(), story.description.strip()


class _ReadingMemo:
    """What the regular expressions read in stories' own words, by a digest of those words.

    Why: the Timeline, Competencies and Draft each read the same stories (1,000-1,300 a year at
    10,000 over a decade), and the reading took 0.1-0.2 s of each page's first visit. Keyed by
    content, so an edited story is read again; bounded, so a long-running server starts afresh.
    Shared by every session and the background warm-up (ui.warmup): a dict is safe under the GIL.
    """

    SIZE = 50_000  # readings kept per kind (about 10 MB at that size)

    def __init__(self) -> None:
        self._kept: dict[str, object] = {}

    def get(self, story: Story, read):
        key = content_hash(story.title, story.challenge, story.action, story.result, story.description,
                           story.metric)
        hit = self._kept.get(key)
        if hit is None:
            hit = read(story)
            if len(self._kept) >= self.SIZE:
                self._kept.clear()
            self._kept[key] = hit
        return hit


_FACTS_READ, _SIGNALS_READ = _ReadingMemo(), _ReadingMemo()


def text_facts(story: Story) -> TextFacts:
    return _FACTS_READ.get(story, _read_facts)


def _read_facts(story: Story) -> TextFacts:
    challenge, action, result, description = _told(story)
    quant_text = " ".join(t for t in (result, story.metric, description if not result else "") if t)
    figure = quantity(quant_text)
    told = " ".join(t for t in (challenge, action, result, description) if t)
    return TextFacts(figure, "" if figure else impact_phrase(quant_text), first_person(told),
                     tuple(past_tense_verbs(" ".join(t for t in (action, result, description) if t))))


def score_story(
    story: Story, praise: Iterable[Praise] = (), *, linked: bool = False, facts: TextFacts | None = None
) -> Strength:
    """Score a story 0..1 with the reasons and the tips a coach would give.

    `praise` may be the whole praise list: only the quotes `linked_praise` ties to this story
    count as corroboration (passing the already-linked quotes gives the same result; at most
    `core.analysis.links.MAX_LINKS` are kept, so "Backed by N linked quotes" counts those).
    `linked=True` says `praise` is already `link_index`'s list for this story: it is not
    checked again (at 10,000 + 10,000 that re-check was half the Timeline's first load).
    `facts` are `text_facts(story)` when the caller kept them.
    """
    earned: dict[str, float] = {}
    reasons: list[str] = []
    tips: list[str] = []
    challenge, action, result, description = _told(story)
    facts = facts or text_facts(story)
    car_missing = not (challenge or action or result)

    def credit(part: str, reason: str) -> None:
        earned[part] = 1.0
        reasons.append(reason)

    if challenge:
        credit("challenge", "Challenge is described")
    else:
        tips.append("Say what the challenge was: what was at stake, and why it was hard")
    if action:
        credit("action", "Action is described")
    elif description and car_missing:
        credit("action", "Description says what happened")
        tips.append("Split the description into challenge, action and result")
    else:
        tips.append("Say what you did yourself: the steps, the decisions")
    if result:
        credit("result", "Result is described")
    elif not car_missing:
        tips.append("Add the result: what changed because of your work")

    figure, phrase = facts.figure, facts.phrase
    if figure:
        earned["quantified"] = 1.0
        kind, found = figure
        reasons.append(f"Result is quantified: {found}" + ("" if kind == "a number" else f" ({kind})"))
    elif phrase:
        earned["quantified"] = 1.0
        reasons.append(f"Result states its impact in words: {phrase}")
    else:
        tips.append("Add a number to the result: %, money, time saved, or people reached")

    if facts.first_person:
        earned["first_person"] = 1.0
        reasons.append("Told in first person")
    else:
        tips.append('Tell it in first person: "I led…", "we shipped…"')
    verbs = facts.verbs
    if verbs:
        earned["past_tense"] = 1.0
        shown = [v for v in verbs if v not in _AUXILIARY] or verbs  # "were" says nothing to a reader
        reasons.append("Told as things that were done (" + ", ".join(shown[:3]) + ")")
    else:
        tips.append('Use past-tense verbs for what you did: "built", "reduced", "led"')

    praise = list(praise)
    quotes = praise if linked or not praise else linked_praise(story, praise)
    if quotes:
        earned["corroborated"] = 1.0
        who = ", ".join(dict.fromkeys(q.author for q in quotes if q.author)) or "a colleague"
        reasons.append(f"Backed by {len(quotes)} linked quote{'s' if len(quotes) > 1 else ''} ({who})")
    elif story.link.strip():
        earned["corroborated"] = 1.0
        reasons.append("Backed by a link to the work")
    else:
        tips.append("Corroborate it: add a link, or a quote from someone who saw the result")

    possible = sum(w for k, w in WEIGHTS.items() if k != "impact")
    if story.impact is not None:
        impact = max(1, min(5, int(story.impact)))
        earned["impact"] = impact / 5
        possible += WEIGHTS["impact"]
        reasons.append(f"You rated its impact {impact}/5")
    score = sum(WEIGHTS[k] * v for k, v in earned.items()) / possible
    score = round(min(1.0, max(0.0, score)), 4)
    return Strength(score, level_of(score), reasons, tips)


# --- significance: how big the work was (the draft chooses by it) ----------------------------

# Impact people state without a digit. Each is a regex over the story's words; the matched text is
# quoted in the reason and may stand in for a figure in the draft's headlines.
IMPACT_PHRASES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\b(?:zero|no|without(?: any)?)\s+(?:downtime|outages?|data loss|lost data|incidents?|"
        r"regressions?|rollbacks?|customer[- ]facing (?:errors?|impact)|errors|complaints|escalations)\b",
        r"\bno (?:customers?|users?|one|clients?) (?:noticed|was affected|were affected|complained)\b",
        r"\b(?:all|every) (?:accounts?|customers?|users?|teams?|services?|regions?|clients?|stores?)\b(?!-)",
        r"\bfirst time(?: in (?:a|\w+) (?:years?|months?))?\b|\bfor the first time\b",
        r"\b(?:on|ahead of) (?:schedule|time|budget)\b|\bunder budget\b",
        r"\b(?:record|all-time) (?:high|low)\b|\bbest[- ]ever\b",
    )
)
# Scope: the reach of the work (who it touched, how much the user carried). Each kind is a set of
# words, word beginnings or a pattern; checked on the story's lower-cased words in one pass.
SCOPE_KINDS: tuple[tuple[frozenset[str], tuple[str, ...], re.Pattern[str] | None], ...] = (
    (
        frozenset(
            ["led", "lead", "owned", "drove", "ran", "headed", "coordinated", "architected", "designed"]
        ),
        (),
        None,
    ),
    (
        frozenset(("rollout",)),
        ("migrat", "launch", "re-platform", "replatform", "re-architect", "rearchitect", "overhaul"),
        re.compile(r"\brolled out\b"),
    ),
    (
        frozenset(),
        (),
        re.compile(
            r"\bacross (?:\w+ )?(?:teams?|departments?|orgs?|organi[sz]ations?|regions?|"
            r"the company)\b"
        ),
    ),
    (frozenset(["cross-team", "cross-functional", "company-wide", "org-wide", "end-to-end"]), (), None),
    (
        frozenset(["million", "billion", "thousand", "thousands", "hundreds"]),
        (),
        re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:m|bn|k)\b"),
    ),
    (frozenset(["hired", "hiring", "taught", "teaching"]), ("mentor", "onboard", "coach"), None),
    (frozenset(["promoted", "renewed", "adopted", "won", "launched"]), (), None),
)
_TOKENS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IMPACT_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in IMPACT_PHRASES))  # on lower-cased text
SIGNIFICANT_AT = 0.6  # a win at or above this is among the year's big ones


@dataclass(frozen=True)
class Significance:
    score: float  # 0..1: how big the work was, not how well it is written up
    reasons: list[str] = field(default_factory=list)
    impact: str = ""  # the figure or the digit-less impact phrase a headline can show


@lru_cache(maxsize=8192)
def impact_phrase(text: str) -> str:
    """The first digit-less impact phrase in a text ("zero downtime", "all accounts"), or ''."""
    low = text.lower()
    found = _IMPACT_ANY.search(low)
    if not found:
        return ""
    return text[found.start() : found.end()] if len(low) == len(text) else found.group(0)


@lru_cache(maxsize=16)
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")[a-z-]*")


def scope_words(text: str) -> list[str]:
    """One word per kind of scope the text shows ("led", "migration", "across two teams")."""
    low = text.lower()
    words = _TOKENS.findall(low)
    present = set(words)
    out = []
    for exact, prefixes, pattern in SCOPE_KINDS:
        hit = next(iter(sorted(exact & present)), None)
        if hit is None and prefixes and (found := _prefix_pattern(prefixes).search(low)):
            hit = found.group(0)
        if hit is None and pattern is not None and (found := pattern.search(low)):
            hit = found.group(0)
        if hit:
            out.append(hit)
    return out


def _read_signals(story: Story) -> tuple[tuple[str, str] | None, str, tuple[str, ...], str]:
    """(measured result, impact in words, scope words, impact said in the result itself)."""
    result_text = " ".join(t for t in (story.result, story.metric, story.description) if t)
    all_text = " ".join(t for t in (story.title, story.challenge, story.action, result_text) if t)
    said = impact_phrase(result_text)  # "zero downtime" in the result says more than "14 minutes"
    return (quantity(result_text), impact_phrase(" ".join((result_text, story.action))),
            tuple(scope_words(all_text)), said)


def significance(story: Story, strength: Strength | None = None, project_size: int = 1) -> Significance:
    """How big a story's work was: its strength, its impact (with or without digits), its scope,
    its size (`project_size` stories on the same project) and the user's own impact rating.

    Kept apart from `score_story`: a tidy write-up of a small fix is strong but not significant,
    and a terse line about a billion-row migration with zero downtime is the reverse.
    """
    strength = strength or score_story(story)
    figure, phrase, scope, said = _SIGNALS_READ.get(story, _read_signals)
    reasons: list[str] = []
    points = 0.3 * strength.score
    if figure:
        points += 0.2
        reasons.append(f"a measured result ({figure[1]})")
    if phrase:
        points += 0.2 if not figure else 0.1
        reasons.append(f"impact in words ({phrase})")
    if scope:
        points += min(0.25, 0.1 * len(scope))
        reasons.append("scope (" + ", ".join(scope[:3]) + ")")
    if project_size > 1:
        points += min(0.15, 0.05 * (project_size - 1))
        reasons.append(f"one of {project_size} stories on {story.project.strip()}")
    if story.impact is not None:
        rating = max(1, min(5, int(story.impact)))
        points += 0.03 * (rating - 3)
        if rating >= 4:
            reasons.append(f"you rated its impact {rating}/5")
    if story.story_kind != "win":
        points *= 0.5
    impact = said or (figure[1] if figure and figure[0] != "a number" else phrase)
    return Significance(round(max(0.0, min(1.0, points)), 4), reasons, impact)
