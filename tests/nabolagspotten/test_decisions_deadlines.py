"""The appeal deadline: three weeks from receipt, moved past weekends and Norwegian public
holidays (known dates)."""

from datetime import date

import pytest

from nabolagspotten.services.deadlines import (
    appeal_deadline,
    easter_sunday,
    is_working_day,
    public_holidays,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_the_public_holidays_of_2026():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 2),  # skjærtorsdag
        date(2026, 4, 3),  # langfredag
        date(2026, 4, 5),
        date(2026, 4, 6),  # andre påskedag
        date(2026, 5, 1),
        date(2026, 5, 14),  # Kristi himmelfartsdag
        date(2026, 5, 17),
        date(2026, 5, 24),
        date(2026, 5, 25),  # andre pinsedag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 11, 2), date(2026, 11, 23)),  # Monday → Monday three weeks on
        (date(2026, 11, 7), date(2026, 11, 30)),  # Saturday → Saturday → Monday
        (date(2026, 11, 8), date(2026, 11, 30)),  # Sunday → Sunday → Monday
        (date(2026, 3, 12), date(2026, 4, 7)),  # → Maundy Thursday → Tuesday 7 April
        (date(2026, 3, 16), date(2026, 4, 7)),  # → 6 April, andre påskedag → Tuesday 7 April
        (date(2026, 4, 26), date(2026, 5, 18)),  # → Sunday 17 May → Monday 18 May
        (date(2026, 4, 23), date(2026, 5, 15)),  # → Thursday 14 May, Ascension → Friday
        (date(2026, 5, 4), date(2026, 5, 26)),  # → Monday 25 May, Whit Monday → Tuesday
        (date(2026, 12, 5), date(2026, 12, 28)),  # → Saturday 26 Dec → Monday 28 Dec
        (date(2026, 12, 4), date(2026, 12, 28)),  # → Friday 25 Dec → 26 Sat, 27 Sun → 28
        (date(2026, 12, 11), date(2027, 1, 4)),  # → Friday 1 Jan 2027 → Monday 4 Jan
    ],
)
def test_appeal_deadline(received, deadline):
    assert appeal_deadline(received) == deadline
    assert is_working_day(deadline)
