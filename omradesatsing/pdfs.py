"""Every PDF the apps store (approved action plans and benefit plans, decision letters)
that should exist but does not yet: for versions frozen before PDFs were stored, made
while the server lacked WeasyPrint's libraries, or made by the demo data. Used by
`manage.py render_missing_pdfs` and `seed_demo`; what exists is left alone."""

from collections.abc import Iterator

from benefits.services import plans as benefit_plans
from nabolagspotten.services import letters
from portfolio.services import plans


def pdfs_render_missing() -> Iterator[str]:
    """Render and store each missing PDF, yielding its file name. Raises
    core.pdf.PdfUnavailable on a server without WeasyPrint's libraries."""
    for submission in plans.plan_pdfs_missing():
        plans.plan_pdf_render(submission_id=submission.pk)
        yield plans.plan_pdf_filename(submission)
    for submission in benefit_plans.plan_pdfs_missing():
        benefit_plans.plan_pdf_render(submission_id=submission.pk)
        yield benefit_plans.plan_pdf_filename(submission)
    for decision in letters.letter_pdfs_missing().select_related("application"):
        letters.letter_pdf_render(decision_id=decision.pk)
        yield letters.letter_filename(decision)
