import datetime as dt
import json

import icalendar
import pytest
from django.urls import reverse

from jumelage.core import moments
from jumelage.demo import trip as demo_trip
from jumelage.exchange.models import (
    Acknowledgement,
    Attendance,
    Delegation,
    PersonalDataEvent,
    Residency,
    TravellerDetails,
)
from tests import factories as f
from tests.exchange.factories import (
    PARIS,
    TAIPEI,
    BriefingPackFactory,
    ItineraryItemFactory,
    StayFactory,
    TravelLegFactory,
    TravellerFactory,
    selected_team,
    trip,
)

pytestmark = pytest.mark.django_db


def _url(name, delegation, **kwargs):
    return reverse(f"exchange:{name}", kwargs={"slug": delegation.slug, **kwargs})


def test_a_manager_creates_a_delegation_for_the_cycle(client, world):
    client.force_login(world.users.tina)
    url = reverse(
        "exchange:delegation_add",
        kwargs={"partnership_slug": "taichung-toulouse", "cycle_slug": world.cycle.slug},
    )
    response = client.post(
        url,
        {
            "side": world.taichung.pk,
            "host_side": world.toulouse.pk,
            "title_en": "Teams to Toulouse",
            "starts_on": "2019-10-07",
            "ends_on": "2019-10-12",
        },
    )
    delegation = Delegation.objects.get()
    assert response.status_code == 302
    assert (delegation.slug, delegation.side, delegation.cycle) == (
        "taichung-2019",
        world.taichung,
        world.cycle,
    )


def test_a_return_before_departure_is_refused_with_a_message(client, world):
    delegation, _traveller = trip(world)
    client.force_login(world.users.tina)
    response = client.post(
        _url("delegation_edit", delegation),
        {
            "host_side": world.toulouse.pk,
            "title_en": "x",
            "starts_on": "2019-10-07",
            "ends_on": "2019-10-01",
        },
    )
    assert response.status_code == 200
    assert "The return cannot come before the departure." in response.content.decode()


def test_a_traveller_with_an_account_email_is_linked_to_it(client, world):
    delegation, _traveller = trip(world)
    client.force_login(world.users.tina)
    client.post(
        _url("traveller_add", delegation),
        {"order": 2, "name_en": "Alice", "role": "team_member", "email": "ALICE@example.org"},
    )
    assert delegation.travellers.get(name_en="Alice").user == world.users.alice


def test_the_delegations_list_costs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for side, host in ((world.taichung, world.toulouse), (world.toulouse, world.taichung)):
        delegation = Delegation.objects.create(
            side=side,
            host_side=host,
            cycle=world.cycle,
            slug=f"d-{side.slug}",
            title="d",
            starts_on=dt.date(2019, 10, 7),
            ends_on=dt.date(2019, 10, 12),
        )
        TravellerFactory.create_batch(3, delegation=delegation)
    client.force_login(world.users.tina)
    url = reverse(
        "exchange:delegations",
        kwargs={"partnership_slug": "taichung-toulouse", "cycle_slug": world.cycle.slug},
    )
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.content.decode().count("/exchange/d/d-") == 2


def test_the_itinerary_is_grouped_by_day_and_links_visits_to_offers(
    client, world, django_assert_max_num_queries
):
    delegation, traveller = trip(world, user=world.users.alice)
    offer = f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    for day in range(16, 19):
        for hour in (9, 14):
            ItineraryItemFactory(
                delegation=delegation,
                day=dt.date(2018, 7, day),
                starts_at=dt.time(hour),
                organisation=world.host,
            )
    client.force_login(world.users.alice)
    with django_assert_max_num_queries(12):
        response = client.get(_url("itinerary", delegation))
    page = response.content.decode()
    assert page.count('<tbody class="day">') == 3
    assert reverse("hosting:organisation", args=["taichung-toulouse", world.host.pk]) in page
    assert moments.day(offer.starts_on, "en") in page
    assert _url("item_add", delegation) not in page  # a traveller reads, managers plan
    assert reverse("exchange:traveller_ical", args=[traveller.ical_token]) in page


