"""What the exchange holds of a person: their traveller records (name, unit and title in
the delegation list) and the personal details behind them (passport name, nationality,
emergency contact…)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jumelage.accounts.privacy import register_personal_data
from jumelage.accounts.retention import register_retention
from jumelage.exchange import services
from jumelage.exchange.models import Traveller


def register() -> None:
    register_personal_data("travellers", 600, export=export, erase=erase)
    register_retention(
        "travel-details",
        600,
        label=gettext_lazy("Travellers' personal details past their retention date"),
        due=services.expired_details,
        reference=lambda details: f"{details.traveller.delegation.slug}/{details.traveller_id}",
        apply=services.erase_expired_details,
    )


def _travellers(user):
    return Traveller.objects.filter(user=user).select_related("delegation")


def export(user) -> list[dict]:
    return [services.export_details(user, traveller) for traveller in _travellers(user)]


def erase(user) -> None:
    """The details go (the erasure is recorded); the delegation keeps an anonymous row, so
    its list and costs still add up."""
    travellers = list(_travellers(user))
    for traveller in travellers:
        services.erase_details(user, traveller)
    Traveller.objects.filter(pk__in=[t.pk for t in travellers]).update(
        name=_("Erased traveller"), unit="", title="", email="", user=None
    )
