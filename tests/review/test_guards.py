"""A review waits for its call to close: the page says so, with the deadline, and offers
no live form; a post before then is refused and saves nothing."""

from django.urls import reverse
from django.utils import timezone

from jumelage.review import services
from jumelage.review.models import Review


def reopen(call):
    call.closes_at = timezone.now() + timezone.timedelta(days=3)
    call.save(update_fields=["closes_at"])


def review_url(world, application):
    kwargs = {
        "partnership_slug": world.partnership.slug,
        "cycle_slug": world.cycle.slug,
        "side_slug": "taichung",
        "pk": application.pk,
    }
    return reverse("review:review", kwargs=kwargs)


def test_before_the_deadline_the_review_page_gives_its_reason_and_no_form(client, reviewing):
    reopen(reviewing.call_tc)
    client.force_login(reviewing.users.rita)
    html = client.get(review_url(reviewing, reviewing.applications[0])).content.decode()
    assert 'id="not-open"' in html
    assert "(Asia/Taipei)" in html
    assert 'value="submit"' not in html


def test_before_the_deadline_a_posted_review_is_refused_and_not_saved(client, reviewing):
    reopen(reviewing.call_tc)
    client.force_login(reviewing.users.rita)
    data = {f"score_{reviewing.criterion.pk}": "3", "action": "submit"}
    page = client.post(review_url(reviewing, reviewing.applications[0]), data)
    assert page.status_code == 400
    assert not Review.objects.filter(state="submitted").exists()


def test_once_the_call_has_closed_the_form_is_live(client, reviewing):
    client.force_login(reviewing.users.rita)
    html = client.get(review_url(reviewing, reviewing.applications[0])).content.decode()
    assert 'id="not-open"' not in html
    assert 'value="submit"' in html
    assert services.why_review_is_not_open(reviewing.applications[0]) is None
