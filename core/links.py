"""Which praise quotes talk about which story, by rules a person can check.

A quote is linked to a story when (1) an extra column of the praise row such as `story` or
`about` names the story's id, title or project; (2) the quote names the story's project; or
(3) the quote uses two distinctive words of the story's title (one, when the title has a single
long distinctive word). No fuzzy scores: every link comes with a sentence saying why
(`link_reason`), so the user can see and trust it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from core.model import Praise, Story

# Extra columns (lower-cased header) in a praise sheet that point at a story.
STORY_COLUMNS = ("story", "story_id", "story id", "about", "re", "regarding", "for", "project")

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

# Words too common in work writing to tie a quote to one story.
_STOPWORDS_TEXT = """
    about above after again against also among and another any are around back been before being
    below between both but by can could did does doing done down during each even ever every few
    for from further get got great had has have having her here hers him his how into its itself
    just last like made make many more most much must new next not now off once only other our ours
    out over own same she should since some such than thank thanks that the their them then there
    these they this those through too under until upon very was way well were what when where which
    while who whom why will with within without would year you your yours really amazing awesome
    fantastic excellent good nice work worked working team teams project projects help helped
    helping thing things time times people everyone first second third big small better best
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case words of a text, possessive "'s" removed (so "Atlas's" matches "Atlas")."""
    out = []
    for word in _WORD.findall(text.lower()):
        word = re.sub(r"['’]s$", "", word)
        out.append(word)
    return out


def distinctive_words(text: str) -> list[str]:
    """Words of a title that could identify it: 4+ letters, not a stopword, not a bare number."""
    seen: list[str] = []
    for word in words(text):
        if len(word) >= 4 and word not in STOPWORDS and not word.isdigit() and word not in seen:
            seen.append(word)
    return seen


def _norm(text: str) -> str:
    return " ".join(words(text))


def _phrase_in(phrase: str, text_words: list[str]) -> bool:
    """True when the words of `phrase` appear consecutively in `text_words`."""
    target = words(phrase)
    if not target:
        return False
    n = len(target)
    return any(text_words[i : i + n] == target for i in range(len(text_words) - n + 1))


def _explicit_values(praise: Praise) -> list[str]:
    return [v for k, v in praise.extra.items() if k.strip().lower() in STORY_COLUMNS and str(v).strip()]


def link_reason(story: Story, praise: Praise) -> str | None:
    """Why this quote belongs to this story, in one sentence, or None when it does not."""
    for value in _explicit_values(praise):
        norm = _norm(value)
        names = [v for v in (story.id, story.title, story.project) if v.strip()]
        if any(norm == _norm(name) for name in names) or story.id.lower() in {
            p.strip().lower() for p in re.split(r"[;,]", value)
        }:
            return f"Its '{value}' column names this story"
    text_words = words(praise.text)
    if story.project.strip() and _phrase_in(story.project, text_words):
        return f"It names the project '{story.project.strip()}'"
    title_words = distinctive_words(story.title)
    shared = [w for w in title_words if w in set(text_words)]
    if len(shared) >= 2:
        return "It mentions " + " and ".join(f"'{w}'" for w in shared[:3]) + " from the title"
    if len(title_words) == 1 and shared and len(shared[0]) >= 6:
        return f"It mentions '{shared[0]}', the title's key word"
    return None


def linked_praise(story: Story, praise_list: Iterable[Praise]) -> list[Praise]:
    """The quotes about this story, in the order given (see `link_reason` for the rules)."""
    return [p for p in praise_list if link_reason(story, p) is not None]


def link_index(stories: Iterable[Story], praise_list: Iterable[Praise]) -> dict[str, list[Praise]]:
    """`linked_praise` for every story at once: {story id: [praise]}, only stories with links.

    Same rules, but candidate quotes are found through a word index, so 10,000 stories against
    thousands of quotes stays fast.
    """
    praise_list = list(praise_list)
    by_word: dict[str, list[int]] = defaultdict(list)
    explicit: list[int] = []
    for index, praise in enumerate(praise_list):
        for word in set(words(praise.text)):
            by_word[word].append(index)
        if _explicit_values(praise):
            explicit.append(index)
    out: dict[str, list[Praise]] = {}
    for story in stories:
        candidates: set[int] = set(explicit)
        project = words(story.project)
        if project:
            candidates.update(by_word.get(project[0], ()))
        for word in distinctive_words(story.title):
            candidates.update(by_word.get(word, ()))
        found = [praise_list[i] for i in sorted(candidates) if link_reason(story, praise_list[i])]
        if found:
            out[story.id] = found
    return out
