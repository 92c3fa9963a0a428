"""A followed team's page: its path of milestones, the next one to validate, its outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jumelage.followup import permissions, queries, services
from jumelage.followup.forms import MilestoneForm, OutcomeForm
from jumelage.followup.models import Outcome


def _team_for(user, pk):
    application = queries.team_or_404(pk)
    permissions.require(permissions.can_follow(user, application))
    return application


def _outcome_of(application) -> Outcome:
    return Outcome.objects.filter(application=application).first() or Outcome(
        application=application
    )


def _page(request, application, milestone_form=None, outcome_form=None, status=200):
    context = {
        "team": application,
        "path": queries.path_of(application),
        "next_stage": queries.next_stage(application),
        "milestone_form": milestone_form or MilestoneForm(),
        "outcome_form": outcome_form or OutcomeForm(instance=_outcome_of(application)),
    }
    return render(request, "followup/team.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def team(request, pk):
    return _page(request, _team_for(request.user, pk))


@login_required
@require_POST
def milestone_validate(request, pk):
    application = _team_for(request.user, pk)
    form = MilestoneForm(request.POST)
    stage = request.POST.get("stage", "")
    if not form.is_valid():
        return _page(request, application, milestone_form=form, status=400)
    try:
        services.validate_milestone(request.user, application, stage, **form.cleaned_data)
    except (ValidationError, ValueError) as error:
        form.add_error(None, _invalid_stage(error))
        return _page(request, queries.team_or_404(pk), milestone_form=form, status=409)
    messages.success(request, _("The milestone is validated."))
    return redirect("followup:team", pk)


def _invalid_stage(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _("Choose a stage of the path.")


@login_required
@require_POST
def outcome_save(request, pk):
    application = _team_for(request.user, pk)
    form = OutcomeForm(request.POST, instance=_outcome_of(application))
    if not form.is_valid():
        return _page(request, application, outcome_form=form, status=400)
    services.save_outcome(request.user, form.instance)
    messages.success(request, _("The outcomes are saved."))
    return redirect("followup:team", pk)
