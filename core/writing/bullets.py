"""Resume bullets: one line per story, a past-tense verb first, in the user's own words.

The shapes, from the best the user's words allow to the plainest:
- the result first, then how, when the result is itself something I did and what I did is a list
  of things I did: "Hired Jonas in five weeks by writing the role, running the interview loop ...";
- what I did, then the result: "..., so settlement now finishes by 3am" (a result with its own
  subject) or in brackets: "(-$9k/month, 22% of the team's AWS spend)", "(adopted by 4 teams)"
  (a figure, a phrase, a result without a subject);
- what I did alone (no result), the title alone (title only).
What I did is the action, else a title, description or context that starts with a past-tense verb.
When none does ("The same day I wrote ...", "Weekly editing sessions ..."), the user's own
sentence is kept as written: never a verb made up to lead it. The only words added are
JOINING_WORDS and the -ing form of the user's own verbs; every number of what I did and of the
result is kept.
"""

from __future__ import annotations

import re

from core.model import Story
from core.text import inert
from core.writing import sentences as grammar
from core.writing.builder import is_setback
from core.writing.prose import first_person
from core.writing.sentences import clean, is_past_verb, lower_first, lower_ordinary, sentence, strip_end

__all__ = ["JOINING_WORDS", "ing_form", "resume_bullet"]

# Every word a bullet may add to the user's own (a test checks it on the whole corpus).
JOINING_WORDS = frozenset(["by", "and", "so"])

# -ing forms of the irregular past verbs people start a line of work with; a verb not here and
# not regular gets no -ing form, and the bullet keeps the plainer shape.
_IRREGULAR_ING_TEXT = """
    began:beginning bought:buying brought:bringing built:building caught:catching chose:choosing
    cut:cutting did:doing drew:drawing drove:driving found:finding gave:giving got:getting
    grew:growing held:holding kept:keeping led:leading left:leaving made:making met:meeting
    oversaw:overseeing paid:paying put:putting ran:running rebuilt:rebuilding redid:redoing
    rethought:rethinking rewrote:rewriting sent:sending set:setting sold:selling spent:spending
    spoke:speaking taught:teaching told:telling took:taking undertook:undertaking won:winning
    wrote:writing sought:seeking dealt:dealing
    """
_IRREGULAR_ING = dict(pair.split(":") for pair in _IRREGULAR_ING_TEXT.split())
# After a result's first verb: words that make it passive ("Adopted by 4 teams") or active with
# an object ("Hired Jonas", "Cut the bill").
_PASSIVE_WORDS = "by in within on at after before ahead for across without as with"
_PASSIVE_NEXT = frozenset(_PASSIVE_WORDS.split())
_OBJECT_WORDS = "a an the my our their his her its this that these those every all both each"
_OBJECT_NEXT = frozenset(_OBJECT_WORDS.split())
# Words after an -ed word that make it the clause's verb ("approved the plan", "dropped from 30").
_FOLLOWS_WORDS = "from to up down off out against it them him her us me what some more two three four five"
_FOLLOWS_VERB = _OBJECT_NEXT | _PASSIVE_NEXT | frozenset(_FOLLOWS_WORDS.split())
# A word in a clause that may start a clause of its own inside it ("found we called X and re-fetched
# Y"): the -ing shape is not attempted past it.
_SUBORDINATE_WORDS = "i we they he she it that which who when while so because if would could"
_SUBORDINATE = frozenset(_SUBORDINATE_WORDS.split())
_CLAUSE_START = re.compile(r"(?:,\s+and\s+|,\s+|\s+and\s+)(?=(\S+))")


def ing_form(verb: str) -> str:
    """'Right-sized' -> 'right-sizing', 'wrote' -> 'writing', 'carried' -> 'carrying'; '' when
    unknown (an auxiliary like 'was', an irregular verb not in the table)."""
    head, _, low = verb.lower().rpartition("-")
    head = head + "-" if head else ""
    if low in _IRREGULAR_ING:
        return head + _IRREGULAR_ING[low]
    if not (is_past_verb(low) and low.endswith("ed") and low.isalpha()) or low in ("was", "were", "had"):
        return ""
    if low.endswith("ied"):
        return head + low[:-3] + "ying"
    if low.endswith("eed"):
        return head + low[:-1] + "ing"
    return head + low[:-2] + "ing"


def _how(did: str) -> str:
    """What I did as 'by' can take it: each clause's leading verb in its -ing form ("writing the
    role, running the loop and building ..."); '' when any clause does not start with a verb that
    has one, or may hold a clause of its own."""
    if re.search(r"[;:]", did):
        return ""
    starts = [0] + [m.start(1) for m in _CLAUSE_START.finditer(did) if is_past_verb(m.group(1))]
    if len(starts) > 4:
        return ""
    out, end = [], len(did)
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else end
        verb, _, rest = did[start:stop].partition(" ")
        words = {w.strip(",.;:()").lower() for w in rest.split()}
        ing = ing_form(verb)
        if not ing or words & _SUBORDINATE:
            return ""
        out.append(ing + (" " + rest if rest else ""))
    return "".join(out)


def _unsubject(text: str) -> str:
    """'I led the migration' -> 'led the migration': a resume line has no 'I'."""
    return re.sub(r"^I\s+(?=\S)", "", text)