def test_the_travel_page_shows_local_times_totals_and_problems(client, world):
    delegation, traveller = trip(world)
    TravelLegFactory(
        delegation=delegation,
        carrier="BR",
        number="87",
        departs_at=dt.datetime(2018, 7, 15, 10, 25, tzinfo=TAIPEI),
        departure_timezone="Asia/Taipei",
        arrives_at=dt.datetime(2018, 7, 15, 18, 5, tzinfo=PARIS),
        estimate=60000,
        currency="TWD",
        travellers=[traveller],
    )
    StayFactory(delegation=delegation, estimate=400, currency="EUR", travellers=[traveller])
    client.force_login(world.users.tina)
    client.post(
        _url("rate_set", delegation), {"currency": "EUR", "rate": "35", "recorded_on": "2018-07-01"}
    )
    page = client.get(_url("travel", delegation)).content.decode()
    assert "10:25" in page and "18:05" in page
    assert "74,000.00" in page  # 60,000 TWD + 400 EUR × 35
    assert "No lodging for the night of" in page  # the 19th and 20th


def test_a_rate_for_the_side_currency_is_refused(client, world):
    delegation, _traveller = trip(world)
    client.force_login(world.users.tina)
    response = client.post(
        _url("rate_set", delegation), {"currency": "TWD", "rate": "1", "recorded_on": "2018-07-01"}
    )
    assert response.status_code == 400
    assert "needs no rate" in response.content.decode()


def test_a_leg_is_entered_in_local_times(client, world):
    delegation, traveller = trip(world)
    client.force_login(world.users.tina)
    response = client.post(
        _url("leg_add", delegation),
        {
            "mode": "flight",
            "carrier": "BR",
            "number": "87",
            "origin": "TPE",
            "departs_at": "2018-07-15T10:25",
            "departure_timezone": "Asia/Taipei",
            "destination": "CDG",
            "arrives_at": "2018-07-15T18:05",
            "arrival_timezone": "Europe/Paris",
            "estimate": "100",
            "currency": "TWD",
        },
    )
    assert response.status_code == 302
    leg = delegation.legs.get()
    assert leg.departs_at == dt.datetime(2018, 7, 15, 2, 25, tzinfo=dt.UTC)
    assert leg.arrives_at == dt.datetime(2018, 7, 15, 16, 5, tzinfo=dt.UTC)
    assert list(leg.travellers.all()) == [traveller]  # nobody ticked: everyone


def test_an_item_needs_a_time_or_a_part_of_the_day(client, world):
    delegation, _traveller = trip(world)
    client.force_login(world.users.theo)  # the host city plans the programme too
    response = client.post(
        _url("item_add", delegation),
        {"day": "2018-07-16", "timezone": "Europe/Paris", "activity_en": "x"},
    )
    assert response.status_code == 200
    assert "Give a time, or a part of the day." in response.content.decode()


def test_the_traveller_edits_exports_and_erases_their_details(client, world):
    delegation, traveller = trip(world, user=world.users.alice)
    client.force_login(world.users.alice)
    url = _url("traveller_details", delegation, pk=traveller.pk)
    client.post(
        url,
        {
            "passport_name": "CHEN ALICE",
            "passport_expires_on": "2018-10-01",
            "visa_status": "done",
            "insurance_status": "todo",
        },
    )
    details = TravellerDetails.objects.get()
    assert details.retain_until == dt.date(2018, 10, 19)
    assert "within six months of the return" in client.get(url).content.decode()
    exported = client.get(_url("traveller_export", delegation, pk=traveller.pk))
    assert json.loads(exported.content)["details"]["passport_name"] == "CHEN ALICE"
    client.post(_url("traveller_erase", delegation, pk=traveller.pk))
    assert not TravellerDetails.objects.exists()
    assert [e.action for e in PersonalDataEvent.objects.all()] == ["exported", "erased"]


