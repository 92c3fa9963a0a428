"""The outbox's check that a decision message still tells the applicant's current decision
(registered from SelectionConfig.ready()): one queued before a change of outcome is
cancelled at send time, never sent."""

from django.utils.translation import gettext as _

from jumelage.notifications import currency
from jumelage.selection.enums import Decision, PickChoice
from jumelage.selection.models import PickEntry, Place


def current_decision(cycle_id: int, application_id: int) -> str | None:
    """The decision the applicant should be told now; None once their place is given up."""
    place = Place.objects.filter(
        application_id=application_id, pick__nomination__cycle_id=cycle_id
    ).first()
    if place is not None:
        return Decision.SELECTED if place.is_held else None
    reserve = PickEntry.objects.filter(
        pick__nomination__cycle_id=cycle_id,
        entry__application_id=application_id,
        choice=PickChoice.RESERVE,
    )
    return Decision.RESERVE if reserve.exists() else Decision.NOT_SELECTED


def stale_decision(message) -> str | None:
    if message.template_key not in Decision.values:
        return None
    _prefix, cycle_id, application_id = message.slot.split(":")
    if current_decision(int(cycle_id), int(application_id)) == message.template_key:
        return None
    return _("The decision changed before this message went out; it was not sent.")


def register() -> None:
    currency.register("decision", stale_decision)
