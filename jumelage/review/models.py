from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.core import moments
from jumelage.review.enums import (
    Aggregate,
    AssignmentSource,
    BidLevel,
    EventKind,
    MemberRole,
    ReviewerQuestionKind,
    ReviewState,
)


class Committee(models.Model):
    """One side's selection committee for one cycle: it reviews the side's own call."""

    cycle = models.ForeignKey(
        "partnerships.Cycle", on_delete=models.CASCADE, related_name="committees"
    )
    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="committees"
    )
    blind = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_(
            "Reviewers see neither the team's names, organisation and contact nor the names "
            "of its files."
        ),
    )
    hide_others_until_submitted = models.BooleanField(
        _("hide other reviews until one's own is submitted"), default=True
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1)]
    )
    max_load = models.PositiveSmallIntegerField(
        _("most applications per reviewer"), default=15, validators=[MinValueValidator(1)]
    )
    aggregate = models.CharField(
        _("ranking by"), max_length=10, choices=Aggregate.choices, default=Aggregate.MEAN
    )
    review_deadline = models.DateTimeField(_("reviews due"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["cycle", "side"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "side"], name="one_committee_per_side")
        ]

    def __str__(self):
        return str(
            _("Committee of %(side)s, %(cycle)s") % {"side": self.side, "cycle": self.cycle.name}
        )


class Member(models.Model):
    """A seat on a committee. Invited by email; the seat is taken when the invitee accepts."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where the reviewer works; used to point out likely conflicts."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committee_seats",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.REVIEWER
    )
    language = models.CharField(
        _("working language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    expertise = models.TextField(
        _("expertise"),
        blank=True,
        help_text=_("A few words on what this reviewer knows well; used to suggest matches."),
    )
    themes = models.ManyToManyField(
        "partnerships.Theme", blank=True, related_name="+", verbose_name=_("themes of interest")
    )
    max_load = models.PositiveSmallIntegerField(
        _("most applications"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the committee's limit."),
    )
    invited_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "email"], name="one_seat_per_email"),
            models.UniqueConstraint(
                fields=["committee", "user"],
                condition=models.Q(user__isnull=False),
                name="one_seat_per_user",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def load_cap(self) -> int:
        return self.max_load or self.committee.max_load


class Criterion(models.Model):
    """What reviewers score, on a scale, with a weight in the ranking."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(
        _("scoring guidance"),
        blank=True,
        help_text=_("One line per level, for example “5: ready to sign a first customer”."),
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["committee", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="criterion_weight_positive"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_max <= self.scale_min:
                raise ValidationError(
                    {"scale_max": _("The highest score must be above the lowest.")}
                )
            if self.scale_max - self.scale_min > 100:
                raise ValidationError({"scale_max": _("A scale has at most 101 levels.")})

    def guidance_lines(self) -> list[str]:
        return [line.strip() for line in self.guidance.splitlines() if line.strip()]


class ReviewerQuestion(models.Model):
    """A question only reviewers answer, beside the scores (e.g. "Would you mentor them?")."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="reviewer_questions"
    )
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("type"),
        max_length=10,
        choices=ReviewerQuestionKind.choices,
        default=ReviewerQuestionKind.TEXT,
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reviewer question")
        verbose_name_plural = _("reviewer questions")
        ordering = ["committee", "order", "id"]

    def __str__(self):
        return self.label


class Conflict(models.Model):
    """A member's declared conflict of interest: they can neither see nor score it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_conflict_per_pair")
        ]

    def __str__(self):
        return f"{self.member} × {self.application_id}"


class Assignment(models.Model):
    """A member is asked to review an application."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    source = models.CharField(max_length=10, choices=AssignmentSource.choices)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Kept when the automatic assignment runs again.")
    )
    affinity = models.FloatField(
        _("match"), null=True, blank=True, help_text=_("How well the pair matched when assigned.")
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"], name="one_assignment_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.application_id}"


class Bid(models.Model):
    """A member's wish to review an application (or not), before assignment."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="bids")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="bids"
    )
    level = models.CharField(_("wish"), max_length=10, choices=BidLevel.choices)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_bid_per_pair")
        ]

    def __str__(self):
        return f"{self.member} · {self.application_id} · {self.level}"


class Review(models.Model):
    """A member's scores and comments on an application: a draft until submitted."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # criterion id → score
    answers = models.JSONField(_("answers"), default=dict, blank=True)  # question id → answer
    comment = models.TextField(_("comment for the committee"), blank=True)
    comment_for_applicant = models.TextField(_("comment for the applicant"), blank=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_review_per_pair")
        ]

    def __str__(self):
        return f"{self.member} · {self.application_id}"


class Event(models.Model):
    """Append-only history of a committee: who did what, to whom, when."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("committee event")
        verbose_name_plural = _("committee events")
        ordering = ["created", "id"]

    def __str__(self):
        return self.get_kind_display()


class AssignmentRun(models.Model):
    """The committee's last automatic assignment run, written where every process reads it.

    A running run beats (`heartbeat_at`) every few seconds from its worker; one whose
    beat stopped (its worker killed, the solver crashed) is shown as stopped and can be
    started again, instead of staying "running" for ever.
    """

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="assignment_run"
    )
    started_at = models.DateTimeField(default=timezone.now)
    # None once the run ended with an error.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    fraction = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    # What it did, once finished: {"added", "removed", "short", "optimal"}.
    outcome = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    def __str__(self):
        return f"{self.committee} · {moments.moment(self.started_at)}"
