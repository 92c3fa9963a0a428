import datetime as dt

from jumelage.exchange.models import Residency


def hosted(application, offer) -> Residency:
    """The team placed with a host's offer for its exchange."""
    residency, _ = Residency.objects.get_or_create(
        offer=offer,
        application=application,
        defaults={"starts_on": offer.starts_on, "ends_on": offer.starts_on + dt.timedelta(days=6)},
    )
    return residency
