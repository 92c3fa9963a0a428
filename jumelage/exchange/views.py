"""Pages of an exchange: the delegations of a cycle, one delegation's people, travel,
itinerary and briefing, the residencies of the partner's teams, and calendar feeds."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.exchange import calendar, checks, forms, itinerary, permissions, queries, services
from jumelage.exchange.models import (
    BriefingPack,
    Delegation,
    ExchangeRate,
    ItineraryItem,
    Residency,
    Stay,
    TravelLeg,
    Traveller,
    TravellerDetails,
)
from jumelage.hosting.models import HostingOffer
from jumelage.partnerships.models import Partnership
from jumelage.partnerships.permissions import is_partnership_manager, managed_sides
from jumelage.partnerships.queries import cycle_or_404

# Delegations of a cycle


@login_required
@require_safe
def delegations(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    permissions.require(permissions.can_see_delegations(request.user, cycle))
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "delegations": queries.cycle_delegations(cycle),
        "can_add": bool(managed_sides(request.user, cycle.partnership)),
    }
    return render(request, "exchange/delegations.html", context)


@login_required
@require_safe
def official_visits(request, partnership_slug):
    """Delegations outside the programme's cycles, like the 2018 visit that founded it."""
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    permissions.require(is_partnership_manager(request.user, partnership))
    context = {"partnership": partnership, "delegations": queries.official_visits(partnership)}
    return render(request, "exchange/official_visits.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_add(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    sides = managed_sides(request.user, cycle.partnership)
    permissions.require(bool(sides))
    data = request.POST if request.method == "POST" else None
    delegation = Delegation(cycle=cycle, side=sides[0])
    form = forms.NewDelegationForm(data, instance=delegation, sides=sides)
    saving = data is not None and form.is_valid()
    if saving:
        form.instance.slug = _delegation_slug(form.instance)
    if saving and _saved(form, lambda: services.save_delegation(request.user, form.instance)):
        messages.success(request, _("The delegation is created: add its travellers."))
        return redirect("exchange:delegation", form.instance.slug)
    title = _("New delegation")
    return _form_page(request, form, title, cycle=cycle, partnership=cycle.partnership)


def _delegation_slug(delegation) -> str:
    base = f"{delegation.side.slug}-{delegation.cycle.slug}"
    taken = set(Delegation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _saved(form, save) -> bool:
    """Run a service; its refusal lands on the form as a message, never a 500."""
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _form_page(request, form, title, **context):
    delegation = context.pop("delegation", None)
    if delegation is not None:
        context = _context(delegation, request.user, "", **context)
    context.update(form=form, title=title)
    return render(request, "exchange/form.html", context)


# One delegation


def _delegation_for(user, slug, check):
    delegation = queries.delegation_or_404(slug)
    permissions.require(check(user, delegation))
    return delegation


def _context(delegation, user, tab, **extra):
    return {
        "delegation": delegation,
        "tab": tab,
        "can_run": permissions.can_run(user, delegation),
        "can_plan": permissions.can_plan(user, delegation),
        **extra,
    }


def _problems(delegation):
    travellers = list(queries.travellers_of(delegation))
    legs, stays = list(queries.legs_of(delegation)), list(queries.stays_of(delegation))
    items = list(queries.items_of(delegation))
    details = TravellerDetails.objects.filter(traveller__delegation=delegation).select_related(
        "traveller"
    )
    return [
        *checks.all_problems(delegation, travellers, legs, stays, items),
        *checks.passport_warnings(delegation, details),
    ]


@login_required
@require_safe
def delegation(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_see)
    user = request.user
    travellers = list(queries.travellers_of(delegation))
    context = _context(
        delegation,
        user,
        "people",
        travellers=[
            (traveller, permissions.can_see_details(user, traveller)) for traveller in travellers
        ],
        own=[t for t in travellers if t.user_id == user.pk],
        problems=_problems(delegation) if permissions.can_run(user, delegation) else None,
    )
    return render(request, "exchange/delegation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    data = request.POST if request.method == "POST" else None
    form = forms.DelegationForm(data, instance=delegation)
    saving = data is not None and form.is_valid()
    if saving and _saved(form, lambda: services.save_delegation(request.user, form.instance)):
        messages.success(request, _("The delegation is saved."))
        return redirect("exchange:delegation", slug)
    return _form_page(request, form, _("Edit the delegation"), delegation=delegation)


# Travellers


def _traveller_form(request, traveller, title):
    delegation = traveller.delegation
    data = request.POST if request.method == "POST" else None
    form = forms.TravellerForm(data, instance=traveller)
    if data is not None and form.is_valid():
        services.save_traveller(request.user, form.instance)
        messages.success(request, _("The traveller is saved."))
        return redirect("exchange:delegation", delegation.slug)
    return _form_page(request, form, title, delegation=delegation)


@login_required
@require_http_methods(["GET", "POST"])
def traveller_add(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    order = delegation.travellers.count() + 1
    traveller = Traveller(delegation=delegation, order=order)
    return _traveller_form(request, traveller, _("Add a traveller"))


def _traveller(delegation, pk):
    return get_object_or_404(
        Traveller.objects.select_related("delegation"), pk=pk, delegation=delegation
    )


@login_required
@require_http_methods(["GET", "POST"])
def traveller_edit(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    return _traveller_form(request, _traveller(delegation, pk), _("Edit the traveller"))


def _details_traveller(request, slug, pk):
    delegation = queries.delegation_or_404(slug)
    traveller = _traveller(delegation, pk)
    traveller.delegation = delegation
    permissions.require(permissions.can_see_details(request.user, traveller))
    return traveller


@login_required
@require_http_methods(["GET", "POST"])
def traveller_details(request, slug, pk):
    traveller = _details_traveller(request, slug, pk)
    details = TravellerDetails.objects.filter(traveller=traveller).first()
    details = details or TravellerDetails(traveller=traveller)
    data = request.POST if request.method == "POST" else None
    form = forms.TravellerDetailsForm(data, instance=details)
    if data is not None and form.is_valid():
        services.save_details(request.user, form.instance)
        messages.success(request, _("The travel details are saved."))
        return redirect("exchange:traveller_details", slug, pk)
    warnings = checks.passport_warnings(traveller.delegation, [details]) if details.pk else []
    context = _context(traveller.delegation, request.user, "people", traveller=traveller, form=form)
    context["warnings"] = warnings
    return render(request, "exchange/details.html", context)


@login_required
@require_safe
def traveller_export(request, slug, pk):
    traveller = _details_traveller(request, slug, pk)
    data = services.export_details(request.user, traveller)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="traveller-{traveller.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def traveller_erase(request, slug, pk):
    traveller = _details_traveller(request, slug, pk)
    if request.method == "POST":
        services.erase_details(request.user, traveller)
        messages.success(request, _("The personal details are erased."))
        return redirect("exchange:delegation", slug)
    context = _context(traveller.delegation, request.user, "people")
    context |= {
        "title": _("Erase the personal details of %(name)s?") % {"name": traveller},
        "explanation": _(
            "The passport name, nationality, expiry, diet, emergency contact and checklist "
            "are deleted for good. The traveller stays on the delegation's list."
        ),
        "button": _("Erase"),
    }
    return render(request, "exchange/confirm.html", context)


# Travel and costs


@login_required
@require_safe
def travel(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    legs, stays = list(queries.legs_of(delegation)), list(queries.stays_of(delegation))
    rates = list(delegation.rates.all())
    rate_form = forms.ExchangeRateForm(instance=ExchangeRate(delegation=delegation))
    return _travel_page(request, delegation, legs, stays, rates, rate_form)


def _travel_page(request, delegation, legs, stays, rates, rate_form, status=200):
    context = _context(
        delegation,
        request.user,
        "travel",
        legs=legs,
        stays=stays,
        rates=rates,
        rate_form=rate_form,
        totals=services.cost_totals(delegation, [*legs, *stays], rates),
        budget=services.budget_use(delegation, [*legs, *stays], rates),
        problems=_problems(delegation),
    )
    return render(request, "exchange/travel.html", context, status=status)


@login_required
@require_POST
def rate_set(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    existing = delegation.rates.filter(currency=request.POST.get("currency", "")).first()
    form = forms.ExchangeRateForm(
        request.POST, instance=existing or ExchangeRate(delegation=delegation)
    )
    if not form.is_valid():
        legs, stays = list(queries.legs_of(delegation)), list(queries.stays_of(delegation))
        rates = list(delegation.rates.all())
        return _travel_page(request, delegation, legs, stays, rates, form, status=400)
    form.save()
    messages.success(request, _("The exchange rate is recorded."))
    return redirect("exchange:travel", slug)


def _cost_form(request, form_class, instance, title):
    delegation = instance.delegation
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=instance)
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("exchange:travel", delegation.slug)
    return _form_page(request, form, title, delegation=delegation)


@login_required
@require_http_methods(["GET", "POST"])
def leg_add(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    leg = TravelLeg(delegation=delegation)
    return _cost_form(request, forms.TravelLegForm, leg, _("Add a travel leg"))


@login_required
@require_http_methods(["GET", "POST"])
def leg_edit(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    leg = get_object_or_404(TravelLeg, pk=pk, delegation=delegation)
    return _cost_form(request, forms.TravelLegForm, leg, _("Edit the travel leg"))


@login_required
@require_http_methods(["GET", "POST"])
def stay_add(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    return _cost_form(request, forms.StayForm, Stay(delegation=delegation), _("Add lodging"))


@login_required
@require_http_methods(["GET", "POST"])
def stay_edit(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    stay = get_object_or_404(Stay, pk=pk, delegation=delegation)
    return _cost_form(request, forms.StayForm, stay, _("Edit the lodging"))


def _delete_page(request, obj, title, back):
    if request.method == "POST":
        obj.delete()
        messages.success(request, _("Deleted."))
        return redirect(*back)
    context = _context(obj.delegation, request.user, "", title=title, button=_("Delete"))
    return render(request, "exchange/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leg_delete(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    leg = get_object_or_404(TravelLeg, pk=pk, delegation=delegation)
    back = ("exchange:travel", slug)
    return _delete_page(request, leg, _("Delete %(leg)s?") % {"leg": leg}, back)


@login_required
@require_http_methods(["GET", "POST"])
def stay_delete(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    stay = get_object_or_404(Stay, pk=pk, delegation=delegation)
    back = ("exchange:travel", slug)
    return _delete_page(request, stay, _("Delete %(stay)s?") % {"stay": stay}, back)


# Itinerary


@login_required
@require_safe
def itinerary_page(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_see)
    items = list(queries.items_of(delegation))
    own = [t for t in delegation.travellers.all() if t.user_id == request.user.pk]
    offers = _offers_by_organisation(delegation, items)
    for item in items:
        item.offer = offers.get(item.organisation_id)
    context = _context(
        delegation, request.user, "itinerary", days=itinerary.days(delegation, items), own=own
    )
    return render(request, "exchange/itinerary.html", context)


def _offers_by_organisation(delegation, items):
    """The hosting offer behind each visited organisation, in the delegation's cycle."""
    visited = {item.organisation_id for item in items if item.organisation_id}
    if not visited or not delegation.cycle_id:
        return {}
    offers = HostingOffer.objects.filter(cycle=delegation.cycle_id, organisation__in=visited)
    return {offer.organisation_id: offer for offer in offers}


def _item_form(request, item, title):
    delegation = item.delegation
    data = request.POST if request.method == "POST" else None
    form = forms.ItineraryItemForm(data, instance=item)
    if data is not None and form.is_valid():
        form.save()
        messages.success(request, _("The itinerary is saved."))
        return redirect("exchange:itinerary", delegation.slug)
    return _form_page(request, form, title, delegation=delegation)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_plan)
    item = ItineraryItem(delegation=delegation, day=delegation.starts_on)
    return _item_form(request, item, _("Add to the itinerary"))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_plan)
    item = get_object_or_404(ItineraryItem, pk=pk, delegation=delegation)
    return _item_form(request, item, _("Edit the itinerary item"))


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request, slug, pk):
    delegation = _delegation_for(request.user, slug, permissions.can_plan)
    item = get_object_or_404(ItineraryItem, pk=pk, delegation=delegation)
    back = ("exchange:itinerary", slug)
    return _delete_page(request, item, _("Delete %(item)s?") % {"item": item}, back)


# Calendar feeds: the secret token in the address is the credential.


@require_safe
def delegation_ical(request, token):
    delegation = (
        Delegation.objects.filter(ical_token=token).select_related("host_side", "side").first()
    )
    if delegation is None:
        return HttpResponseNotFound()
    items = queries.items_of(delegation)
    return _ics(calendar.itinerary_calendar(delegation, items, str(delegation)), delegation.slug)


@require_safe
def traveller_ical(request, token):
    traveller = Traveller.objects.filter(ical_token=token).select_related("delegation").first()
    if traveller is None:
        return HttpResponseNotFound()
    delegation = traveller.delegation
    items = calendar.items_for(traveller, queries.items_of(delegation))
    name = f"{delegation} · {traveller}"
    return _ics(
        calendar.itinerary_calendar(delegation, items, name), f"{delegation.slug}-{traveller.pk}"
    )


def _ics(body, name):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


# Briefing


def _pack(delegation):
    return BriefingPack.objects.filter(delegation=delegation).first()


@login_required
@require_safe
def briefing(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_see)
    pack = _pack(delegation)
    travellers = list(queries.travellers_of(delegation))
    own = [t for t in travellers if t.user_id == request.user.pk]
    status = services.briefing_status(pack, travellers) if pack else []
    read = {t.pk for t, has_read, _present in status if has_read}
    context = _context(
        delegation,
        request.user,
        "briefing",
        pack=pack,
        days=itinerary.days(delegation, queries.items_of(delegation)),
        status=status if permissions.can_run(request.user, delegation) else None,
        to_acknowledge=[t for t in own if t.pk not in read],
        attendance_form=forms.AttendanceForm(
            travellers=delegation.travellers.all(),
            initial={"present": [t for t, _read, present in status if present]},
        ),
    )
    return render(request, "exchange/briefing.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def briefing_edit(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    pack = _pack(delegation) or BriefingPack(delegation=delegation)
    data = request.POST if request.method == "POST" else None
    form = forms.BriefingForm(data, instance=pack)
    if data is not None and form.is_valid():
        services.save_briefing(request.user, form.instance)
        messages.success(request, _("The briefing pack is saved; travellers are asked to read it."))
        return redirect("exchange:briefing", slug)
    return _form_page(request, form, _("Edit the briefing pack"), delegation=delegation)


@login_required
@require_POST
def briefing_acknowledge(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_see)
    pack = _pack(delegation)
    if pack is None:
        return HttpResponse(_("There is no briefing pack yet."), status=409)
    try:
        services.acknowledge(request.user, pack)
    except PermissionDenied:
        messages.error(request, _("Only a traveller of the delegation acknowledges its pack."))
        return redirect("exchange:briefing", slug)
    messages.success(request, _("Thank you: your reading of the briefing pack is recorded."))
    return redirect("exchange:briefing", slug)


@login_required
@require_POST
def briefing_attendance(request, slug):
    delegation = _delegation_for(request.user, slug, permissions.can_run)
    pack = _pack(delegation)
    if pack is None:
        return HttpResponse(_("There is no briefing pack yet."), status=409)
    form = forms.AttendanceForm(request.POST, travellers=delegation.travellers.all())
    if not form.is_valid():
        messages.error(request, _("Tick the travellers who came, from the list."))
        return redirect("exchange:briefing", slug)
    services.record_attendance(request.user, pack, {t.pk for t in form.cleaned_data["present"]})
    messages.success(request, _("The attendance is recorded."))
    return redirect("exchange:briefing", slug)


# Residencies


@login_required
@require_http_methods(["GET", "POST"])
def residencies(request, partnership_slug, cycle_slug):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    permissions.require(permissions.can_assign_residencies(request.user, cycle))
    data = request.POST if request.method == "POST" else None
    form = forms.ResidencyForm(data, cycle=cycle)
    saving = data is not None and form.is_valid()
    if saving and _saved(form, lambda: services.assign_residency(request.user, form.instance)):
        messages.success(request, _("The team is placed with the host."))
        return redirect("exchange:residencies", partnership_slug, cycle_slug)
    return _residencies_page(request, cycle, form, status=400 if data is not None else 200)


def _residencies_page(request, cycle, form, status):
    offers = list(
        HostingOffer.objects.filter(cycle=cycle)
        .select_related("organisation__side")
        .prefetch_related("residencies__application__theme")
        .order_by("organisation__side_id", "organisation__name")
    )
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "offers": offers,
        "unplaced": queries.teams_to_place(cycle),
        "form": form,
    }
    return render(request, "exchange/residencies.html", context, status=status)


def _residency(request, partnership_slug, cycle_slug, pk):
    cycle = cycle_or_404(partnership_slug, cycle_slug)
    permissions.require(permissions.can_assign_residencies(request.user, cycle))
    residency = get_object_or_404(
        Residency.objects.select_related("offer__organisation", "application"),
        pk=pk,
        offer__cycle=cycle,
    )
    return cycle, residency


@login_required
@require_http_methods(["GET", "POST"])
def residency_edit(request, partnership_slug, cycle_slug, pk):
    cycle, residency = _residency(request, partnership_slug, cycle_slug, pk)
    data = request.POST if request.method == "POST" else None
    form = forms.ServicesUsedForm(data, initial={"services": residency.services_used})
    if data is not None and form.is_valid():
        services.record_services(request.user, residency, form.cleaned_data["services"])
        messages.success(request, _("The services used are recorded."))
        return redirect("exchange:residencies", partnership_slug, cycle_slug)
    title = _("Services %(team)s used at %(host)s") % {
        "team": residency.application,
        "host": residency.offer.organisation,
    }
    return _form_page(request, form, title, cycle=cycle, partnership=cycle.partnership)


@login_required
@require_http_methods(["GET", "POST"])
def residency_delete(request, partnership_slug, cycle_slug, pk):
    cycle, residency = _residency(request, partnership_slug, cycle_slug, pk)
    if request.method == "POST":
        with transaction.atomic():
            residency.delete()
        messages.success(request, _("The team is no longer placed with this host."))
        return redirect("exchange:residencies", partnership_slug, cycle_slug)
    context = {
        "cycle": cycle,
        "partnership": cycle.partnership,
        "title": _("Remove %(team)s from %(host)s?")
        % {"team": residency.application, "host": residency.offer.organisation},
        "button": _("Remove"),
    }
    return render(request, "exchange/confirm.html", context)
