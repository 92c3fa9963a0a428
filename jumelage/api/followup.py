"""Followed teams' outcomes and milestones, as the follow-up pages show them
(followup.permissions.can_follow): both cities' managers follow every team of their
partnership, a host's staff the teams it hosts."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.accounts.permissions import staffed_organisation_ids
from jumelage.api.common import PageQuery, cycle_or_404, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import MilestoneOut, OutcomeOut
from jumelage.calls.models import Application
from jumelage.followup import permissions
from jumelage.followup.enums import Stage
from jumelage.followup.models import Milestone, Outcome
from jumelage.partnerships.permissions import is_partnership_manager

router = Router(tags=["followup"])


def followed_teams(user, cycle):
    """The cycle's applications `user` follows: `permissions.can_follow` as one query
    (tests/api/test_api_followup.py checks that the two agree)."""
    teams = Application.objects.filter(call__cycle=cycle)
    if not user.is_authenticated:
        return teams.none()
    if is_partnership_manager(user, cycle.partnership):
        return teams
    hosts = staffed_organisation_ids(user)
    return teams.filter(residencies__offer__organisation_id__in=hosts).distinct()


def _team_or_404(user, application_id):
    application = get_object_or_404(
        Application.objects.select_related("call__cycle__partnership"), pk=application_id
    )
    if not permissions.can_follow(user, application):
        raise Http404
    return application


@router.get("/outcomes", response=listing(OutcomeOut))
def list_outcomes(request, cycle: int, paging: Query[PageQuery]):
    """The outcomes of the cycle's teams the token's owner follows."""
    teams = followed_teams(request.user, cycle_or_404(cycle))
    outcomes = Outcome.objects.filter(application__in=teams.values("pk"))
    return page(request, outcomes, OutcomeOut, paging)


@router.get("/applications/{application_id}/outcome", response=one(OutcomeOut))
def get_outcome(request, application_id: int):
    team = _team_or_404(request.user, application_id)
    return detail(request, get_object_or_404(Outcome, application=team), OutcomeOut)


@router.get("/milestones", response=listing(MilestoneOut))
def list_milestones(
    request,
    cycle: int,
    paging: Query[PageQuery],
    stage: Stage | None = None,
    application: int | None = None,
):
    """The milestones of the cycle's followed teams, by stage or team when asked."""
    teams = followed_teams(request.user, cycle_or_404(cycle))
    milestones = Milestone.objects.filter(application__in=teams.values("pk"))
    if stage is not None:
        milestones = milestones.filter(stage=stage)
    if application is not None:
        milestones = milestones.filter(application_id=application)
    return page(request, milestones, MilestoneOut, paging)
