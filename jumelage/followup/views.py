"""A followed team's page: its support journey, its path of milestones, the next one to
validate, its outcomes; and the milestone's evidence file, for its followers only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.core import moments
from jumelage.followup import permissions, queries, services, surveys
from jumelage.followup.forms import (
    JourneyStageForm,
    MilestoneForm,
    OutcomeForm,
    RoadmapStepForm,
    SurveyForm,
    SurveyQuestionFormSet,
    SurveySetupForm,
    ToolUseForm,
)
from jumelage.followup.models import Milestone, Outcome, Survey, SurveyInvitation
from jumelage.partnerships.permissions import is_partnership_manager
from jumelage.partnerships.queries import cycle_or_404


def _team_for(user, pk):
    application = queries.team_or_404(pk)
    permissions.require(permissions.can_follow(user, application))
    return application


def _outcome_of(application) -> Outcome:
    return Outcome.objects.filter(application=application).first() or Outcome(
        application=application
    )


def _page(request, application, status=200, **forms):
    whole = queries.whole_path(application)
    context = {
        "team": application,
        "path": queries.path_of(application),
        "next_stage": queries.next_stage(application),
        "journey": queries.journey_of(application),
        "next_support_stage": queries.next_support_stage(application),
        "whole_path": whole,
        "steps_done": sum(step.done for step in whole),
        "milestone_form": MilestoneForm(),
        "journey_form": JourneyStageForm(),
        "roadmap_form": RoadmapStepForm(),
        "tool_form": ToolUseForm(),
        "outcome_form": OutcomeForm(instance=_outcome_of(application)),
        "leads": queries.leads_of(application),
    } | forms
    return render(request, "followup/team.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def team(request, pk):
    return _page(request, _team_for(request.user, pk))


def _record_step(request, pk, form_class, form_name, record, choose, done):
    """A step of an ordered path posted from the team page: the form's errors answer 400, a
    step out of order or taken twice 409, both on the page with what was typed."""
    application = _team_for(request.user, pk)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, application, status=400, **{form_name: form})
    try:
        record(request.user, application, request.POST.get("stage", ""), **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return _page(request, queries.team_or_404(pk), status=409, **{form_name: form})
    except ValueError:
        form.add_error(None, choose)
        return _page(request, queries.team_or_404(pk), status=409, **{form_name: form})
    messages.success(request, done)
    return redirect("followup:team", pk)


@login_required
@require_POST
def milestone_validate(request, pk):
    return _record_step(
        request,
        pk,
        MilestoneForm,
        "milestone_form",
        services.validate_milestone,
        _("Choose a stage of the path."),
        _("The milestone is validated."),
    )


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


@login_required
@require_POST
def journey_record(request, pk):
    return _record_step(
        request,
        pk,
        JourneyStageForm,
        "journey_form",
        services.record_journey_stage,
        _("Choose a stage of the support journey."),
        _("The support stage is recorded."),
    )


@login_required
@require_POST
def roadmap_step_add(request, pk):
    application = _team_for(request.user, pk)
    form = RoadmapStepForm(request.POST)
    if not form.is_valid():
        return _page(request, application, roadmap_form=form, status=400)
    try:
        services.add_roadmap_step(request.user, application, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return _page(request, application, roadmap_form=form, status=409)
    messages.success(request, _("The roadmap step is added."))
    return redirect("followup:team", pk)


@login_required
@require_POST
def tool_record(request, pk):
    application = _team_for(request.user, pk)
    form = ToolUseForm(request.POST)
    if not form.is_valid():
        return _page(request, application, tool_form=form, status=400)
    services.record_tool_use(request.user, application, form.instance)
    messages.success(request, _("The support tool is recorded."))
    return redirect("followup:team", pk)


@login_required
@require_safe
def milestone_evidence(request, pk, stage):
    """The milestone's evidence file, for the team's followers; nobody else learns it exists."""
    milestone = get_object_or_404(
        Milestone.objects.select_related("application__call__cycle__partnership"),
        application_id=pk,
        stage=stage,
    )
    if not milestone.evidence_file or not permissions.can_follow(
        request.user, milestone.application
    ):
        raise Http404
    return FileResponse(
        milestone.evidence_file.open("rb"),
        as_attachment=True,
        filename=milestone.evidence_file_name,
        content_type=milestone.evidence_file_type,
    )


def _refusal(request, message, status):
    return render(request, "followup/survey_refused.html", {"message": message}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    """The survey for its recipient: someone else is told it was not sent to them (403), a
    survey not open any more (or not yet) says so (410); a bad answer is a 400 with the
    answers kept."""
    try:
        invitation = surveys.invitation_for(request.user, pk)
    except SurveyInvitation.DoesNotExist as error:
        raise Http404(_("There is no such survey.")) from error
    except surveys.NotInvited:
        return _refusal(request, _("This survey was not sent to you."), 403)
    except surveys.SurveyClosed:
        return _closed(request, pk)
    questions = invitation.survey.questions.all()
    if request.method == "GET":
        form = SurveyForm(questions, answers=invitation.answers)
        return render(request, "followup/survey.html", {"invitation": invitation, "form": form})
    form = SurveyForm(questions, request.POST)
    if not form.is_valid():
        context = {"invitation": invitation, "form": form}
        return render(request, "followup/survey.html", context, status=400)
    try:
        surveys.answer(request.user, invitation, form.answers())
    except surveys.SurveyClosed:
        return _closed(request, pk)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        context = {"invitation": invitation, "form": form}
        return render(request, "followup/survey.html", context, status=400)
    messages.success(request, _("Thank you: your answers are saved."))
    return redirect("followup:survey_answer", pk)


def _closed(request, pk):
    survey = SurveyInvitation.objects.select_related("survey").get(pk=pk).survey
    message = _("This survey is open from %(opens)s to %(closes)s; it takes no answers now.") % {
        "opens": moments.moment(survey.opens_at),
        "closes": moments.moment(survey.closes_at),
    }
    return _refusal(request, message, 410)


def _cycle_for_manager(user, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    permissions.require(is_partnership_manager(user, cycle.partnership))
    return cycle


@login_required
@require_safe
def survey_list(request, partnership_slug, cycle_slug):
    """The cycle's surveys with how many were sent and answered: two queries."""
    cycle = _cycle_for_manager(request.user, partnership_slug, cycle_slug)
    context = {"cycle": cycle, "surveys": surveys.surveys_of(cycle)}
    return render(request, "followup/surveys.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, partnership_slug, cycle_slug, pk=None):
    """A new survey of the cycle, or one of its surveys, with its questions."""
    cycle = _cycle_for_manager(request.user, partnership_slug, cycle_slug)
    survey = get_object_or_404(Survey, cycle=cycle, pk=pk) if pk else Survey(cycle=cycle)
    data = request.POST if request.method == "POST" else None
    form = SurveySetupForm(data, instance=survey)
    questions = SurveyQuestionFormSet(data, instance=survey, prefix="questions")
    if data is not None and form.is_valid() and questions.is_valid():
        try:
            surveys.save_survey(request.user, form.instance, questions)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("followup:survey_list", partnership_slug, cycle_slug)
    context = {"cycle": cycle, "survey": survey, "form": form, "questions": questions}
    status = 400 if data is not None else 200
    return render(request, "followup/survey_form.html", context, status=status)


@login_required
@require_POST
def survey_send(request, partnership_slug, cycle_slug, pk):
    cycle = _cycle_for_manager(request.user, partnership_slug, cycle_slug)
    survey = get_object_or_404(Survey, cycle=cycle, pk=pk)
    try:
        count = surveys.send_survey(request.user, survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        context = {"cycle": cycle, "surveys": surveys.surveys_of(cycle)}
        return render(request, "followup/surveys.html", context, status=409)
    messages.success(request, _("The survey is sent to %(count)s more people.") % {"count": count})
    return redirect("followup:survey_list", partnership_slug, cycle_slug)
