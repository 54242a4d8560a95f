"""The record of staff access to applicants' personal data (the privacy page promises it;
the applicant's page shows it). Views record an access when they show or hand out the
data: a case page opened (GET), an attachment or a decision letter downloaded, an export."""

from datetime import timedelta

from django.utils import timezone

from nabolagspotten.models import Application, PersonalDataAccess

CASE_OPENED_EVERY = timedelta(hours=1)  # one record per handler and case per hour is enough


def access_record(*, user, application: Application | None, what: str) -> PersonalDataAccess:
    """Record that `user` opened `application`'s personal data (`PersonalDataAccess.What`)."""
    return PersonalDataAccess.objects.create(user=user, application=application, what=what)


def case_opening_record(*, user, application: Application) -> None:
    """Record that `user` opened the case page, unless they did within the last hour."""
    recently = PersonalDataAccess.objects.filter(
        user=user,
        application=application,
        what=PersonalDataAccess.What.CASE,
        at__gte=timezone.now() - CASE_OPENED_EVERY,
    ).exists()
    if not recently:
        access_record(user=user, application=application, what=PersonalDataAccess.What.CASE)
