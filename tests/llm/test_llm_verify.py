"""The verifier on hand-written model outputs: what it lets through and what it stops, and why."""

from __future__ import annotations

import pytest

from core.llm.polish import ECHO, check_rewrite
from core.llm.verify import Evidence, verify

STORY = (
    "[S2, Feb 2026] Settlement kept missing its 6am deadline and finance closed late every month / "
    "Rewrote the settlement batch to run per merchant in parallel (8 workers) with Priya from the "
    "Payments team / Settlement now finishes by 3am, saving $9k/month, 40% less compute, "
    "and no P1 incident since"
)
BUILT_IN = (
    "When settlement kept missing its 6am deadline and finance closed late every month, I rewrote the "
    "settlement batch to run per merchant in parallel (8 workers). Settlement now finishes by 3am."
)
EVIDENCE = Evidence([BUILT_IN, STORY], ids=["S2"])
YOURS = ": your rating is yours to choose"
KEPT = ": the built-in paragraph stays."


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        # a paraphrase that keeps every fact passes
        ("Because settlement kept missing its 6am deadline, I rewrote the batch to run per merchant "
         "with 8 parallel workers; it now finishes by 3am.", None),
        ("Working with Priya and the Payments team, I cut compute by 40% and saved $9k/month.", None),
        ("I did this in February [S2, Feb 2026].", None),
        ("Compute fell by forty percent.", None),
        ("There has been no P1 incident since.", None),  # the evidence's own word, not a citation
        ("I rewrote the settlement batch; Later, it finished by 3am.", None),  # a joining word
        # an invented figure
        ("This cut settlement time by 65%.", "the figure “65%” is not in your evidence"),
        ("I saved the company $50k.", "the figure “$50k” is not in your evidence"),
        ("It ran on twelve workers.", "the figure “twelve” is not in your evidence"),
        ("Settlement time halved.", "“halved” is not in your evidence"),
        # a changed figure, or a figure given another meaning
        ("Settlement now finishes by 4am.", "the figure “4am” is not in your evidence"),
        ("I parallelised it over 9 workers.", "the figure “9” is not in your evidence"),
        ("Settlement now finishes in 3 hours.", "“3 hours” is not how your evidence gives 3"),
        ("Compute fell 8%.", "“8%” is not how your evidence gives 8"),
        ("It saved $40 a month.", "“$40” is not how your evidence gives 40"),
        # a new name (person, team, product, project), month or day
        ("I worked with Marcus on it.", "the name “Marcus” is not in your evidence"),
        ("The rewrite moved us onto Kubernetes.", "the name “Kubernetes” is not in your evidence"),
        ("Project Falcon shipped it.", "the name “Falcon” is not in your evidence"),
        ("I shipped it in April.", "the month “April” is not in your evidence"),
        ("I shipped it on a Friday.", "the day “Friday” is not in your evidence"),
        ("In Q3 it shipped.", "the name “Q3” is not in your evidence"),
        # a wrong citation
        ("I rewrote the settlement batch [S9, Feb 2026].", "it cites S9, which it was not given"),
        ("As P4 shows, settlement finishes by 3am.", "it cites P4, which it was not given"),
        # a claim of a rating
        ("This work exceeds expectations.", f"it claims a rating (“exceeds expectations”){YOURS}"),
        ("I deserve a promotion for it.", f"it claims a rating (“deserve a promotion”){YOURS}"),
        # text in a script the evidence does not use (small models drift into other languages)
        ("Settlement に通客 finishes by 3am.", "it has letters your evidence does not use (に通客)"),
    ],
)
def test_each_fact_must_come_from_the_evidence(output, reason):
    verdict = verify(output, EVIDENCE)
    if reason is None:
        assert verdict.ok, verdict.rejected
        assert verdict.text == output
    else:
        assert not verdict.kept
        assert reason in verdict.rejected[0].reasons


def test_a_failing_sentence_is_dropped_and_the_rest_kept():
    verdict = verify("I rewrote the settlement batch. It now saves $2m a year. It finishes by 3am.", EVIDENCE)
    assert verdict.kept == ["I rewrote the settlement batch.", "It finishes by 3am."]
    assert [r.sentence for r in verdict.rejected] == ["It now saves $2m a year."]


def test_the_first_word_of_a_sentence_may_be_capitalised_and_a_sentence_said_twice_is_dropped():
    verdict = verify("Thanks to the rewrite, settlement finishes by 3am. Thanks to the rewrite, settlement "
                     "finishes by 3am.", EVIDENCE)
    assert len(verdict.kept) == 1
    assert verdict.rejected[0].reasons == ("it repeats an earlier sentence",)


@pytest.mark.parametrize(
    ("answer", "polished", "note", "reason"),
    [
        ("I rewrote the settlement batch to run per merchant in parallel (8 workers) because settlement kept "
         "missing its 6am deadline. Now it finishes by 3am.", True, "", None),
        ("I rewrote the settlement batch. Settlement now finishes by 3am, 50% faster.", False,
         f"The rewrite left out 3am, 6am, 8{KEPT}", "the figure “50%” is not in your evidence"),
        ("Evidence:\n- [S2, Feb 2026] Settlement kept missing", False,
         "Nothing the model wrote could be kept.", ECHO),
        ("Because settlement kept missing its 6am deadline, I rewrote the settlement batch with 8 workers. "
         "Now it", False, f"The rewrite left out 3am{KEPT}", "it stops in the middle of a sentence"),
        ("", False, "Nothing the model wrote could be kept.", None),
    ],
)
def test_a_rewrite_falls_back_to_the_built_in_paragraph(answer, polished, note, reason):
    result = check_rewrite(BUILT_IN, answer, EVIDENCE)
    assert (result.polished is not None) == polished
    assert result.text == (result.polished if polished else BUILT_IN)
    assert result.note == note
    if reason:
        assert any(reason in r.reasons for r in result.rejected)
