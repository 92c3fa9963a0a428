"""Pages of the host ecosystems: organisations, their hosting offers, the cities' schemes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from jumelage.hosting import permissions
from jumelage.hosting.forms import HostingOfferForm, NewOrganisationForm, OrganisationForm
from jumelage.hosting.models import HostingOffer, HostOrganisation
from jumelage.hosting.queries import cycle_offers, partnership_organisations, partnership_schemes
from jumelage.hosting.services import add_organisation
from jumelage.partnerships.models import Partnership
from jumelage.partnerships.permissions import managed_sides
from jumelage.partnerships.queries import cycle_or_404


@require_safe
def organisations(request, partnership_slug):
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    context = {
        "partnership": partnership,
        "organisations": partnership_organisations(partnership),
        "can_add": permissions.can_add_organisation(request.user, partnership),
    }
    return render(request, "hosting/organisations.html", context)


def _organisation_or_404(partnership_slug, pk):
    return get_object_or_404(
        HostOrganisation.objects.select_related("side__partnership"),
        pk=pk,
        side__partnership__slug=partnership_slug,
    )


@require_safe
def organisation(request, partnership_slug, pk):
    organisation = _organisation_or_404(partnership_slug, pk)
    partnership = organisation.side.partnership
    can_see_offers = permissions.can_see_offers(request.user, partnership)
    context = {
        "partnership": partnership,
        "organisation": organisation,
        "can_see_offers": can_see_offers,
        "offers": organisation.offers.select_related("cycle").order_by("-cycle__slug")
        if can_see_offers
        else None,
        "can_edit": permissions.can_edit_organisation(request.user, organisation),
    }
    return render(request, "hosting/organisation.html", context)


@require_safe
def schemes(request, partnership_slug):
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    context = {"partnership": partnership, "schemes": partnership_schemes(partnership)}
    return render(request, "hosting/schemes.html", context)


@login_required
@require_safe
def offers(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    user, partnership = request.user, cycle.partnership
    if not permissions.can_see_offers(user, partnership):
        raise PermissionDenied
    offers = list(cycle_offers(cycle))
    editable = permissions.editable_organisations(user, partnership).select_related("side")
    context = {
        "cycle": cycle,
        "partnership": partnership,
        "offers": offers,
        "editable_offer_ids": {
            offer.pk
            for offer in offers
            if permissions.can_edit_organisation(user, offer.organisation)
        },
        "without_offer": editable.exclude(offers__cycle=cycle).order_by("side_id", "name"),
    }
    return render(request, "hosting/offers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request, partnership_slug):
    partnership = get_object_or_404(
        Partnership.objects.prefetch_related("sides"), slug=partnership_slug
    )
    sides = managed_sides(request.user, partnership)
    if not sides:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = NewOrganisationForm(data, sides=sides)
    if data is not None and form.is_valid():
        organisation = add_organisation(request.user, form.instance)
        messages.success(request, _("The organisation is added."))
        return redirect("hosting:organisation", partnership_slug, organisation.pk)
    context = {"partnership": partnership, "form": form}
    return render(request, "hosting/organisation_form.html", context)


def _editable_organisation(user, partnership_slug, pk):
    organisation = _organisation_or_404(partnership_slug, pk)
    if not permissions.can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, partnership_slug, pk):
    organisation = _editable_organisation(request.user, partnership_slug, pk)
    data = request.POST if request.method == "POST" else None
    form = OrganisationForm(data, instance=organisation)
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("The organisation is saved."))
        return redirect("hosting:organisation", partnership_slug, organisation.pk)
    context = {
        "partnership": organisation.side.partnership,
        "organisation": organisation,
        "form": form,
    }
    return render(request, "hosting/organisation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_add(request, partnership_slug, pk):
    organisation = _editable_organisation(request.user, partnership_slug, pk)
    offer = HostingOffer(organisation=organisation)
    cycle = organisation.side.partnership.cycles.filter(slug=request.GET.get("cycle", "")).first()
    return _offer_form(request, offer, initial={"cycle": cycle})


def _editable_offer(user, partnership_slug, pk):
    offer = get_object_or_404(
        HostingOffer.objects.select_related("cycle", "organisation__side__partnership"),
        pk=pk,
        organisation__side__partnership__slug=partnership_slug,
    )
    if not permissions.can_edit_organisation(user, offer.organisation):
        raise PermissionDenied
    return offer


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, partnership_slug, pk):
    return _offer_form(request, _editable_offer(request.user, partnership_slug, pk))


def _offer_form(request, offer, initial=None):
    data = request.POST if request.method == "POST" else None
    form = HostingOfferForm(data, instance=offer, initial=initial)
    organisation = offer.organisation
    if data is not None and form.is_valid():
        form.instance.confirmed = True  # its host has read it again and saved it
        form.save()
        messages.success(request, _("The hosting offer is saved."))
        return redirect("hosting:organisation", organisation.side.partnership.slug, organisation.pk)
    context = {
        "partnership": organisation.side.partnership,
        "organisation": organisation,
        "offer": offer,
        "form": form,
    }
    return render(request, "hosting/offer_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_delete(request, partnership_slug, pk):
    offer = _editable_offer(request.user, partnership_slug, pk)
    organisation = offer.organisation
    if request.method == "POST":
        offer.delete()
        messages.success(request, _("The hosting offer is deleted."))
        return redirect("hosting:organisation", partnership_slug, organisation.pk)
    context = {
        "partnership": organisation.side.partnership,
        "organisation": organisation,
        "offer": offer,
    }
    return render(request, "hosting/offer_delete.html", context)
