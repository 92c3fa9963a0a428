from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.hosting.enums import OrganisationKind, SchemeKind, Service


class HostOrganisation(models.Model):
    """An incubator, corporate, investor, law firm or agency of one side's ecosystem."""

    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="organisations"
    )
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        ordering = ["side", "name"]
        constraints = [
            models.UniqueConstraint(fields=["side", "slug"], name="unique_organisation_slug")
        ]

    def __str__(self):
        return self.name


class HostingOffer(models.Model):
    """What one organisation offers the partner side's selected teams in one cycle."""

    cycle = models.ForeignKey(
        "partnerships.Cycle", on_delete=models.CASCADE, related_name="hosting_offers"
    )
    organisation = models.ForeignKey(
        HostOrganisation, on_delete=models.CASCADE, related_name="offers"
    )
    services = models.JSONField(_("services"), default=list)
    teams = models.PositiveSmallIntegerField(_("teams hosted"), default=1)
    desks = models.PositiveSmallIntegerField(_("desks"), default=0)
    starts_on = models.DateField(_("available from"))
    ends_on = models.DateField(_("available until"))
    notes = models.TextField(_("notes"), blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "An offer carried over from last year's cycle waits for its host to confirm it."
        ),
    )

    class Meta:
        verbose_name = _("hosting offer")
        verbose_name_plural = _("hosting offers")
        ordering = ["cycle", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="offer_ends_after_start",
            ),
            models.UniqueConstraint(fields=["cycle", "organisation"], name="one_offer_per_cycle"),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.cycle}"

    def clean(self):
        unknown = set(self.services) - set(Service.values)
        if unknown:
            raise ValidationError(
                {"services": _("Unknown services: %s") % ", ".join(sorted(unknown))}
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The offer cannot end before it starts.")})

    def service_labels(self):
        return [Service(value).label for value in self.services if value in Service.values]


class SupportScheme(models.Model):
    """A city's own support for startups: grants, loans, residencies, with eligibility."""

    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="support_schemes"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SchemeKind.choices)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    amount = models.CharField(_("amount"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("support scheme")
        verbose_name_plural = _("support schemes")
        ordering = ["side", "kind", "name"]

    def __str__(self):
        return self.name
