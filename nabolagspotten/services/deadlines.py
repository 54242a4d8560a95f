"""Deadlines in a case: the appeal deadline of a decision.

Forvaltningsloven § 29: the deadline to appeal is three weeks from when the letter reached
the party. Nabolagspotten sends the letter by e-mail, so it is received the day it is sent.
When the last day falls on a Saturday, a Sunday or a Norwegian public holiday, the deadline
moves to the next working day (domstolloven § 149, which the courts and the public
administration follow for deadlines given in days and weeks).
"""

from datetime import date, timedelta

APPEAL_PERIOD = timedelta(weeks=3)


def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> set[date]:
    """Norway's public holidays (helligdager and 1 and 17 May) in a year."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1),  # første nyttårsdag
        easter - timedelta(days=3),  # skjærtorsdag
        easter - timedelta(days=2),  # langfredag
        easter,  # første påskedag
        easter + timedelta(days=1),  # andre påskedag
        date(year, 5, 1),  # offentlig høytidsdag
        date(year, 5, 17),  # grunnlovsdag
        easter + timedelta(days=39),  # Kristi himmelfartsdag
        easter + timedelta(days=49),  # første pinsedag
        easter + timedelta(days=50),  # andre pinsedag
        date(year, 12, 25),  # første juledag
        date(year, 12, 26),  # andre juledag
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_deadline(received_on: date) -> date:
    """The last day to appeal a decision received on `received_on`."""
    return next_working_day(received_on + APPEAL_PERIOD)
