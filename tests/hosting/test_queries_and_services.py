import pytest
from django.core.exceptions import PermissionDenied

from jumelage.hosting.models import HostOrganisation
from jumelage.hosting.queries import offers_for_visitors_from
from jumelage.hosting.services import add_organisation
from tests import factories as f


def test_visitors_from_a_side_see_the_offers_of_the_other_sides(world, django_assert_num_queries):
    theirs = f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    ours = f.HostOrganisationFactory(side=world.taichung)
    f.HostingOfferFactory(cycle=world.cycle, organisation=ours)
    other_cycle = f.cycle_factory(world.partnership, slug="2030")
    f.HostingOfferFactory(cycle=other_cycle, organisation=world.host)
    with django_assert_num_queries(1):
        offers = list(offers_for_visitors_from(world.taichung, world.cycle))
        assert [offer.organisation.side.city for offer in offers] == ["Toulouse"]
    assert offers == [theirs]


def test_a_new_organisation_gets_a_slug_unique_on_its_side(world):
    first = add_organisation(
        world.users.theo, HostOrganisation(side=world.toulouse, name_en="AT HOME", kind="coworking")
    )
    second = add_organisation(
        world.users.theo, HostOrganisation(side=world.toulouse, name_en="At Home", kind="coworking")
    )
    elsewhere = add_organisation(
        world.users.tina, HostOrganisation(side=world.taichung, name_en="At home", kind="coworking")
    )
    assert (first.slug, second.slug, elsewhere.slug) == ("at-home", "at-home-2", "at-home")


def test_a_name_in_chinese_only_still_gives_a_slug(world):
    organisation = add_organisation(
        world.users.tina,
        HostOrganisation(side=world.taichung, name_zh_hant="臺中創業基地", kind="incubator"),
    )
    assert organisation.slug == "organisation"


def test_a_latin_name_in_another_language_is_used_for_the_slug(world):
    organisation = add_organisation(
        world.users.tina,
        HostOrganisation(
            side=world.taichung, name_zh_hant="摘星基地", name_fr="Base Étoile", kind="incubator"
        ),
    )
    assert organisation.slug == "base-etoile"


@pytest.mark.parametrize("who", ["hana", "tina", "alice"])
def test_only_the_side_managers_add_its_organisations(world, who):
    with pytest.raises(PermissionDenied):
        add_organisation(
            getattr(world.users, who),
            HostOrganisation(side=world.toulouse, name_en="X", kind="incubator"),
        )
