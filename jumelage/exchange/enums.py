from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TravellerRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    OFFICIAL = "official", _("Official")
    TEAM_MEMBER = "team_member", _("Startup team member")
    STAFF = "staff", _("Programme staff")
    INTERPRETER = "interpreter", _("Interpreter")


class CheckStatus(models.TextChoices):
    TO_DO = "todo", _("To do")
    REQUESTED = "requested", _("Requested")
    DONE = "done", pgettext_lazy("checklist", "Done")
    NOT_NEEDED = "not_needed", _("Not needed")


class LegMode(models.TextChoices):
    FLIGHT = "flight", _("Flight")
    TRAIN = "train", _("Train")
    LOCAL = "local", _("Local transport")


class DayPeriod(models.TextChoices):
    """When an item has no exact time, as the seed's itinerary says "afternoon"."""

    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")

    @property
    def window(self) -> tuple[int, int]:
        """Hours (start, end) used for calendars and checks."""
        return {"morning": (9, 12), "afternoon": (14, 18), "evening": (19, 21)}[self.value]
