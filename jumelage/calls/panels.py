"""What calls add to earlier pages: the open calls on the home page, the cycle's calls on
the cycle page, and a side's to-do items about its call."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.pages import MY_SPACE
from jumelage.calls.models import Call
from jumelage.calls.outcomes import with_outcomes
from jumelage.calls.queries import applications_of
from jumelage.core import moments
from jumelage.core.pages import HOME_SECTIONS
from jumelage.core.registry import Sections
from jumelage.partnerships.enums import StageKind
from jumelage.partnerships.panels import CYCLE_PANELS, OPEN_TASK_CHECKS, Todo, stage_of
from jumelage.partnerships.permissions import visible_calls
from jumelage.partnerships.timeline import STAGE_OWNERS, OwnedDates

# What later stages add to the managers' page of an application (called with the actor
# and the application) and above the applicant's form (called with the application).
MANAGED_APPLICATION_SECTIONS = Sections("the managers' page of an application")
APPLICATION_FORM_NOTICES = Sections("notices above the applicant's form")


def register() -> None:
    HOME_SECTIONS.add("calls", order=100, template="calls/_home.html", context=_home)
    CYCLE_PANELS.add("calls", order=300, template="calls/_cycle_panel.html", context=_panel)
    OPEN_TASK_CHECKS.register("call", 300, _call_todo)
    MY_SPACE.add("applications", order=300, template="calls/_my_space.html", context=_my_space)
    STAGE_OWNERS.register("calls", 300, _call_dates)


def _call_dates(cycle) -> dict:
    """The open call stage spans the cycle's calls: the first opening to the last deadline,
    each on its side's calendar."""
    calls = list(Call.objects.filter(cycle=cycle).select_related("side").order_by("side_id"))
    if not calls:
        return {}
    opens = min(timezone.localtime(c.opens_at, c.side.tzinfo).date() for c in calls)
    closes = max(timezone.localtime(c.closes_at, c.side.tzinfo).date() for c in calls)
    owner = ", ".join(f"“{c.title}”" for c in calls)
    return {StageKind.CALL_OPEN: OwnedDates(opens, closes, owner)}


def _my_space(user) -> dict:
    """Always shown: with no application yet, it points to the open calls."""
    applications = applications_of(user).select_related("call__side")
    return {"applications": with_outcomes(applications)}


def open_and_upcoming_calls(now=None):
    """Published calls whose deadline has not passed, soonest deadline first."""
    now = now or timezone.now()
    return (
        Call.objects.filter(published=True, closes_at__gt=now)
        .select_related("side", "cycle__partnership")
        .order_by("closes_at")
    )


def _home(actor) -> dict:
    return {"calls": open_and_upcoming_calls()}


def _panel(actor, cycle) -> dict:
    calls = Call.objects.filter(cycle=cycle).select_related("side").order_by("side_id")
    return {"calls": visible_calls(actor, calls, cycle.partnership)}


def _call_todo(cycle, side, today):
    call = Call.objects.filter(cycle=cycle, side=side).first()
    if call is None:
        return Todo(_("Prepare this side's call for applications."))
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    if not call.published:
        opens = moments.day(timezone.localtime(call.opens_at, side.tzinfo).date())
        return Todo(_("Publish the call (it opens on %(date)s).") % {"date": opens}, url)
    return _nominations_due(cycle, side, today, call, url)


def _nominations_due(cycle, side, today, call, url):
    closed_on = timezone.localtime(call.closes_at, side.tzinfo).date()
    nominate = stage_of(cycle, StageKind.NOMINATE)
    if closed_on >= today or (nominate and nominate.ends_on < today):
        return None
    text = _("The call closed on %(date)s: nominate %(count)d teams from its applications.")
    return Todo(text % {"date": moments.day(closed_on), "count": cycle.nominations_per_side}, url)
