import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import ApplicationState, FileKind, QuestionKind, TextState

PITCH_DECK_KEY = "pitch_deck"


def attachment_path(instance, filename):
    """A random name: the original one may identify the team and is kept in the database."""
    return f"applications/{instance.application.call_id}/{uuid.uuid4().hex}"


class Call(models.Model):
    """One side's public call for startup teams in one cycle."""

    cycle = models.ForeignKey("partnerships.Cycle", on_delete=models.CASCADE, related_name="calls")
    side = models.ForeignKey("partnerships.Side", on_delete=models.CASCADE, related_name="calls")
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("deadline"))
    published = models.BooleanField(_("published"), default=False)
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_(
            "What is done with the applicants' data, by whom, for how long. Applicants agree "
            "to it to submit; when it changes, they are asked again at their next edit."
        ),
    )
    privacy_notice_version = models.PositiveIntegerField(_("privacy notice version"), default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["cycle", "side"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "side"], name="one_call_per_side_and_cycle"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The deadline must come after the opening.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at

    @property
    def asks_privacy_consent(self):
        return self.privacy_notice_version > 0

    def privacy_notice_changed(self) -> None:
        """A new version: consents given to an earlier one no longer count."""
        self.privacy_notice_version += 1

    privacy_notice_changed.alters_data = True


class Question(models.Model):
    """A question of a call's form, beyond the built-in fields every application has."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=50)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    identifying = models.BooleanField(
        _("identifies the team"),
        default=False,
        help_text=_(
            "Names, e-mail addresses, websites, links, founders: answers that say who the team "
            "is. A blind committee's reviewers never see them. E-mail and web-address questions "
            "start ticked."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    min_length = models.PositiveIntegerField(_("minimum length"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    min_value = models.DecimalField(
        _("minimum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    file_kind = models.CharField(
        _("accepted files"), max_length=20, choices=FileKind.choices, default=FileKind.PDF
    )
    show_if = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("show only if question"),
    )
    show_if_value = models.CharField(
        _("has the answer"),
        max_length=100,
        blank=True,
        help_text=_("For yes/no questions: yes or no. For choices: the value of the option."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="unique_question_key"),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        if self.min_length and self.max_length and self.min_length > self.max_length:
            errors["max_length"] = _("The maximum length must be at least the minimum length.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = _("The maximum value must be at least the minimum value.")
        if self.show_if_id and self.show_if_id == self.pk:
            errors["show_if"] = _("A question cannot depend on itself.")
        if self.show_if_id and not self.show_if_value:
            errors["show_if_value"] = _("Say which answer shows this question.")
        if self.key == PITCH_DECK_KEY:
            errors["key"] = _("This key is reserved for the built-in pitch deck.")
        if errors:
            raise ValidationError(errors)


class QuestionChoice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(_("value"), max_length=50)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="unique_choice_value"),
        ]

    def __str__(self):
        return self.label


class Application(models.Model):
    """A startup team's application to a call: one per applicant and call."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    state = models.CharField(
        _("status"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    team_name = models.CharField(_("team name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    theme = models.ForeignKey(
        "partnerships.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("theme"),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    privacy_notice_version = models.PositiveIntegerField(
        _("privacy notice version accepted"), null=True, blank=True
    )
    privacy_consent_at = models.DateTimeField(
        _("privacy notice accepted at"), null=True, blank=True
    )
    investor_consent = models.BooleanField(_("may be shared with investors"), default=False)
    keep_on_file = models.BooleanField(
        _("may be kept on file if not selected"),
        default=False,
        help_text=_("Without this consent, a refused application is anonymised on schedule."),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    keep_on_file_at = models.DateTimeField(_("keeping on file agreed at"), null=True, blank=True)
    investor_consent_at = models.DateTimeField(
        _("sharing with investors agreed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="one_application_per_call"),
        ]
        indexes = [
            models.Index(
                fields=["call", "-submitted_at", "-id"],
                condition=models.Q(state__in=["submitted", "withdrawn"]),
                name="application_managers_list",
            ),
        ]

    def __str__(self):
        return self.team_name or str(_("Untitled application"))

    @property
    def reference(self):
        """What the applicant quotes when they write to the programme team."""
        return f"{self.call.slug.upper()}-{self.pk:05d}"

    @property
    def is_editable(self):
        return self.state != ApplicationState.WITHDRAWN and self.call.is_open()

    @property
    def has_current_privacy_consent(self):
        """Agreed to the call's privacy notice as it reads now, not to an earlier version."""
        return (
            self.privacy_consent_at is not None
            and self.privacy_notice_version == self.call.privacy_notice_version
        )


class Attachment(models.Model):
    """A file uploaded for one question (or the pitch deck), checked by its content."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    question_key = models.SlugField(max_length=50)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded = models.DateTimeField(auto_now_add=True)
    # The file's text, read once (calls.files.text_of) so that pages checking it for the
    # team's names never parse the file again; a new upload is a new row.
    text = models.TextField(blank=True)
    text_state = models.CharField(max_length=12, choices=TextState.choices, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question_key"], name="one_file_per_question"
            ),
        ]

    def __str__(self):
        return self.original_name


class ApplicationTransition(models.Model):
    """Append-only history of an application's status: who moved it, when, from what, to what."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(max_length=20, choices=ApplicationState.choices)
    created = models.DateTimeField(default=timezone.now)
    # The token of the form page that asked for the change: sending that page again (a
    # retry after a lost answer, a double click) finds this row and changes nothing.
    form_token = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "form_token"],
                condition=~models.Q(form_token=""),
                name="one_change_per_form",
            ),
        ]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
