"""Who may do what with reports: programme staff read them; the programme leader orders,
writes the summary, tries again and publishes. Anyone reads a published annual report on
the public page."""

from core.permissions import is_programme_staff


def can_view_reports(user) -> bool:
    return is_programme_staff(user)


def can_order_reports(user) -> bool:
    return is_programme_staff(user) and user.is_programme_leader


def can_edit_report(user, report) -> bool:
    return can_order_reports(user) and not report.is_published and not report.is_busy


def can_retry_report(user, report) -> bool:
    return can_order_reports(user) and report.status == report.Status.FAILED


def can_publish_report(user, report) -> bool:
    return (
        can_order_reports(user)
        and report.is_annual
        and report.status == report.Status.DONE
        and not report.is_published
    )


def can_retry_public_pdf(user, report) -> bool:
    return can_order_reports(user) and report.public_pdf_failed
