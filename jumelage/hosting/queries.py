"""Named queries about hosting, reused by the hosting pages and the calls."""

from jumelage.hosting.models import HostingOffer, HostOrganisation, SupportScheme


def offers_for_visitors_from(side, cycle):
    """What the other sides' organisations offer in `cycle` to the teams `side` sends."""
    return (
        HostingOffer.objects.filter(cycle=cycle, confirmed=True)
        .exclude(organisation__side=side)
        .select_related("organisation__side", "cycle")
        .order_by("organisation__side_id", "organisation__name")
    )


def cycle_offers(cycle):
    return (
        HostingOffer.objects.filter(cycle=cycle)
        .select_related("organisation__side")
        .order_by("organisation__side_id", "organisation__name")
    )


def partnership_organisations(partnership):
    return (
        HostOrganisation.objects.filter(side__partnership=partnership)
        .select_related("side")
        .order_by("side_id", "kind", "name")
    )


def partnership_schemes(partnership):
    return (
        SupportScheme.objects.filter(side__partnership=partnership)
        .select_related("side")
        .order_by("side_id", "kind", "name")
    )
