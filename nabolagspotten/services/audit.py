"""The record of staff access to applicants' personal data (the privacy page promises it;
the applicant's page shows it)."""

from nabolagspotten.models import PersonalDataAccess


def log_access(user, application, what: str) -> None:
    """Record that `user` opened `application`'s personal data (`PersonalDataAccess.What`)."""
    PersonalDataAccess.objects.create(user=user, application=application, what=what)
