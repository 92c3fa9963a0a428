"""What hosting carries into next year's cycle: each organisation's offer, a year later,
waiting for its host to confirm it (it is not shown to applicants until then)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.hosting.models import HostingOffer
from jumelage.partnerships.copying import CYCLE_COPY, a_year_later, copied_row


def register() -> None:
    CYCLE_COPY.register("hosting", 200, copy_offers)


def copy_offers(plan) -> None:
    offers = list(HostingOffer.objects.filter(cycle=plan.source))
    for offer in offers:
        copied_row(
            offer,
            cycle=plan.target,
            starts_on=a_year_later(offer.starts_on),
            ends_on=a_year_later(offer.ends_on),
            confirmed=False,
        )
    if not offers:
        plan.note(_("No hosting offer to carry over: this cycle had none."))
        return
    plan.note(
        ngettext(
            "%(count)s hosting offer, a year later, for its host to confirm.",
            "%(count)s hosting offers, a year later, for their hosts to confirm.",
            len(offers),
        )
        % {"count": len(offers)}
    )
