"""Two people taking the same selection step at once, each on its own database connection:
two managers sending one nomination, two managers deciding one pick, a team answering its
place from two tabs, a pick confirmed again while its team declines. One wins, the other
is told why in words (a 409 page or a redirect with a message, never a 500), and nothing
is lost or doubled: one event, one message per recipient, a consistent state.

Each race starts the second step while the first holds its locks, so the second waits for
them rather than coming after. Row locks need PostgreSQL."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.accounts.models import Role
from jumelage.notifications.models import OutboxMessage
from jumelage.selection import services
from jumelage.selection.enums import Action, NominationState, PickState, PlaceState
from jumelage.selection.models import Event, Nomination, Pick, Place
from tests import factories as f
from tests.concurrency import postgresql_only, run_together
from tests.selection.factories import choices, finish, nominate, pick, place_of

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]

SENT = "The nomination is sent"
NO_LONGER = "it can no longer change"
HOLD_SECONDS = 1.0


@pytest.fixture
def race(monkeypatch):
    """race(first, then) runs two works on their own connections: `then` starts once
    `first` holds its step's locks (it is telling the managers, its step's last part, and
    keeps the locks HOLD_SECONDS longer). Returns both outcomes, as run_together does."""
    holding = threading.Event()
    tell = services._tell_managers

    def telling_slowly(*args, **kwargs):
        if not holding.is_set():
            holding.set()
            time.sleep(HOLD_SECONDS)
        return tell(*args, **kwargs)

    def run(first, then):
        def after_first():
            assert holding.wait(timeout=20), "the first step never reached its locked part"
            return then()

        monkeypatch.setattr(services, "_tell_managers", telling_slowly)
        try:
            return run_together(first, after_first)
        finally:
            monkeypatch.setattr(services, "_tell_managers", tell)

    return run


def in_order(race, first, works):
    """`works` (two, by name) raced with `first` holding the locks: outcomes by name."""
    second = next(name for name in works if name != first)
    return dict(zip((first, second), race(works[first], works[second]), strict=True))


@pytest.fixture
def tom(w):
    """A second manager of Taichung, beside tina."""
    user = f.UserFactory(email="tom@taichung.example", full_name="Tom Manager")
    f.MembershipFactory(user=user, side=w.taichung, role=Role.MANAGER)
    return user


def posting(user, url, data):
    """A work that signs `user` in on its own client, then posts `data` to `url` and follows
    the redirect: (final status, page)."""
    client = Client()
    client.force_login(user)

    def work():
        response = client.post(url, data, follow=True)
        return response.status_code, response.content.decode()

    return work


def page_url(w, name, side="taichung"):
    kwargs = {"partnership_slug": w.partnership.slug, "cycle_slug": w.cycle.slug}
    return reverse(f"selection:{name}", kwargs={**kwargs, "side_slug": side})


def actions(cycle, action):
    return Event.objects.filter(cycle=cycle, action=action).count()


def messages(key):
    return OutboxMessage.objects.filter(template_key=key)


def no_errors(outcomes):
    assert [outcome.get("error") for outcome in outcomes] == [None] * len(outcomes)
    return [outcome["value"] for outcome in outcomes]


# Two managers sending the same nomination


def test_two_managers_sending_one_nomination_at_once_send_it_once(w, tom, race):
    tina = w.users.tina
    services.save_nomination(tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5))
    sent = no_errors(
        race(
            lambda: services.send_nomination(tina, w.cycle, w.taichung),
            lambda: services.send_nomination(tom, w.cycle, w.taichung),
        )
    )
    assert [nomination.state for nomination in sent] == [NominationState.SENT] * 2
    assert sent[0].sent_at == sent[1].sent_at  # the second found it sent and changed nothing
    assert actions(w.cycle, Action.NOMINATION_SENT) == 1
    assert messages("nomination-received").count() == 1  # theo, Toulouse's one manager
    assert Nomination.objects.get(side=w.taichung).entries.count() == 5


def test_two_managers_sending_one_nomination_from_the_page_are_told_apart(w, tom, race):
    data = {"share_summary": "on", "share_justification": "on", "action": "send"}
    for application in w.ranked["taichung"][:5]:
        data[f"kind_{application.pk}"] = "nominated"
        data[f"justification_{application.pk}"] = "Strong team"
        data[f"partner_summary_{application.pk}"] = "A strong team, in short"
    url = page_url(w, "nominate")
    answers = no_errors(race(posting(w.users.tina, url, data), posting(tom, url, data)))
    (first, first_page), (second, second_page) = answers
    assert (first, second) == (200, 409)  # the second waited for the first's lock
    assert SENT in first_page
    assert NO_LONGER in second_page and SENT not in second_page
    assert actions(w.cycle, Action.NOMINATION_SENT) == 1
    assert messages("nomination-received").count() == 1


# Two managers deciding one pick


def proposed(w):
    """Taichung's nomination, picked and proposed by Toulouse, waiting for Taichung."""
    nomination = nominate(w, w.taichung, w.users.tina)
    nominate(w, w.toulouse, w.users.theo)
    pick(w, nomination, w.users.theo)
    return nomination


