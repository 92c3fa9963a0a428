"""The call's submissions per day, from its opening to its deadline, drawn by core.charts."""

import datetime as dt

from django.utils.translation import gettext as _

from jumelage.core import charts, moments


def day_label(day: dt.date) -> str:
    return moments.day_of_month(day)


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=offset) for offset in range((last - first).days + 1)]


def submissions_per_day(counts: dict, first: dt.date, last: dt.date, today: dt.date):
    """One bar a day from `first` to `last` (the call's opening and deadline days); today's
    submissions apart, in a second colour, while the call is open."""
    days = days_between(first, last)
    submitted = [counts.get(day, 0) for day in days]
    series = {_("Submissions"): submitted}
    if today in days:
        series = {
            _("Submissions"): [
                0 if day == today else count for day, count in zip(days, submitted, strict=True)
            ],
            _("Today"): [
                count if day == today else 0 for day, count in zip(days, submitted, strict=True)
            ],
        }
    total = sum(submitted)
    return charts.daily(
        "submissions-per-day",
        _("%(total)s submissions, per day from the opening to the deadline") % {"total": total},
        _("Day"),
        days,
        series,
        day_label=day_label,
    )
