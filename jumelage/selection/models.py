from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.selection.enums import (
    Action,
    EntryKind,
    NominationState,
    PickChoice,
    PickState,
    PlaceState,
)


class Nomination(models.Model):
    """A side's shortlist of its own applicants for a cycle, handed to the partner side."""

    cycle = models.ForeignKey(
        "partnerships.Cycle", on_delete=models.CASCADE, related_name="nominations"
    )
    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="nominations"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=NominationState.choices, default=NominationState.DRAFT
    )
    share_summary = models.BooleanField(
        _("share the committee's review summary with the partner"), default=True
    )
    share_justification = models.BooleanField(
        _("share the justifications with the partner"), default=True
    )
    publish_organisation = models.BooleanField(
        _("publish the organisations of the selected teams"), default=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # From then on each applicant of the side's call sees their outcome on their own pages.
    decisions_published_at = models.DateTimeField(
        _("decisions published at"), null=True, blank=True
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["cycle", "side"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "side"], name="one_nomination_per_side")
        ]

    def __str__(self):
        return str(
            _("Nomination of %(side)s, %(cycle)s") % {"side": self.side, "cycle": self.cycle.name}
        )

    @property
    def is_sent(self):
        return self.state == NominationState.SENT


class NominationEntry(models.Model):
    """One applicant on a nomination: nominated, or on the nominating side's waiting list."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="nomination_entries"
    )
    kind = models.CharField(_("on the list as"), max_length=10, choices=EntryKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    justification = models.TextField(_("justification"))
    # The committee's ranking line at the time of nominating: the ranking may move later.
    summary = models.JSONField(_("review summary"), null=True, blank=True)
    partner_summary = models.TextField(
        _("summary for the partner"),
        blank=True,
        help_text=_(
            "A short summary of the application in the partner city's working language, "
            "shown first to its managers when they pick."
        ),
    )

    class Meta:
        verbose_name = _("nominated applicant")
        verbose_name_plural = _("nominated applicants")
        ordering = ["nomination", "kind", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "application"], name="one_entry_per_application"
            )
        ]

    def __str__(self):
        return str(self.application)


class Pick(models.Model):
    """The partner side's choice of the final teams among a nomination, with a reserve."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="pick")
    side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        related_name="picks",
        help_text=_("The side that picks, and hosts the teams it picks."),
    )
    state = models.CharField(
        _("status"), max_length=10, choices=PickState.choices, default=PickState.DRAFT
    )
    returned_because = models.TextField(_("sent back because"), blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pick")
        verbose_name_plural = _("picks")
        ordering = ["nomination"]

    def __str__(self):
        return str(_("Pick of %(side)s") % {"side": self.side})

    @property
    def is_final(self):
        return self.state == PickState.CONFIRMED


class PickEntry(models.Model):
    """A nominated applicant the partner selected, or keeps in reserve (in order)."""

    pick = models.ForeignKey(Pick, on_delete=models.CASCADE, related_name="entries")
    entry = models.ForeignKey(NominationEntry, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=PickChoice.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("picked applicant")
        verbose_name_plural = _("picked applicants")
        ordering = ["pick", "-choice", "order"]
        constraints = [models.UniqueConstraint(fields=["pick", "entry"], name="one_pick_per_entry")]

    def __str__(self):
        return str(self.entry)


class Place(models.Model):
    """A place in the exchange offered to a selected team, which confirms or declines it."""

    pick = models.ForeignKey(Pick, on_delete=models.CASCADE, related_name="places")
    application = models.OneToOneField(
        "calls.Application", on_delete=models.PROTECT, related_name="place"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=PlaceState.choices, default=PlaceState.OFFERED
    )
    deadline = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The declined place this one was offered in the stead of, so that page can name its heir.
    offered_after = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="passed_to",
        verbose_name=_("offered after"),
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["pick", "created", "id"]

    def __str__(self):
        return str(self.application)

    @property
    def is_held(self):
        return self.state in PlaceState.holding()


class Event(models.Model):
    """Append-only history of the selection: who nominated, picked, confirmed what, when."""

    cycle = models.ForeignKey("partnerships.Cycle", on_delete=models.CASCADE, related_name="+")
    side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The side the actor acted for."),
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("selection event")
        verbose_name_plural = _("selection events")
        ordering = ["created", "id"]

    def __str__(self):
        return self.get_action_display()