@pytest.mark.parametrize("first", ["confirm", "return"])
def test_a_pick_confirmed_and_sent_back_at_once_is_one_or_the_other(w, tom, first, race):
    nomination = proposed(w)
    outcomes = in_order(
        race,
        first,
        {
            "confirm": lambda: services.confirm_pick(w.users.tina, nomination.pk),
            "return": lambda: services.return_pick(tom, nomination.pk, "We hoped for AI."),
        },
    )
    second = "return" if first == "confirm" else "confirm"
    assert "error" not in outcomes[first], outcomes[first].get("error")
    refused = outcomes[second].get("error")
    assert isinstance(refused, services.Refused)
    final = Pick.objects.get(nomination=nomination)
    places = Place.objects.filter(pick=final)
    confirmed, returned = (
        actions(w.cycle, Action.PICK_CONFIRMED),
        actions(w.cycle, Action.PICK_RETURNED),
    )
    if first == "confirm":
        assert "already final" in str(refused)
        assert final.state == PickState.CONFIRMED
        assert places.count() == w.cycle.picks_per_side
        assert (confirmed, returned) == (1, 0)
    else:
        assert "was sent back and is a draft again" in str(refused)
        assert final.state == PickState.DRAFT and final.returned_because == "We hoped for AI."
        assert not places.exists()
        assert (confirmed, returned) == (0, 1)
    assert messages("pick-confirmed").count() + messages("pick-returned").count() == 1


@pytest.mark.parametrize("first", ["confirm", "return"])
def test_a_pick_confirmed_and_sent_back_from_the_page_at_once_answers_both(w, tom, first, race):
    nomination = proposed(w)
    url = page_url(w, "decide_pick")
    answers = in_order(
        race,
        first,
        {
            "confirm": posting(w.users.tina, url, {"action": "confirm"}),
            "return": posting(tom, url, {"action": "return", "reason": "We hoped for AI."}),
        },
    )
    pages = dict(zip(answers, no_errors(answers.values()), strict=True))
    assert [status for status, _page in pages.values()] == [200, 200]
    confirm_page, return_page = pages["confirm"][1], pages["return"][1]
    if first == "confirm":
        assert "The pick is confirmed" in confirm_page
        assert "already final" in return_page
        assert Pick.objects.get(nomination=nomination).is_final
    else:
        assert "The pick is sent back to the partner" in return_page
        assert "was sent back and is a draft again" in confirm_page
        assert Pick.objects.get(nomination=nomination).state == PickState.DRAFT


# A team answering its place from two tabs


