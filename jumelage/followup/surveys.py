"""Outcome surveys: sending one to a cycle's selected teams or their hosts, reminding whoever
has not answered, and taking the answers, which feed the team's outcome record. Each takes
`now` so tests move the clock; messages go through the outbox in the recipient's language."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.models import Membership, Role
from jumelage.core import moments
from jumelage.exchange.models import Residency
from jumelage.exchange.queries import selected_teams
from jumelage.followup.enums import OutcomeField, SurveyAudience
from jumelage.followup.models import Event, Outcome, Survey, SurveyInvitation
from jumelage.notifications.services import queue_message
from jumelage.partnerships.permissions import is_partnership_manager


class SurveyClosed(Exception):
    """The survey is not open to answers: not yet, or no longer."""


class NotInvited(Exception):
    """The person answering is not the one the survey was sent to."""


def _recipients(survey, teams):
    """(team, user, language) for each person the survey goes to."""
    if survey.audience == SurveyAudience.TEAMS:
        return [(team, team.applicant, team.language) for team in teams]
    hosts = {}
    for team_id, organisation_id in Residency.objects.filter(application__in=teams).values_list(
        "application", "offer__organisation"
    ):
        hosts.setdefault(team_id, set()).add(organisation_id)
    staff = {}
    for membership in Membership.objects.filter(
        role=Role.HOST_STAFF, organisation__in={o for ids in hosts.values() for o in ids}
    ).select_related("user"):
        staff.setdefault(membership.organisation_id, []).append(membership.user)
    return [
        (team, user, user.language or team.language)
        for team in teams
        for organisation in sorted(hosts.get(team.pk, ()))
        for user in staff.get(organisation, [])
    ]


def _message(key, invitation, suffix):
    survey, team = invitation.survey, invitation.application
    language = invitation.language
    with translation.override(language):
        context = {
            "name": invitation.recipient.full_name,
            "survey": survey.title,
            "team": str(team),
            "cycle": str(survey.cycle.name),
            "closes": moments.moment(survey.closes_at, team.call.side.tzinfo, language),
            "link": settings.SITE_URL.rstrip("/")
            + reverse("followup:survey_answer", args=[invitation.pk]),
        }
    queue_message(
        key,
        recipient=invitation.recipient,
        language=language,
        context=context,
        side=team.call.side,
        dedupe_key=f"{key}:{invitation.pk}:{suffix}",
    )


@transaction.atomic
def send_survey(actor, survey: Survey, now: dt.datetime | None = None) -> int:
    """Invite every selected team (or each of its hosts' staff) once; sending again invites
    only those not invited yet. Returns how many were invited now."""
    if not is_partnership_manager(actor, survey.cycle.partnership):
        raise PermissionDenied(_("Only the partnership's managers send its surveys."))
    now = now or timezone.now()
    if now >= survey.closes_at:
        raise ValidationError(_("This survey is closed; change its closing date to send it."))
    invited = set(survey.invitations.values_list("application", "recipient"))
    count = 0
    teams = list(selected_teams(survey.cycle).select_related("applicant", "call__side"))
    for team, user, language in _recipients(survey, teams):
        if (team.pk, user.pk) in invited:
            continue
        invitation = SurveyInvitation.objects.create(
            survey=survey, application=team, recipient=user, language=language, sent_at=now
        )
        invitation.survey = survey
        _message("survey-invitation", invitation, "sent")
        count += 1
    return count


@transaction.atomic
def save_survey(actor, survey: Survey, questions) -> Survey:
    """A survey and its questions (a validated inline formset), as the cycle's managers
    set them. Once sent, its questions stay as they were asked: answers refer to them."""
    if not is_partnership_manager(actor, survey.cycle.partnership):
        raise PermissionDenied(_("Only the partnership's managers set up its surveys."))
    if survey.pk and questions.has_changed() and survey.invitations.exists():
        raise ValidationError(_("This survey was sent: its questions can no longer change."))
    survey.created_by = survey.created_by or actor
    survey.save()
    questions.instance = survey
    questions.save()
    return survey


def surveys_of(cycle):
    """The cycle's surveys, each with `invited` and `answered` counted."""
    return Survey.objects.filter(cycle=cycle).annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    )


def due_reminders(now: dt.datetime):
    """The invitations of open surveys not answered, last contacted at least the survey's
    reminder interval ago, and reminded fewer times than it allows."""
    waiting = SurveyInvitation.objects.filter(
        answered_at__isnull=True, survey__opens_at__lte=now, survey__closes_at__gt=now
    ).select_related("survey__cycle", "application__call__side", "recipient")
    for invitation in waiting:
        survey = invitation.survey
        last = invitation.reminded_at or invitation.sent_at
        if invitation.reminders >= survey.most_reminders:
            continue
        if now - last >= dt.timedelta(days=survey.remind_every_days):
            yield invitation


@transaction.atomic
def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind whoever is due (the periodic task calls this); returns how many."""
    now = now or timezone.now()
    count = 0
    for invitation in due_reminders(now):
        invitation.reminders += 1
        invitation.reminded_at = now
        invitation.save(update_fields=["reminders", "reminded_at"])
        _message("survey-reminder", invitation, invitation.reminders)
        count += 1
    return count


def invitation_for(user, pk, now: dt.datetime | None = None) -> SurveyInvitation:
    """The invitation `pk`, if it was sent to `user` and its survey is open."""
    invitation = (
        SurveyInvitation.objects.select_related("survey__cycle", "application__call__side")
        .prefetch_related("survey__questions")
        .get(pk=pk)
    )
    if invitation.recipient_id != user.pk:
        raise NotInvited
    now = now or timezone.now()
    if not invitation.survey.is_open(now):
        raise SurveyClosed
    return invitation


def _outcome_value(field: str, answer):
    if field == OutcomeField.FUNDS_RAISED:
        try:
            return Decimal(str(answer))
        except InvalidOperation as error:
            raise ValidationError(_("Funds raised must be an amount.")) from error
    if field in (OutcomeField.ACTIVE_AFTER_6_MONTHS, OutcomeField.ACTIVE_AFTER_12_MONTHS):
        return {"yes": True, "no": False}.get(str(answer).lower())
    if field == OutcomeField.MEDIA_COVERAGE:
        return str(answer)
    try:
        return int(Decimal(str(answer)))
    except InvalidOperation as error:
        raise ValidationError(_("This outcome must be a whole number.")) from error


def _feed_outcome(invitation, answers) -> None:
    fed = {
        question.feeds: _outcome_value(question.feeds, answers[question.key])
        for question in invitation.survey.questions.all()
        if question.feeds and answers.get(question.key) is not None
    }
    if not fed:
        return
    outcome = Outcome.objects.filter(application=invitation.application).first()
    outcome = outcome or Outcome(application=invitation.application)
    for field, value in fed.items():
        setattr(outcome, field, value)
    outcome.full_clean()
    outcome.save()
    Event.objects.create(
        application=invitation.application,
        action="outcome_from_survey",
        actor=invitation.recipient,
        detail={"survey": invitation.survey_id, "fields": sorted(fed)},
    )


@transaction.atomic
def answer(user, invitation: SurveyInvitation, answers: dict, now=None) -> SurveyInvitation:
    """Store the recipient's answers (they may change them while the survey is open) and
    write those that feed an outcome to the team's outcome record."""
    now = now or timezone.now()
    if invitation.recipient_id != user.pk:
        raise NotInvited
    locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.survey.is_open(now):
        raise SurveyClosed
    locked.answers = answers
    locked.answered_at = now
    locked.save(update_fields=["answers", "answered_at"])
    _feed_outcome(invitation, answers)
    return locked
