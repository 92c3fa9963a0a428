"""Each step of the selection waits for the state it needs, in its service and on its page:
no nomination while the call is open, none of an applicant the committee has not reviewed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.review.models import Review
from jumelage.selection import services
from jumelage.selection.models import Nomination
from tests.selection.factories import choices, reviewed


@pytest.fixture
def w(world):
    return reviewed(world)


def reopen(call):
    call.closes_at = timezone.now() + timezone.timedelta(days=10)
    call.save(update_fields=["closes_at"])


def save_top_five(w):
    return services.save_nomination(
        w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5)
    )


def nominate_url(w):
    kwargs = {"partnership_slug": w.partnership.slug, "cycle_slug": w.cycle.slug}
    return reverse("selection:nominate", kwargs={**kwargs, "side_slug": "taichung"})


def test_no_nomination_is_saved_while_the_call_is_open(w):
    reopen(w.call_tc)
    with pytest.raises(services.Refused, match="once the call has closed"):
        save_top_five(w)


def test_no_nomination_is_sent_while_the_call_is_open(w):
    save_top_five(w)
    reopen(w.call_tc)
    with pytest.raises(services.Refused, match="once the call has closed"):
        services.send_nomination(w.users.tina, w.cycle, w.taichung)
    assert not Nomination.objects.get(cycle=w.cycle, side=w.taichung).is_sent


def test_the_refusal_names_the_deadline_in_the_sides_timezone(w):
    reopen(w.call_tc)
    reason = services.why_nomination_is_not_open(w.cycle, w.taichung)
    assert "(Asia/Taipei)" in reason
    assert services.why_nomination_is_not_open(w.cycle, w.toulouse) is None


def test_an_applicant_without_a_review_cannot_be_nominated(w):
    unreviewed = w.ranked["taichung"][0]
    Review.objects.filter(application=unreviewed).delete()
    with pytest.raises(services.Refused, match="at least one submitted review"):
        save_top_five(w)


def test_the_nominate_page_says_why_it_is_not_open_and_shows_no_form(client, w):
    reopen(w.call_tc)
    client.force_login(w.users.tina)
    page = client.get(nominate_url(w))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="not-open"' in html
    assert 'id="send"' not in html and '<form method="post" novalidate>' not in html


def test_posting_a_nomination_while_the_call_is_open_is_refused_with_its_reason(client, w):
    reopen(w.call_tc)
    client.force_login(w.users.tina)
    page = client.post(nominate_url(w), {"action": "send"})
    assert page.status_code == 409
    assert 'id="not-open"' in page.content.decode()
    assert not Nomination.objects.filter(cycle=w.cycle, side=w.taichung, state="sent").exists()


def test_the_nominate_page_shows_each_candidates_rank_and_score(client, w):
    client.force_login(w.users.tina)
    html = client.get(nominate_url(w)).content.decode()
    best = w.ranked["taichung"][0]
    row = html.split(f'id="candidate-{best.pk}"', 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    assert cells[0] == "1"
    assert cells[3] == "94.9"  # the weighted mean of two reviews of 95, as the ranking rounds it
