"""The demo's cycles, as the tests over the loaded demo find them."""

from jumelage.partnerships.models import Cycle


def current_cycle():
    """The cycle whose calls are open; the loader creates it first, the earlier one after."""
    return Cycle.objects.order_by("created", "pk").first()


def earlier_cycle():
    """The finished cycle: its selection announced, its teams holding places."""
    return Cycle.objects.filter(calls__applications__place__isnull=False).distinct().get()


def reviewing_cycle():
    """The cycle whose calls closed days ago and whose committees are mid-review."""
    return Cycle.objects.exclude(pk__in=[current_cycle().pk, earlier_cycle().pk]).get()
