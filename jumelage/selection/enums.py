from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NominationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("nomination", "Draft")
    SENT = "sent", pgettext_lazy("nomination", "Sent to the partner")

    @classmethod
    def allowed_moves(cls):
        """Sending locks a nomination: the partner decides on what it received."""
        return {(cls.DRAFT, cls.SENT)}


class EntryKind(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    WAITING = "waiting", _("Waiting list")


class PickState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("pick", "Draft")
    PROPOSED = "proposed", pgettext_lazy("pick", "Proposed, awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("pick", "Confirmed (final)")

    @classmethod
    def allowed_moves(cls):
        """The picking side proposes; the nominating side confirms, or sends it back."""
        return {(cls.DRAFT, cls.PROPOSED), (cls.PROPOSED, cls.CONFIRMED), (cls.PROPOSED, cls.DRAFT)}


class PickChoice(models.TextChoices):
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")


class PlaceState(models.TextChoices):
    OFFERED = "offered", _("Offered, awaiting the team's answer")
    CONFIRMED = "confirmed", pgettext_lazy("place", "Confirmed by the team")
    DECLINED = "declined", pgettext_lazy("place", "Declined by the team")

    @classmethod
    def allowed_moves(cls):
        """A team answers once; a team that confirmed may still give its place up."""
        return {
            (cls.OFFERED, cls.CONFIRMED),
            (cls.OFFERED, cls.DECLINED),
            (cls.CONFIRMED, cls.DECLINED),
        }

    @classmethod
    def holding(cls):
        """States in which a team holds its place."""
        return [cls.OFFERED, cls.CONFIRMED]


class Decision(models.TextChoices):
    """What each applicant of a cycle is told, as the key of its message template."""

    SELECTED = "decision-selected", _("Selected")
    RESERVE = "decision-reserve", _("Reserve")
    NOT_SELECTED = "decision-not-selected", _("Not selected")


class Action(models.TextChoices):
    """What the selection's audit history records."""

    NOMINATION_SAVED = "nomination_saved", _("Nomination saved")
    NOMINATION_SENT = "nomination_sent", _("Nomination sent to the partner")
    PICK_SAVED = "pick_saved", _("Pick saved")
    PICK_PROPOSED = "pick_proposed", _("Pick proposed")
    PICK_CONFIRMED = "pick_confirmed", _("Pick confirmed")
    PICK_RETURNED = "pick_returned", _("Pick sent back")
    DECISIONS_DRAFTED = "decisions_drafted", _("Decision messages drafted")
    DECISIONS_PUBLISHED = "decisions_published", _("Decisions published")
    PLACE_CONFIRMED = "place_confirmed", _("Place confirmed")
    PLACE_DECLINED = "place_declined", _("Place declined")
    RESERVE_PROMOTED = "reserve_promoted", _("Reserve promoted")
