import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from jumelage.calls.models import Call

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def page(client, call, language="en"):
    with override(language):
        return client.get(reverse("calls:detail", kwargs={"slug": call.slug}))


def test_deadline_is_shown_in_the_sides_timezone(client, world):
    world.call_tc.closes_at = dt.datetime(2031, 5, 31, 17, 0, tzinfo=TAIPEI)
    world.call_tc.save()
    world.call_tl.closes_at = dt.datetime(2031, 5, 31, 17, 0, tzinfo=PARIS)
    world.call_tl.save()
    taichung = page(client, world.call_tc).content.decode()
    toulouse = page(client, world.call_tl).content.decode()
    assert "31 May 2031, 17:00 (Taiwan Standard Time)" in taichung
    assert "31 May 2031, 17:00 (Central European Summer Time)" in toulouse
    chinese = page(client, world.call_tc, "zh-hant").content.decode()
    assert "2031年5月31日 17:00 (台北標準時間)" in chinese
    # The visitor's own time is computed in the browser from the exact instant.
    assert 'data-countdown="2031-05-31T09:00:00+00:00"' in taichung
    assert 'data-countdown="2031-05-31T15:00:00+00:00"' in toulouse


def test_call_is_open_until_the_deadline_in_the_sides_timezone(world):
    deadline = dt.datetime(2031, 5, 31, 17, 0, tzinfo=TAIPEI)
    world.call_tc.opens_at = deadline - dt.timedelta(days=30)
    world.call_tc.closes_at = deadline
    assert world.call_tc.is_open(dt.datetime(2031, 5, 31, 8, 59, 59, tzinfo=dt.UTC))
    assert not world.call_tc.is_open(dt.datetime(2031, 5, 31, 9, 0, tzinfo=dt.UTC))
    # 17:00 in Paris is later than 17:00 in Taipei: the same wall-clock deadline differs.
    paris_deadline = dt.datetime(2031, 5, 31, 17, 0, tzinfo=PARIS)
    world.call_tl.opens_at, world.call_tl.closes_at = (
        deadline - dt.timedelta(days=30),
        paris_deadline,
    )
    moment = dt.datetime(2031, 5, 31, 12, 0, tzinfo=dt.UTC)
    assert world.call_tl.is_open(moment) and not world.call_tc.is_open(moment)


def test_call_not_yet_open_and_closed_show_no_apply_button(client, world):
    world.call_tc.opens_at = timezone.now() + dt.timedelta(days=2)
    world.call_tc.closes_at = timezone.now() + dt.timedelta(days=20)
    world.call_tc.save()
    assert b"Register to apply" not in page(client, world.call_tc).content
    world.call_tc.opens_at = timezone.now() - dt.timedelta(days=20)
    world.call_tc.closes_at = timezone.now() - dt.timedelta(days=2)
    world.call_tc.save()
    content = page(client, world.call_tc).content
    assert b"Closed" in content and b"Register to apply" not in content


def test_unpublished_call_is_404(client, world):
    Call.objects.filter(pk=world.call_tc.pk).update(published=False)
    assert page(client, world.call_tc).status_code == 404


def test_unknown_call_is_a_friendly_404(client, world):
    response = client.get(reverse("calls:detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_page_shows_partner_offers_and_agreed_themes(client, world):
    from tests.factories import HostingOfferFactory

    HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    content = page(client, world.call_tc).content.decode()
    assert "La Cantine" in content
    assert "Internet of Things" in content
    # Toulouse's call shows what Taichung offers, not its own hosts.
    assert "La Cantine" not in page(client, world.call_tl).content.decode()


def test_page_is_served_from_cache_to_anonymous_visitors_and_refreshed_on_edit(
    client, world, django_assert_num_queries
):
    page(client, world.call_tc)
    with django_assert_num_queries(1):
        page(client, world.call_tc)
    world.call_tc.title = "A new title"
    world.call_tc.save()
    assert "A new title" in page(client, world.call_tc).content.decode()


def test_query_count_does_not_grow_with_applications(client, world, django_assert_max_num_queries):
    from tests.factories import ApplicationFactory

    ApplicationFactory.create_batch(30, call=world.call_tc, state="submitted")
    client.force_login(world.users.bob)
    with django_assert_max_num_queries(12):
        page(client, world.call_tc)


def test_a_new_call_gets_a_title_in_every_language_and_the_timeline_dates(world):
    from jumelage.calls.services import create_call
    from jumelage.partnerships.enums import StageKind

    world.call_tl.delete()
    call = create_call(world.users.theo, world.cycle, world.toulouse)
    assert call.title_fr.startswith("Appel")
    assert call.title_zh_hant and call.title_en.startswith("Call for startups")
    stage = world.cycle.stages.get(kind=StageKind.CALL_OPEN)
    local = timezone.localtime(call.opens_at, PARIS)
    assert (local.date(), local.hour) == (stage.starts_on, 9)
    assert not call.published
