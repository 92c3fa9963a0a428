from django.db import models
from django.utils.translation import gettext_lazy as _


class Exchange(models.TextChoices):
    """What a participant offers or seeks in a meeting: the keys the suggestions compare."""

    PILOT = "pilot", _("a pilot project")
    INVESTMENT = "investment", _("investment")
    TECHNOLOGY = "technology", _("a technology")
    MARKET = "market", _("market access")
    LEGAL = "legal", _("legal advice")
    INCUBATION = "incubation", _("incubation")
    PARTNERSHIP = "partnership", _("an industrial partnership")
    TALENT = "talent", _("talent")
