"""Two submissions of one review at once (a double click, two tabs, two devices), each on
its own database connection: one review row, the first submission stands, the second is
told so in words, through the services and through the page. Row locks need PostgreSQL."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.review import services
from jumelage.review.enums import EventKind, ReviewState
from jumelage.review.models import Event, Review
from tests import factories as f
from tests.concurrency import postgresql_only, run_together
from tests.review import helpers

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


@pytest.fixture
def seat(world):
    """rita sits on Taichung's committee with one application to review, the call closed."""
    application = helpers.submitted_application(
        world, world.call_tc, f.UserFactory(full_name="Founder"), "Orchid"
    )
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world)
    world.criterion = helpers.criterion(committee)
    seat = helpers.seat(committee, world.users.rita)
    services.assign(world.users.tina, seat, [application])
    seat.application = application
    return seat


@pytest.fixture
def slow_check(monkeypatch):
    """Whoever holds the review's lock checks it slowly, so the other is sure to wait."""
    check = services._scored_problems

    def slow(review, committee):
        time.sleep(0.5)
        return check(review, committee)

    monkeypatch.setattr(services, "_scored_problems", slow)


def _data(criterion, score):
    return {
        "scores": {str(criterion.pk): score},
        "answers": {},
        "comment": f"Scored {score}",
        "comment_for_applicant": "",
    }


def test_two_submissions_at_once_make_one_review_and_the_second_is_told(world, seat, slow_check):
    barrier = threading.Barrier(2)

    def submit(score):
        def work():
            barrier.wait(timeout=10)
            data = _data(world.criterion, score)
            return services.save_review(seat.user, seat, seat.application, data, submit=True)

        return work

    outcomes = run_together(submit(4), submit(2))
    won = [outcome["value"] for outcome in outcomes if "value" in outcome]
    refused = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert len(won) == 1 and won[0].problems == []
    assert len(refused) == 1 and isinstance(refused[0], services.ReviewRefused)
    assert "already submitted" in str(refused[0])
    review = Review.objects.get(member=seat, application=seat.application)
    assert review.state == ReviewState.SUBMITTED
    assert review.scores == won[0].review.scores  # the winner's scores, whole
    assert review.comment == won[0].review.comment
    submitted = Event.objects.filter(kind=EventKind.REVIEW_SUBMITTED, member=seat)
    assert submitted.count() == 1


def test_a_draft_saved_while_the_review_is_submitted_loses_neither(world, seat, slow_check):
    """The draft and the submission serialise: the draft lands first and is then submitted
    over, or it comes second and is refused in words; never half of each."""
    barrier = threading.Barrier(2)

    def save(score, submit):
        def work():
            barrier.wait(timeout=10)
            data = _data(world.criterion, score)
            return services.save_review(seat.user, seat, seat.application, data, submit=submit)

        return work

    outcomes = run_together(save(4, True), save(2, False))
    assert "value" in outcomes[0], outcomes[0].get("error")
    review = Review.objects.get(member=seat, application=seat.application)
    assert review.state == ReviewState.SUBMITTED
    assert review.scores == {str(world.criterion.pk): 4} and review.comment == "Scored 4"
    if "error" in outcomes[1]:
        assert "already submitted" in str(outcomes[1]["error"])


def test_two_submissions_from_the_page_at_once_answer_both_and_keep_the_first(
    world, seat, slow_check
):
    url = reverse(
        "review:review",
        kwargs={
            "partnership_slug": world.partnership.slug,
            "cycle_slug": world.cycle.slug,
            "side_slug": "taichung",
            "pk": seat.application.pk,
        },
    )
    field = f"score_{world.criterion.pk}"
    barrier = threading.Barrier(2)

    def post(score):
        def work():
            client = Client()
            client.force_login(seat.user)
            barrier.wait(timeout=10)
            response = client.post(url, {field: str(score), "action": "submit"}, follow=True)
            return response.redirect_chain[0][1], response.content.decode()

        return work

    outcomes = run_together(post(4), post(2))
    assert [outcome.get("error") for outcome in outcomes] == [None, None]
    assert [outcome["value"][0] for outcome in outcomes] == [302, 302]
    pages = [outcome["value"][1] for outcome in outcomes]
    assert sum("Your review is submitted." in page for page in pages) == 1
    assert sum("already submitted" in page for page in pages) == 1
    review = Review.objects.get(member=seat, application=seat.application)
    winner = 4 if "Your review is submitted." in pages[0] else 2
    assert review.state == ReviewState.SUBMITTED
    assert review.scores == {str(world.criterion.pk): winner}
