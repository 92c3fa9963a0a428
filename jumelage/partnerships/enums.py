from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StageKind(models.TextChoices):
    THEMES = "themes", _("Set the themes")
    HOSTING = "hosting", _("Set the hosting resources")
    CALL_OPEN = "call_open", _("Open call")
    CALL_CLOSE = "call_close", _("Call closes")
    NOMINATE = "nominate", _("Each side nominates its shortlist")
    PICK = "pick", _("Each side picks the final teams")
    ANNOUNCE = "announce", _("Announcement")
    PLAN = "plan", _("Plan the exchange")
    BRIEFING = "briefing", _("Pre-departure meeting")
    EXCHANGE = "exchange", _("The exchange")
    OUTCOME = "outcome", _("Outcome meeting")


class ThemeState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("theme", "Withdrawn")


class ThemeDecisionChoice(models.TextChoices):
    # Labels of a recorded answer; the buttons that give it say "Agree" and "Decline".
    AGREE = "agree", pgettext_lazy("theme decision", "Agreed")
    DECLINE = "decline", pgettext_lazy("theme decision", "Declined")


class Currency(models.TextChoices):
    TWD = "TWD", _("New Taiwan dollar (TWD)")
    EUR = "EUR", _("Euro (EUR)")


class BudgetCategory(models.TextChoices):
    FLIGHTS = "flights", _("Flights")
    LODGING = "lodging", _("Lodging")
    PER_DIEM = "per_diem", _("Per diem")
    LOCAL_TRANSPORT = "transport", _("Local transport")
    EVENTS = "events", _("Events and venues")
    HOSTING = "hosting", _("Hosting fees")
    PROMOTION = "promotion", _("Promotion of the call")
    INTERPRETING = "interpreting", _("Interpreting and translation")
    OTHER = "other", _("Other")
