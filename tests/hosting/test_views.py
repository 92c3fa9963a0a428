import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.hosting.models import HostingOffer, HostOrganisation
from jumelage.hosting.queries import offers_for_visitors_from
from tests import factories as f

EVERYONE = ["anonymous", "alice", "tina", "theo", "hana", "olga"]
MEMBERS = ["tina", "theo", "hana", "olga"]


def login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world.users, who))
    return client


def url(world, name, *more):
    return reverse(f"hosting:{name}", args=[world.partnership.slug, *more])


def is_login_redirect(response):
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


def count_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context)


@pytest.fixture
def offer(world):
    return f.HostingOfferFactory(cycle=world.cycle, organisation=world.host, notes="Two desks")


@pytest.fixture
def taichung_host(world):
    return f.HostOrganisationFactory(side=world.taichung, name="Taichung Hub")


def offer_data(world, **changes):
    data = {
        "cycle": world.cycle.pk,
        "services": ["coworking", "experts"],
        "teams": "2",
        "desks": "4",
        "starts_on": "2019-10-01",
        "ends_on": "2019-10-14",
        "notes_fr": "Bienvenue",
    }
    return {**data, **changes}


# Public pages


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_the_host_organisations_by_side_and_kind(client, world, taichung_host, who):
    f.HostOrganisationFactory(side=world.toulouse, name="AT HOME", kind="coworking")
    response = login(client, world, who).get(url(world, "organisations"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Taichung Hub") < page.index("La Cantine")
    assert "Coworking space" in page and "Incubator" in page


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_an_organisation(client, world, who):
    world.host.description_fr = "Accompagnement des startups"
    world.host.address = "27 rue d'Aubuisson, Toulouse"
    world.host.website = "https://lacantine.example"
    world.host.save()
    response = login(client, world, who).get(url(world, "organisation", world.host.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Accompagnement des startups" in page and "rue d&#x27;Aubuisson" in page
    assert 'href="https://lacantine.example"' in page


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("alice", False),
        ("tina", True),
        ("theo", True),
        ("hana", True),
        ("olga", True),
    ],
)
def test_the_offers_on_an_organisation_page_are_for_members(client, world, offer, who, sees):
    page = login(client, world, who).get(url(world, "organisation", world.host.pk)).content
    assert (b"Two desks" in page) is sees


def test_an_organisation_of_another_partnership_is_404(client, world):
    other = f.SideFactory(partnership=f.PartnershipFactory(slug="other"))
    foreign = f.HostOrganisationFactory(side=other)
    assert client.get(url(world, "organisation", foreign.pk)).status_code == 404
    assert client.get(url(world, "organisation", 999999)).status_code == 404
    assert client.get(reverse("hosting:organisations", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_each_citys_support_schemes(client, world, who):
    f.SupportSchemeFactory(
        side=world.taichung,
        name="Youth startup loan",
        kind="loan_subsidy",
        eligibility="Founders under 45",
        amount="NT$2,000,000",
        website="https://loans.example",
    )
    f.SupportSchemeFactory(side=world.toulouse, name="Bourse French Tech", kind="grant")
    response = login(client, world, who).get(url(world, "schemes"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Youth startup loan") < page.index("Bourse French Tech")
    assert "Founders under 45" in page and "NT$2,000,000" in page
    assert "Loan interest subsidy" in page and 'href="https://loans.example"' in page


def test_the_public_lists_do_not_query_per_row(client, world, django_assert_max_num_queries):
    f.SupportSchemeFactory(side=world.taichung)
    addresses = [url(world, "organisations"), url(world, "schemes")]
    counts = [count_queries(client, address) for address in addresses]
    f.HostOrganisationFactory.create_batch(10, side=world.taichung)
    f.SupportSchemeFactory.create_batch(10, side=world.toulouse)
    for address, queries in zip(addresses, counts, strict=True):
        with django_assert_max_num_queries(queries):
            client.get(address)


# The offers of a cycle


def test_anonymous_visitors_are_sent_to_log_in_for_the_offers(client, world):
    assert is_login_redirect(client.get(url(world, "offers", world.cycle.slug)))


def test_an_applicant_cannot_see_the_offers(client, world):
    response = login(client, world, "alice").get(url(world, "offers", world.cycle.slug))
    assert response.status_code == 403


@pytest.mark.parametrize("who", MEMBERS)
def test_members_of_both_sides_see_the_offers_with_their_services(client, world, offer, who):
    response = login(client, world, who).get(url(world, "offers", world.cycle.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert "La Cantine" in page and "Two desks" in page
    assert "Coworking space" in page and "Pitch training" in page


def test_the_offers_of_an_unknown_cycle_are_404(client, world):
    assert login(client, world, "tina").get(url(world, "offers", "1999")).status_code == 404


def test_editors_are_invited_to_add_the_missing_offers(client, world, offer, taichung_host):
    page = login(client, world, "tina").get(url(world, "offers", world.cycle.slug)).content.decode()
    assert url(world, "offer_add", taichung_host.pk) + "?cycle=2019" in page
    assert url(world, "offer_edit", offer.pk) not in page
    page = login(client, world, "hana").get(url(world, "offers", world.cycle.slug)).content.decode()
    assert url(world, "offer_edit", offer.pk) in page
    assert url(world, "offer_add", taichung_host.pk) not in page


def test_the_offers_page_does_not_query_per_offer(
    client, world, offer, django_assert_max_num_queries
):
    login(client, world, "theo")
    queries = count_queries(client, url(world, "offers", world.cycle.slug))
    for _number in range(10):
        organisation = f.HostOrganisationFactory(side=world.taichung)
        f.HostingOfferFactory(cycle=world.cycle, organisation=organisation)
    with django_assert_max_num_queries(queries):
        client.get(url(world, "offers", world.cycle.slug))


# Organisations: add and edit


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("hana", 403),
        ("tina", 200),
        ("theo", 200),
        ("olga", 200),
    ],
)
def test_side_managers_add_organisations(client, world, who, status):
    assert login(client, world, who).get(url(world, "organisation_add")).status_code == status


def test_anonymous_visitors_are_sent_to_log_in_to_add_an_organisation(client, world):
    assert is_login_redirect(client.get(url(world, "organisation_add")))


def test_a_manager_adds_an_organisation_with_a_slug_of_its_own(client, world):
    data = {"side": world.toulouse.pk, "kind": "incubator", "name_fr": "La Cantine"}
    response = login(client, world, "theo").post(url(world, "organisation_add"), data)
    assert response.status_code == 302
    added = HostOrganisation.objects.exclude(pk=world.host.pk).get(name_fr="La Cantine")
    assert (added.side, added.slug) == (world.toulouse, "la-cantine-2")
    assert response["Location"] == url(world, "organisation", added.pk)


def test_an_organisation_needs_a_name_in_one_language(client, world):
    data = {"side": world.toulouse.pk, "kind": "incubator", "description_en": "Nameless"}
    response = login(client, world, "theo").post(url(world, "organisation_add"), data)
    assert response.status_code == 200
    assert "Fill in at least one of the languages." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("side", "taichung"),
        ("kind", "bakery"),
        ("website", "not a web address"),
    ],
)
def test_a_bad_organisation_is_refused_next_to_the_field(client, world, field, value):
    data = {"side": world.toulouse.pk, "kind": "incubator", "name_en": "New", field: value}
    if value == "taichung":
        data["side"] = world.taichung.pk  # the partner's side
    response = login(client, world, "theo").post(url(world, "organisation_add"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("tina", 403),
        ("hana", 200),
        ("theo", 200),
        ("olga", 200),
    ],
)
def test_the_side_managers_and_its_own_staff_edit_an_organisation(client, world, who, status):
    response = login(client, world, who).get(url(world, "organisation_edit", world.host.pk))
    assert response.status_code == status


def test_host_staff_cannot_edit_another_organisation(client, world, taichung_host):
    neighbour = f.HostOrganisationFactory(side=world.toulouse)
    login(client, world, "hana")
    assert client.get(url(world, "organisation_edit", neighbour.pk)).status_code == 403
    assert client.get(url(world, "organisation_edit", taichung_host.pk)).status_code == 403


def test_host_staff_edit_their_organisation(client, world):
    data = {
        "kind": "incubator",
        "name_fr": "La Cantine",
        "name_zh_hant": "食堂",
        "address": "Toulouse",
    }
    response = login(client, world, "hana").post(
        url(world, "organisation_edit", world.host.pk), data
    )
    assert response.status_code == 302
    world.host.refresh_from_db()
    assert (world.host.name_zh_hant, world.host.address) == ("食堂", "Toulouse")
    assert world.host.side == world.toulouse


# Offers: add, edit, delete


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("tina", 403),
        ("hana", 200),
        ("theo", 200),
        ("olga", 200),
    ],
)
def test_the_side_managers_and_its_own_staff_add_offers(client, world, who, status):
    response = login(client, world, who).get(url(world, "offer_add", world.host.pk))
    assert response.status_code == status


def test_host_staff_add_an_offer_for_their_organisation(client, world):
    response = login(client, world, "hana").post(
        url(world, "offer_add", world.host.pk), offer_data(world)
    )
    assert response.status_code == 302
    offer = HostingOffer.objects.get()
    assert (offer.organisation, offer.cycle, offer.services) == (
        world.host,
        world.cycle,
        ["coworking", "experts"],
    )
    assert offer.notes_fr == "Bienvenue"


def test_the_cycle_in_the_address_is_preselected(client, world):
    response = login(client, world, "hana").get(
        url(world, "offer_add", world.host.pk) + "?cycle=2019"
    )
    assert response.context["form"]["cycle"].value() == world.cycle.pk
    response = client.get(url(world, "offer_add", world.host.pk) + "?cycle=nonsense")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"services": ["coworking", "spa"]}, "services", "Select a valid choice"),
        ({"services": []}, "services", "Tick at least one service."),
        ({"ends_on": "2019-09-01"}, "ends_on", "The offer cannot end before it starts."),
        ({"starts_on": "tomorrow"}, "starts_on", "Enter a valid date."),
        ({"teams": "0"}, "teams", "greater than or equal to 1"),
        ({"desks": "-1"}, "desks", "greater than or equal to 0"),
        ({"cycle": "999999"}, "cycle", "Select a valid choice"),
    ],
)
def test_a_bad_offer_is_refused_next_to_the_field(client, world, changes, field, message):
    address = url(world, "offer_add", world.host.pk)
    response = login(client, world, "theo").post(address, offer_data(world, **changes))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert message in response.content.decode()
    assert not HostingOffer.objects.exists()