def test_the_partner_manager_sees_no_details_link(client, world):
    delegation, traveller = trip(world)
    client.force_login(world.users.theo)
    page = client.get(_url("delegation", delegation)).content.decode()
    assert "Lee Yi-an" in page
    assert _url("traveller_details", delegation, pk=traveller.pk) not in page


def test_the_traveller_acknowledges_and_the_manager_records_attendance(client, world):
    delegation, traveller = trip(world, user=world.users.alice)
    other = TravellerFactory(delegation=delegation, name="Bo")
    BriefingPackFactory(delegation=delegation)
    client.force_login(world.users.alice)
    client.post(_url("briefing_acknowledge", delegation))
    assert Acknowledgement.objects.get().traveller == traveller
    client.force_login(world.users.tina)
    client.post(_url("briefing_attendance", delegation), {"present": [other.pk]})
    assert list(Attendance.objects.filter(present=True).values_list("traveller", flat=True)) == [
        other.pk
    ]
    page = client.get(_url("briefing", delegation)).content.decode()
    assert page.count('class="unread"') == 1  # Bo has not read it


def test_a_manager_cannot_acknowledge_for_a_traveller(client, world):
    delegation, _traveller = trip(world)
    BriefingPackFactory(delegation=delegation)
    client.force_login(world.users.tina)
    client.post(_url("briefing_acknowledge", delegation))
    assert not Acknowledgement.objects.exists()


def test_the_calendar_feed_parses_and_an_unknown_token_is_not_found(client, world):
    delegation, traveller = trip(world)
    ItineraryItemFactory(delegation=delegation, activity="Capitole")
    response = client.get(reverse("exchange:traveller_ical", args=[traveller.ical_token]))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Capitole"]
    assert client.get(reverse("exchange:delegation_ical", args=["nope"])).status_code == 404


def test_a_full_offer_refuses_another_team_with_a_message(
    client, world, django_assert_max_num_queries
):
    offer = f.HostingOfferFactory(cycle=world.cycle, organisation=world.host, teams=1)
    first = selected_team(world, team_name="Orchid")
    second = selected_team(world, team_name="Lotus")
    Residency.objects.create(
        offer=offer, application=first, starts_on=offer.starts_on, ends_on=offer.ends_on
    )
    client.force_login(world.users.theo)
    url = reverse(
        "exchange:residencies",
        kwargs={"partnership_slug": "taichung-toulouse", "cycle_slug": world.cycle.slug},
    )
    response = client.post(
        url,
        {
            "application": second.pk,
            "offer": offer.pk,
            "starts_on": offer.starts_on,
            "ends_on": offer.ends_on,
        },
    )
    assert response.status_code == 400
    assert "already hosts as many teams as it can" in response.content.decode()
    second.answers = {"exchange_goals": "Meet Airbus engineers"}
    second.save()
    for _ in range(5):
        selected_team(world)
    with django_assert_max_num_queries(13):
        page = client.get(url).content.decode()
    assert "Orchid" in page and "Coworking space" in page
    assert "Meet Airbus engineers" in page  # Lotus still waits for a host, with its needs


def test_official_visits_outside_the_cycles_are_listed(client, world):
    demo_trip.load({"taichung": world.taichung, "toulouse": world.toulouse}, {})
    client.force_login(world.users.theo)
    page = client.get(
        reverse("exchange:official_visits", args=["taichung-toulouse"])
    ).content.decode()
    assert reverse("exchange:delegation", args=[demo_trip.SLUG]) in page


def test_the_leg_form_offers_each_traveller_and_the_delegation_tabs(client, world):
    delegation, traveller = trip(world)
    client.force_login(world.users.tina)
    page = client.get(_url("leg_add", delegation)).content.decode()
    assert f'name="travellers" value="{traveller.pk}"' in page
    assert _url("travel", delegation) in page  # the tab of the page the form belongs to
