import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.partnerships.enums import (
    BudgetCategory,
    Currency,
    StageKind,
    ThemeDecisionChoice,
    ThemeState,
)

TIMEZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones())


class Partnership(models.Model):
    """Two or more twinned cities that run a yearly startup exchange together."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Side(models.Model):
    """One city of a partnership, with its own team, timezone and languages."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="sides")
    slug = models.SlugField()
    city = models.CharField(_("city"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country_code = models.CharField(_("country code"), max_length=2)
    timezone = models.CharField(_("timezone"), max_length=64, choices=TIMEZONE_CHOICES)
    languages = models.JSONField(
        _("languages"),
        default=list,
        help_text=_("Language codes this side works in, the first being its main one."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        ordering = ["partnership", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="unique_side_slug")
        ]

    def __str__(self):
        return self.city

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def clean(self):
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in self.languages if code not in known]
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language codes: %s") % ", ".join(unknown)}
            )


class Cycle(models.Model):
    """A yearly edition of the exchange, e.g. "2019", following the eleven-stage timeline."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="cycles")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    nominations_per_side = models.PositiveSmallIntegerField(_("nominations per side"), default=5)
    picks_per_side = models.PositiveSmallIntegerField(_("final picks per side"), default=2)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["partnership", "-slug"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="unique_cycle_slug")
        ]

    def __str__(self):
        return f"{self.partnership} · {self.name}"


class Stage(models.Model):
    """One step of a cycle's timeline, with editable dates."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=20, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["cycle", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="unique_stage_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="stage_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A stage cannot end before it starts.")})

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


class Theme(models.Model):
    """A theme proposed by one side; it reaches the calls once every other side agrees."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="themes")
    proposed_by = models.ForeignKey(Side, on_delete=models.PROTECT, related_name="proposed_themes")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ThemeState.choices, default=ThemeState.PROPOSED
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["cycle", "created", "id"]

    def __str__(self):
        return self.title


class ThemeDecision(models.Model):
    """One side's answer to a theme the other side proposed; an append-only record."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="decisions")
    side = models.ForeignKey(Side, on_delete=models.CASCADE, related_name="theme_decisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ThemeDecisionChoice.choices)
    comment = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theme decision")
        verbose_name_plural = _("theme decisions")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.side}: {self.get_decision_display()}"


class BudgetLine(models.Model):
    """A cost line of one side in one cycle: estimated in the budget, then actual."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="budget_lines")
    side = models.ForeignKey(Side, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    label = models.CharField(_("label"), max_length=200)
    estimate = models.DecimalField(_("estimate"), max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(
        _("actual"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["side", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimate__gte=0), name="estimate_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(actual__isnull=True) | models.Q(actual__gte=0),
                name="actual_not_negative",
            ),
        ]

    def __str__(self):
        return self.label