def test_a_cycle_of_another_partnership_is_not_a_choice(client, world):
    foreign = f.cycle_factory(f.PartnershipFactory(slug="other"), slug="2030")
    response = login(client, world, "theo").post(
        url(world, "offer_add", world.host.pk), offer_data(world, cycle=foreign.pk)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["cycle"]


def test_a_second_offer_for_the_same_cycle_is_refused(client, world, offer):
    response = login(client, world, "theo").post(
        url(world, "offer_add", world.host.pk), offer_data(world)
    )
    assert response.status_code == 200
    assert "already has an offer for this cycle" in response.content.decode()
    assert HostingOffer.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("tina", 403),
        ("hana", 200),
        ("theo", 200),
        ("olga", 200),
    ],
)
def test_the_side_managers_and_its_own_staff_edit_and_delete_offers(
    client, world, offer, who, status
):
    login(client, world, who)
    assert client.get(url(world, "offer_edit", offer.pk)).status_code == status
    assert client.get(url(world, "offer_delete", offer.pk)).status_code == status


def test_editing_an_offer_keeps_it_unique_and_saves_it(client, world, offer):
    data = offer_data(world, desks="6")
    response = login(client, world, "hana").post(url(world, "offer_edit", offer.pk), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.desks == 6


def test_host_staff_delete_an_offer_of_their_organisation(client, world, offer):
    response = login(client, world, "hana").post(url(world, "offer_delete", offer.pk))
    assert response.status_code == 302
    assert not HostingOffer.objects.exists()


def test_host_staff_cannot_touch_an_offer_of_another_organisation(client, world, taichung_host):
    theirs = f.HostingOfferFactory(cycle=world.cycle, organisation=taichung_host)
    login(client, world, "hana")
    assert client.post(url(world, "offer_edit", theirs.pk), offer_data(world)).status_code == 403
    assert client.post(url(world, "offer_delete", theirs.pk)).status_code == 403
    assert (
        client.post(url(world, "offer_add", taichung_host.pk), offer_data(world)).status_code == 403
    )
    assert HostingOffer.objects.filter(pk=theirs.pk).exists()


def test_an_offer_through_another_partnership_is_404(client, world, offer):
    f.PartnershipFactory(slug="other")
    login(client, world, "olga")
    address = reverse("hosting:offer_edit", args=["other", offer.pk])
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("name", ["organisation_edit", "offer_add"])
def test_anonymous_visitors_are_sent_to_log_in_to_edit(client, world, name):
    assert is_login_redirect(client.get(url(world, name, world.host.pk)))


def test_offers_dates_are_shown_in_the_language_of_the_page(client, world, offer):
    login(client, world, "theo")
    page = client.get(url(world, "offers", world.cycle.slug).replace("/en/", "/fr/", 1))
    assert "1 oct. 2019" in page.content.decode()


def test_an_offer_carried_over_waits_for_its_host_then_saving_it_confirms_it(client, world, offer):
    offer.confirmed = False
    offer.save(update_fields=["confirmed"])
    applicants_see = offers_for_visitors_from(world.taichung, world.cycle)
    assert offer not in applicants_see
    page = login(client, world, "hana").get(
        reverse("hosting:offers", args=[world.partnership.slug, world.cycle.slug])
    )
    assert "To confirm" in page.content.decode()
    client.post(url(world, "offer_edit", offer.pk), offer_data(world))
    offer.refresh_from_db()
    assert offer.confirmed and offer in offers_for_visitors_from(world.taichung, world.cycle)