@pytest.mark.parametrize("first", ["confirm", "decline"])
def test_a_place_confirmed_and_declined_at_once_ends_in_one_answer(w, first, race):
    finish(w)
    team = w.ranked["taichung"][0]
    place = place_of(team)
    outcomes = in_order(
        race,
        first,
        {
            "confirm": lambda: services.confirm_place(team.applicant, place.pk),
            "decline": lambda: services.decline_place(team.applicant, place.pk),
        },
    )
    assert "error" not in outcomes["decline"], outcomes["decline"].get("error")
    place.refresh_from_db()
    assert place.state == PlaceState.DECLINED  # declining after confirming is allowed
    if first == "decline":
        assert isinstance(outcomes["confirm"].get("error"), services.Refused)
        assert "was declined" in str(outcomes["confirm"]["error"])
    assert actions(w.cycle, Action.PLACE_CONFIRMED) == (first == "confirm")
    assert actions(w.cycle, Action.PLACE_DECLINED) == 1
    assert actions(w.cycle, Action.RESERVE_PROMOTED) == 1
    held = Place.objects.filter(pick__nomination__side=w.taichung, state__in=PlaceState.holding())
    assert held.count() == w.cycle.picks_per_side


@pytest.mark.parametrize("first", ["confirm", "decline"])
def test_a_place_confirmed_and_declined_from_two_tabs_answers_both(w, first, race):
    finish(w)
    team = w.ranked["taichung"][0]
    place = place_of(team)
    url = reverse("selection:place", args=[place.pk])
    answers = in_order(
        race,
        first,
        {
            "confirm": posting(team.applicant, url, {"action": "confirm"}),
            "decline": posting(team.applicant, url, {"action": "decline"}),
        },
    )
    pages = dict(zip(answers, no_errors(answers.values()), strict=True))
    assert pages["decline"][0] == 200 and "You declined your place" in pages["decline"][1]
    status, page = pages["confirm"]
    if first == "confirm":
        assert status == 200 and "Your place is confirmed" in page
    else:
        assert status == 409 and "was declined" in page
    place.refresh_from_db()
    assert place.state == PlaceState.DECLINED


# The pick confirmed again while a team declines


def test_a_pick_confirmed_again_while_its_team_declines_stays_consistent(w, race):
    """The decline holds its nomination, pick and place; the second confirmation (a double
    click) waits for the nomination, then finds the pick final and changes nothing."""
    tc, _tl = finish(w)
    team = w.ranked["taichung"][0]
    place = place_of(team)
    told = messages("pick-confirmed").count()
    declined, confirmed = no_errors(
        race(
            lambda: services.decline_place(team.applicant, place.pk),
            lambda: services.confirm_pick(w.users.tina, tc.pk),
        )
    )
    assert declined.state == PlaceState.DECLINED and confirmed.is_final
    _the_pick_stays_final_and_the_reserve_takes_the_place(w, tc, team, told)


def test_a_pick_confirmed_again_from_the_page_while_its_team_declines_answers_both(w, race):
    tc, _tl = finish(w)
    team = w.ranked["taichung"][0]
    told = messages("pick-confirmed").count()
    declining = posting(
        team.applicant, reverse("selection:place", args=[place_of(team).pk]), {"action": "decline"}
    )
    confirming = posting(w.users.tina, page_url(w, "decide_pick"), {"action": "confirm"})
    (declined, declined_page), (confirmed, confirmed_page) = no_errors(race(declining, confirming))
    assert (declined, confirmed) == (200, 200)
    assert "You declined your place" in declined_page
    assert "The pick is confirmed" in confirmed_page
    _the_pick_stays_final_and_the_reserve_takes_the_place(w, tc, team, told)


def _the_pick_stays_final_and_the_reserve_takes_the_place(w, nomination, team, told):
    assert Pick.objects.get(nomination=nomination).is_final
    assert actions(w.cycle, Action.PICK_CONFIRMED) == 2  # one per direction, not one more
    assert messages("pick-confirmed").count() == told
    assert place_of(team).state == PlaceState.DECLINED
    assert actions(w.cycle, Action.RESERVE_PROMOTED) == 1
    places = Place.objects.filter(pick__nomination=nomination)
    assert places.count() == w.cycle.picks_per_side + 1  # the reserve took the declined one
    assert places.filter(state__in=PlaceState.holding()).count() == w.cycle.picks_per_side
