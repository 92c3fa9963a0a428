"""The selection's steps lock the rows they change, in one order (nomination, pick, place):
answering a place serialises with the steps of its own pick and nomination, leaves the
other side's free, and never deadlocks with them."""

import threading
import time

import pytest
from django.db import DatabaseError, transaction

from jumelage.calls.models import Call
from jumelage.partnerships.models import Cycle, Partnership, Side
from jumelage.selection import services
from jumelage.selection.enums import PlaceState
from jumelage.selection.models import Nomination, Pick, Place
from tests.concurrency import lock_at_once, postgresql_only, run_together, waiting_at_most
from tests.selection.factories import finish, place_of

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


def test_answering_a_place_leaves_the_cycle_the_sides_and_the_call_free(w):
    finish(w)
    first = w.ranked["taichung"][0]
    with transaction.atomic():
        services._locked_place(place_of(first).pk)
        outcomes = run_together(
            lock_at_once(Cycle, w.cycle.pk),
            lock_at_once(Partnership, w.cycle.partnership_id),
            lock_at_once(Side, w.taichung.pk),
            lock_at_once(Side, w.toulouse.pk),
            lock_at_once(Call, first.call_id),
        )
    assert [outcome.get("error") for outcome in outcomes] == [None] * 5


def test_answering_a_place_holds_its_nomination_and_its_pick(w):
    tc, _tl = finish(w)
    first = w.ranked["taichung"][0]
    with transaction.atomic():
        services._locked_place(place_of(first).pk)
        outcomes = run_together(lock_at_once(Nomination, tc.pk), lock_at_once(Pick, tc.pick.pk))
    assert all(isinstance(outcome.get("error"), DatabaseError) for outcome in outcomes)


def test_a_sides_nomination_leaves_the_other_sides_free(w):
    finish(w)
    with transaction.atomic():
        services._locked_nomination(w.cycle, w.taichung)
        (outcome,) = run_together(
            waiting_at_most(2, lambda: services.send_nomination(w.users.theo, w.cycle, w.toulouse))
        )
    assert "error" not in outcome, outcome.get("error")


def test_two_declines_at_once_offer_the_two_reserves(w):
    tc, _tl = finish(w, reserves=2)
    first, second, reserve_1, reserve_2 = w.ranked["taichung"][:4]
    barrier = threading.Barrier(2)

    def decline(application):
        def work():
            barrier.wait(timeout=10)
            return services.decline_place(application.applicant, place_of(application).pk).state

        return work

    outcomes = run_together(decline(first), decline(second))
    assert [outcome.get("value") for outcome in outcomes] == [PlaceState.DECLINED] * 2
    assert place_of(reserve_1).state == place_of(reserve_2).state == PlaceState.OFFERED
    assert Place.objects.filter(pick=tc.pick, state=PlaceState.OFFERED).count() == 2


def test_a_decline_and_a_confirmation_of_its_pick_at_once_never_deadlock(w, monkeypatch):
    """Taichung's managers confirm Toulouse's pick again (a double click) while one of their
    teams declines its place: the pick's confirmation locks the nomination, then the pick; the
    decline waits for both instead of holding the pick while it waits for the nomination."""
    tc, _tl = finish(w)
    first = w.ranked["taichung"][0]
    get_or_create = Pick.objects.get_or_create

    def slow_get_or_create(**kwargs):
        time.sleep(0.6)  # between the nomination's lock and the pick's
        return get_or_create(**kwargs)

    monkeypatch.setattr(Pick.objects, "get_or_create", slow_get_or_create)

    def managers_confirming():
        return services.confirm_pick(w.users.tina, tc.pk).state

    def team_declining():
        time.sleep(0.2)
        return services.decline_place(first.applicant, place_of(first).pk).state

    outcomes = run_together(managers_confirming, team_declining)
    assert [outcome.get("error") for outcome in outcomes] == [None, None]
    assert outcomes[1]["value"] == PlaceState.DECLINED
