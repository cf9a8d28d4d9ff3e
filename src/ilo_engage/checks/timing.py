"""The procedure's rules over time: every step dated (R013, R014) and no step overdue (R015–R019).

A step is overdue on an open contact from the day after its deadline ([deadlines] in
ilo-engage.toml), as of `ctx.today`: today for `validate`, `--today DATE` for a reproducible
run (CI passes the commit's date), the period's end for a report. Overdue is a warning, so
`validate --strict` fails on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Contact
from .base import Context
from .deadlines import overdue_steps
from .rules import WARNING, Place, Rule, rule


@rule("R013", WARNING, "3(b)", "referral in the old form",
      "a referral records where the enterprise was guided and when; run `ilo-engage fmt --fix` to rewrite "
      "`referred_to` as `referral`, then add its `date`")
def referral_in_old_form(contact: Contact, ctx: Context) -> Iterator[Place]:
    """`referred_to` (no date) is still read, but `referral` replaces it."""
    if contact.referred_to and contact.referral:
        yield ("referred_to",), "the contact has both `referral` and the old `referred_to`: keep `referral` only"
    elif contact.referred_to:
        yield ("referred_to",), "`referred_to` is the old form of `referral`, which also records the date"


@rule("R014", WARNING, "3", "step undated",
      "every step of the procedure carries its date, so that deadlines and the time each step took are known")
def contact_undated_steps(contact: Contact, ctx: Context) -> Iterator[Place]:
    """The referral and the closing (or declining) record their dates."""
    if contact.referral and contact.referral.date is None:
        yield ("referral",), "record when the enterprise was referred: `date:` under `referral`"
    if contact.status in ("closed", "declined") and contact.closed_on is None:
        yield ("status",), f"record when the contact was {contact.status}: `closed_on: YYYY-MM-DD`"


def _overdue(step: str) -> Callable[[Contact, Context], Iterator[Place]]:
    """The check that a pending `step` is not past its deadline."""

    def check(contact: Contact, ctx: Context) -> Iterator[Place]:
        for pending in overdue_steps(contact, ctx.office, ctx.deadlines, ctx.today):
            if pending.step == step:
                owner = f" ({pending.owner})" if pending.owner else ""
                yield ("status",), (
                    f"the {_NAMES[step]} was due by {pending.deadline}{owner}; record it: `{pending.command}`"
                )

    check.__doc__ = f"An open contact's {_NAMES[step]} is not past its deadline as of today."
    return check


_NAMES = {"share": "sharing", "analyse": "needs analysis", "consult": "consultation of the bureau",
          "refer": "referral", "follow-up": "technical lead's first follow-up"}

sharing_overdue = rule("R015", WARNING, "3(a)", "sharing overdue",
                       "the entry bureau shares the contact with the other bureau and its group secretariat "
                       "within [deadlines] shared working days")(_overdue("share"))
analysis_overdue = rule("R016", WARNING, "3(b)", "needs analysis overdue",
                        "the entry bureau makes the needs analysis within [deadlines] needs_analysis days "
                        "of the contact")(_overdue("analyse"))
consultation_overdue = rule("R017", WARNING, "3(b)", "consultation overdue",
                            "an ILO unit consults ACT/EMP or ACTRAV within [deadlines] consultation days "
                            "of its contact")(_overdue("consult"))
referral_overdue = rule("R018", WARNING, "3(b)", "referral overdue",
                        "the enterprise is referred to a technical lead within [deadlines] referral days "
                        "of the needs analysis or consultation")(_overdue("refer"))
follow_up_overdue = rule("R019", WARNING, "3(c)", "follow-up overdue",
                         "the technical lead follows up with the entry bureau within [deadlines] follow_up days "
                         "of the referral")(_overdue("follow-up"))

# The overdue rules, in the order of the procedure; the step each one watches.
DEADLINE_RULES: tuple[Rule, ...] = (
    sharing_overdue, analysis_overdue, consultation_overdue, referral_overdue, follow_up_overdue,
)
STEP_OF_RULE = {"R015": "share", "R016": "analyse", "R017": "consult", "R018": "refer", "R019": "follow-up"}