def _what_i_did(story: Story, ctx: str) -> tuple[str, bool]:
    """(what I did, whether it starts with a past-tense verb). Verb-led: the action's first sentence
    (its `;` list joined), plus later sentences that hold a figure or complete a short first one.
    Else a verb-led title, description or context. Else the user's own first sentence as written
    (the title only when there is no result: "Hiring loop" does not lead "we hired 4 engineers")."""
    action = clean(story.action)
    told = grammar.split_sentences(first_person(action, ctx)) if action else []
    if told and told[0].startswith("I ") and is_past_verb(_unsubject(told[0]).split()[0]):
        parts = [_unsubject(strip_end(told[0]))]
        for piece in told[1:]:
            thin = len(parts[0].split()) <= 4 and is_past_verb(_unsubject(piece).split()[0])
            if re.search(r"\d", piece) or thin:
                parts.append(lower_first(_unsubject(strip_end(piece)), ctx + " then also later"))
        plain = len(parts) == 2 and not re.search(r",| and ", " ".join(parts))
        return grammar.upper_first((" and " if plain else "; ").join(parts)), True
    for text in (story.title, story.description, story.challenge):
        if grammar.verb_led(text) and not grammar.split_sentences(clean(text))[1:]:
            return grammar.upper_first(strip_end(clean(text))), True
    title = "" if clean(story.result) else clean(story.title)  # a title is a bullet only on its own
    own = grammar.split_sentences(action or clean(story.description) or title)
    kept = [sentence(p) for i, p in enumerate(own) if i == 0 or re.search(r"\d", p)]
    return strip_end(" ".join(kept)), False


def _results(story: Story, did: str) -> list[str]:
    """The result's first sentence and every later one with a figure, unless what I did says it."""
    pieces = grammar.split_sentences(story.result)
    kept = [strip_end(p) for i, p in enumerate(pieces) if i == 0 or re.search(r"\d", p)]
    return [p for p in kept if p and p.lower() not in did.lower()]


def _has_verb(text: str) -> bool:
    """Is the result a clause with its own verb ("settlement now finishes by 3am", "Leadership
    approved the plan"), not a fragment whose only -ed word reads as an adjective ("38 qualified
    leads", "live as planned", "80% of staff vaccinated (first time)", "one offer accepted so far")?"""
    raw = clean(text).split()
    words = [w.strip(",.;:()").lower() for w in raw]
    for index, word in enumerate(words):
        before = words[index - 1] if index else ""
        after = raw[index + 1] if index + 1 < len(raw) else ""
        if before == "as" or before[:1].isdigit() or not grammar.is_clause(word):
            continue
        if word.endswith("ed") and not (
            after.lower() in _FOLLOWS_VERB or after[:1].isdigit() or after[:1].isupper() or after[:1] == "$"
        ):
            continue  # "vaccinated (first", "accepted so far": the verb "were" is missing
        return True
    return False


def _bracketed(did: str, results: list[str], ctx: str) -> str:
    """'did (result; result)': a trailing bracket inside a result becomes a comma, and what I did
    that already ends in a bracket takes the result after a dash."""
    inner = "; ".join(lower_ordinary(re.sub(r"\s*\(([^()]*)\)$", r", \1", r), ctx) for r in results)
    return f"{did} — {inner}" if did.endswith(")") else f"{did} ({inner})"


def resume_bullet(story: Story) -> str:
    """One resume line, inert text (see `bullet_text`)."""
    return inert(bullet_text(story))


def bullet_text(story: Story) -> str:
    """One resume line: 'Hired Jonas in five weeks by writing the role, ...', 'Rewrote the
    settlement batch ..., so settlement now finishes by 3am', 'Added an index on
    orders.created_at (admin search 8s -> 300ms)'; the user's own sentence when no verb leads it."""
    ctx = story.text
    did, verb_first = _what_i_did(story, ctx)
    results = _results(story, did)
    if not results:
        return sentence(did) if did else ""
    first = results[0]
    if not did:
        return sentence(_unsubject(first) if re.match(r"I [a-z]", first) else "; ".join(results))
    words = first.split()
    if is_past_verb(words[0]) and words[0][1:].islower():  # "Hired Jonas ...", "Adopted by 4 teams"
        second = words[1].strip(",;:()\"'") if len(words) > 1 else ""
        active = second.lower() in _OBJECT_NEXT or second[:1].isdigit() or second.istitle()
        how = _how(did) if verb_first and active and len(results) == 1 else ""
        mine = re.search(r"\b(?:I|my|me)\b", first)  # "Used what I learned": not a result to lead with
        if how and second.lower() not in _PASSIVE_NEXT and not mine and not is_setback(story):
            return sentence(f"{first} by {how}")
        return sentence(_bracketed(did, results, ctx))
    if grammar.is_bare_figure(" ".join(results)) or not _has_verb(first):
        return sentence(_bracketed(did, results, ctx))
    rest = [lower_ordinary(r, ctx) for r in results[1:]]
    if not grammar.fits_mid_sentence(first, ctx):  # "Kenji got ...": its own sentence
        return f"{sentence(did)} {sentence('; '.join([first, *rest]))}"
    clause = "; ".join([lower_first(first, ctx), *rest])
    if re.search(r"\bso\b", did):
        return sentence(f"{did}; {clause}")
    return sentence(f"{did}, so {clause}")
