"""Plausible Nabolagspotten data for the demo and the benchmark.

`generate_applications(years=5, per_year=4000, handler=...)` makes rounds with a budget per
area and applications spread over the years and over every status, with everything a case
of that status has gathered on its way: budget lines summing to the amount applied for,
the handler's habilitet and assessment, the decision (with its appeal deadline), messages,
payments, the final report and repayments, and the timeline (`CaseEvent`). Rows are written
with `bulk_create` (`bulk_create_with_history` for audited models, so every row has its
history), not through the services, so 20,000 applications take well under a minute.

`generate_demo(handler=..., leader=...)` makes the demo: an open round this year with at
least one application in every status, and last year's round with closed cases and
published grants. It does nothing when rounds exist already.

The rules the services keep hold here too: a decided case has one current `Decision` and
`amount_granted`; a paid case has payments summing to the grant; a reported case a
`FinalReport` (and a `Repayment` for money not used); every submitted case `submitted_at`
and `first_time`; and no round and area ever has more committed (as `services/ledger.py`
counts it) than its budget: a grant the budget cannot carry becomes a smaller grant or a
refusal. The same seed (and day) gives the same data.

- `words.py`: places, activities, names and the texts of the cases;
- `plans.py`: each case planned (its path through the statuses, times and money);
- `writer.py`: the planned cases written in bulk;
- `generate.py`: `generate_applications` and `generate_demo`.
"""

from nabolagspotten.demo.generate import DEMO_BUDGETS, generate_applications, generate_demo
from nabolagspotten.demo.plans import Generated, organisation_number

__all__ = [
    "DEMO_BUDGETS",
    "Generated",
    "generate_applications",
    "generate_demo",
    "organisation_number",
]
