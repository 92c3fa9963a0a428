"""What became of a selected team: the support journey its host records, its milestones on
the industrialisation path and the outcomes its managers record, year after year."""

import uuid
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import QuestionKind
from jumelage.followup.enums import (
    InvestorType,
    OutcomeField,
    Stage,
    SupportStage,
    SupportTool,
    SurveyAudience,
    SurveyMoment,
)
from jumelage.partnerships.enums import Currency


def evidence_path(instance, filename):
    """A random name: the original one is kept in the database, the file is served only
    through the team page's checked download view."""
    return f"followup/{instance.application_id}/{uuid.uuid4().hex}"


class Milestone(models.Model):
    """One validated stage of a team's path, with its evidence and who vouched for it."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="milestones"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    reached_on = models.DateField(_("reached on"))
    evidence = models.TextField(_("evidence"), blank=True)
    link = models.URLField(_("link"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True)
    evidence_file_name = models.CharField(max_length=255, blank=True)
    evidence_file_type = models.CharField(max_length=120, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    validated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["application", "reached_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="one_milestone_per_stage")
        ]

    def __str__(self):
        return self.get_stage_display()


class JourneyStage(models.Model):
    """One stage of the support journey a host's staff led with the team."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="journey_stages"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=SupportStage.choices)
    held_on = models.DateField(_("date"))
    notes = models.TextField(
        _("notes"), help_text=_("Findings of the stress test, introductions made, and so on.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support stage")
        verbose_name_plural = _("support stages")
        ordering = ["application", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="one_journey_stage_per_stage"
            )
        ]

    def __str__(self):
        return self.get_stage_display()


class RoadmapStep(models.Model):
    """A dated step of the roadmap agreed with the team."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="roadmap_steps"
    )
    due_on = models.DateField(_("due on"))
    description = models.CharField(_("step"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("roadmap step")
        verbose_name_plural = _("roadmap steps")
        ordering = ["application", "due_on", "id"]

    def __str__(self):
        return self.description


class ToolUse(models.Model):
    """A support tool used with the team: an expert meeting, a training, and so on."""

    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="tool_uses"
    )
    tool = models.CharField(_("tool"), max_length=20, choices=SupportTool.choices)
    used_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support tool used")
        verbose_name_plural = _("support tools used")
        ordering = ["application", "used_on", "id"]

    def __str__(self):
        return self.get_tool_display()


class Outcome(models.Model):
    """What a team achieved in the partner city after its exchange."""

    application = models.OneToOneField(
        "calls.Application", on_delete=models.CASCADE, related_name="outcome"
    )
    funds_raised = models.DecimalField(
        _("funds raised"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    investor_type = models.CharField(
        _("investor type"), max_length=20, choices=InvestorType.choices, blank=True
    )
    pilots = models.PositiveSmallIntegerField(
        _("pilots or contracts with local companies"), default=0
    )
    partnerships = models.PositiveSmallIntegerField(_("partnerships and MOUs"), default=0)
    jobs_created = models.PositiveSmallIntegerField(_("jobs created"), default=0)
    entities_opened = models.PositiveSmallIntegerField(
        _("entities opened in the partner country"), default=0
    )
    media_coverage = models.TextField(_("media coverage"), blank=True)
    active_after_6_months = models.BooleanField(
        _("still active after 6 months"), null=True, blank=True
    )
    active_after_12_months = models.BooleanField(
        _("still active after 12 months"), null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funds_raised__gte=0), name="outcome_funds_not_negative"
            )
        ]

    def __str__(self):
        return str(self.application)


class Event(models.Model):
    """Append-only history of the follow-up: who validated or recorded what, when."""

    application = models.ForeignKey("calls.Application", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up event")
        verbose_name_plural = _("follow-up events")
        ordering = ["created", "id"]

    def __str__(self):
        return self.action


class Survey(models.Model):
    """An outcome survey of a cycle: sent to its selected teams or to their hosts after the
    exchange and at 6 and 12 months, open until `closes_at`, with a reminder every
    `remind_every_days` to whoever has not answered."""

    cycle = models.ForeignKey("partnerships.Cycle", on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(_("when"), max_length=20, choices=SurveyMoment.choices)
    audience = models.CharField(_("sent to"), max_length=10, choices=SurveyAudience.choices)
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    remind_every_days = models.PositiveSmallIntegerField(
        _("remind every (days)"), default=7, validators=[MinValueValidator(1)]
    )
    most_reminders = models.PositiveSmallIntegerField(_("at most this many reminders"), default=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome survey")
        verbose_name_plural = _("outcome surveys")
        ordering = ["cycle", "opens_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "moment", "audience"], name="one_survey_per_moment_and_audience"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class SurveyQuestion(models.Model):
    """A question of a survey. Its field is built, cleaned and stored by the call form's own
    code (calls.forms.FIELD_BUILDERS, to_answer, display_answer), of the call's kinds but
    files and conditions; `feeds` names the outcome its answer is written to."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=50)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    min_length = models.PositiveIntegerField(_("minimum length"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    min_value = models.DecimalField(
        _("minimum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    options = models.JSONField(
        _("options"), default=list, blank=True, help_text=_("[value, label] pairs for choices.")
    )
    feeds = models.CharField(
        _("written to the outcome"), max_length=30, choices=OutcomeField.choices, blank=True
    )

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="unique_survey_question_key")
        ]

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == QuestionKind.FILE:
            raise ValidationError({"kind": _("A survey asks no files.")})

    @property
    def choices(self):
        """The options as the call form's field builders read them: `.all()`, each with
        `value` and `label`."""
        return _Options(self.options)


class _Options:
    def __init__(self, pairs):
        self.pairs = pairs

    def all(self):
        return [SimpleNamespace(value=value, label=label) for value, label in self.pairs]


class SurveyInvitation(models.Model):
    """One recipient of a survey about one team: the team's applicant, or one of its host's
    staff. Only they may answer, until the survey closes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    sent_at = models.DateTimeField(_("sent at"))
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["survey", "application", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "application", "recipient"], name="one_invitation_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.survey} · {self.application}"
