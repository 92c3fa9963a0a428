"""The official trip report: the prose managers write; its tables come from the exchange."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def photo_path(instance, filename):
    return f"reports/{instance.section.report_id}/{uuid.uuid4().hex}"


class TripReport(models.Model):
    """The report a city files after an official visit (公務出國報告), one per delegation."""

    delegation = models.OneToOneField(
        "exchange.Delegation", on_delete=models.CASCADE, related_name="report"
    )
    title = models.CharField(_("title"), max_length=300)
    authority = models.CharField(_("authority"), max_length=200, blank=True)
    names = models.CharField(
        _("names and titles"),
        max_length=300,
        blank=True,
        help_text=_("As on the cover, e.g. the head of delegation “and others”."),
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    reflections = models.TextField(_("reflections and benefits"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("trip report")
        verbose_name_plural = _("trip reports")

    def __str__(self):
        return self.title


class VisitSection(models.Model):
    """One visit of the trip: whom the delegation met and what was discussed."""

    report = models.ForeignKey(TripReport, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    item = models.ForeignKey(
        "exchange.ItineraryItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_sections",
        verbose_name=_("itinerary item"),
    )
    title = models.CharField(_("title"), max_length=300)
    whom = models.CharField(_("whom"), max_length=500, blank=True)
    discussion = models.TextField(_("what was discussed"), blank=True)

    class Meta:
        verbose_name = _("visit section")
        verbose_name_plural = _("visit sections")
        ordering = ["report", "order", "id"]

    def __str__(self):
        return self.title


class VisitPhoto(models.Model):
    section = models.ForeignKey(VisitSection, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to=photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["section", "order", "id"]

    def __str__(self):
        return self.caption or self.image.name


class OutcomeReport(models.Model):
    """What the managers write for a cycle's outcome meeting: what worked and their
    recommendations, one text for a city (`side`) or one joint text (no side). The figures
    and the teams' pages come from the data; this is the prose, a draft saved as they type."""

    cycle = models.ForeignKey(
        "partnerships.Cycle", on_delete=models.CASCADE, related_name="outcome_reports"
    )
    side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_reports",
        help_text=_("Empty for the text both cities write together."),
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome report text")
        verbose_name_plural = _("outcome report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "side"],
                condition=models.Q(side__isnull=False),
                name="one_outcome_text_per_side",
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=models.Q(side__isnull=True),
                name="one_joint_outcome_text",
            ),
        ]

    def __str__(self):
        return str(self.side or _("Joint"))
