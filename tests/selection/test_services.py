import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from jumelage.calls.enums import ApplicationState
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.notifications.services import release_drafts
from jumelage.review.enums import ReviewState
from jumelage.review.models import Review
from jumelage.selection import services
from jumelage.selection.enums import Action, EntryKind, NominationState, PickState, PlaceState
from jumelage.selection.models import Event, Nomination, NominationEntry, Place
from jumelage.selection.queries import both_final, candidates, decision_messages, entries_of
from tests.factories import PartnershipFactory, SideFactory, cycle_factory
from tests.selection.factories import (
    choices,
    close,
    finish,
    nominate,
    pick,
    pick_lines,
    place_of,
    submitted,
)

pytestmark = pytest.mark.django_db


def actions(cycle):
    return list(Event.objects.filter(cycle=cycle).values_list("action", flat=True))


def outbox(key):
    return OutboxMessage.objects.filter(template_key=key)


# Nominating


def test_a_draft_may_hold_fewer_than_n_and_changes_freely(w):
    tina, ranked = w.users.tina, w.ranked["taichung"]
    services.save_nomination(tina, w.cycle, w.taichung, choices(ranked, 3))
    nomination = services.save_nomination(tina, w.cycle, w.taichung, choices(ranked[2:], 4, 1))
    assert [e.application for e in nomination.entries.order_by("order")] == ranked[2:7]
    assert nomination.entries.filter(kind=EntryKind.WAITING).count() == 1
    assert nomination.state == NominationState.DRAFT


def test_more_than_n_is_refused(w):
    with pytest.raises(services.Refused, match="at most 5"):
        services.save_nomination(
            w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 6)
        )


def test_every_entry_needs_a_justification(w):
    entries = [services.EntryChoice(w.ranked["taichung"][0].pk, EntryKind.NOMINATED, "  ")]
    with pytest.raises(services.Refused, match="justification"):
        services.save_nomination(w.users.tina, w.cycle, w.taichung, entries)


def test_only_own_submitted_applicants_can_be_nominated(w):
    foreign = choices(w.ranked["toulouse"], 1)
    with pytest.raises(services.Refused, match="own call"):
        services.save_nomination(w.users.tina, w.cycle, w.taichung, foreign)
    draft = submitted(w.call_tc, "Unfinished")
    draft.state = ApplicationState.DRAFT
    draft.save()
    with pytest.raises(services.Refused, match="own call"):
        services.save_nomination(w.users.tina, w.cycle, w.taichung, choices([draft], 1))


def test_the_partner_cannot_nominate_for_a_side(w):
    with pytest.raises(PermissionDenied):
        services.save_nomination(
            w.users.theo, w.cycle, w.taichung, choices(w.ranked["taichung"], 5)
        )
    with pytest.raises(PermissionDenied):
        services.send_nomination(w.users.theo, w.cycle, w.taichung)


def test_sending_needs_exactly_n(w):
    services.save_nomination(w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 4))
    with pytest.raises(services.Refused, match="exactly 5"):
        services.send_nomination(w.users.tina, w.cycle, w.taichung)
    assert Nomination.objects.get(side=w.taichung).state == NominationState.DRAFT


def test_a_withdrawn_nominee_blocks_sending(w):
    services.save_nomination(w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5))
    w.ranked["taichung"][0].state = ApplicationState.WITHDRAWN
    w.ranked["taichung"][0].save()
    with pytest.raises(services.Refused, match="withdrawn"):
        services.send_nomination(w.users.tina, w.cycle, w.taichung)


def test_sending_locks_the_nomination_and_tells_the_partner(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    assert nomination.state == NominationState.SENT and nomination.sent_at
    with pytest.raises(services.Refused, match="no longer change"):
        services.save_nomination(
            w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 1)
        )
    told = outbox("nomination-received").get()
    assert told.recipient == w.users.theo and told.side == w.toulouse
    assert "Taichung" in told.subject


def test_sending_twice_sends_once(w):
    nominate(w, w.taichung, w.users.tina)
    services.send_nomination(w.users.tina, w.cycle, w.taichung)
    assert actions(w.cycle).count(Action.NOMINATION_SENT) == 1
    assert outbox("nomination-received").count() == 1


def test_the_review_summary_is_a_snapshot_of_the_ranking(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    first = nomination.entries.get(order=1)
    assert first.application == w.ranked["taichung"][0]
    assert first.summary["position"] == 1 and first.summary["review_count"] == 2


def test_a_side_without_committee_nominates_from_its_submitted_applications(world):
    applications = [submitted(world.call_tc, f"T{i}") for i in range(5)]
    close(world.call_tc)
    assert [c.application for c in candidates(world.cycle, world.taichung)] == applications
    services.save_nomination(
        world.users.tina, world.cycle, world.taichung, choices(applications, 5)
    )
    nomination = services.send_nomination(world.users.tina, world.cycle, world.taichung)
    assert nomination.is_sent and nomination.entries.first().summary is None


def test_no_nomination_is_saved_or_sent_while_the_side_s_call_is_open(w):
    w.call_tc.closes_at = timezone.now() + dt.timedelta(days=3)
    w.call_tc.save(update_fields=["closes_at"])
    with pytest.raises(services.Refused, match="call is still open"):
        services.save_nomination(
            w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5)
        )
    with pytest.raises(services.Refused, match="call is still open"):
        services.send_nomination(w.users.tina, w.cycle, w.taichung)
    assert not Nomination.objects.filter(side=w.taichung, state=NominationState.SENT).exists()


def test_no_nomination_before_the_committee_has_submitted_a_review(w):
    Review.objects.filter(member__committee__side=w.taichung).update(state=ReviewState.DRAFT)
    with pytest.raises(services.Refused, match="not submitted any review"):
        services.save_nomination(
            w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5)
        )
    assert not NominationEntry.objects.filter(nomination__side=w.taichung).exists()


# Picking


def test_no_pick_before_the_nomination_is_sent(w):
    services.save_nomination(w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5))
    nomination = Nomination.objects.get(side=w.taichung)
    with pytest.raises(services.Refused, match="not been sent"):
        services.save_pick(w.users.theo, nomination.pk, [])


def test_only_the_partner_picks(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    with pytest.raises(PermissionDenied):
        services.save_pick(w.users.tina, nomination.pk, pick_lines(nomination, 2))


def test_the_waiting_list_cannot_be_picked(w):
    tina = w.users.tina
    services.save_nomination(tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5, 2))
    nomination = services.send_nomination(tina, w.cycle, w.taichung)
    waiting = nomination.entries.filter(kind=EntryKind.WAITING).first()
    line = services.PickLine(waiting.pk, "selected", "Because", 1)
    with pytest.raises(services.Refused, match="nominated"):
        services.save_pick(w.users.theo, nomination.pk, [line])


def test_the_own_side_lists_its_nominees_before_its_waiting_list(w):
    tina = w.users.tina
    services.save_nomination(tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5, 2))
    kinds = [entry.kind for entry in entries_of(Nomination.objects.get(side=w.taichung))]
    assert kinds == [EntryKind.NOMINATED] * 5 + [EntryKind.WAITING] * 2


def test_more_than_m_or_no_reason_is_refused(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    with pytest.raises(services.Refused, match="at most 2"):
        services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 3, 0))
    silent = [
        services.PickLine(line.entry_id, line.choice, "", 1)
        for line in pick_lines(nomination, 1, 0)
    ]
    with pytest.raises(services.Refused, match="reason"):
        services.save_pick(w.users.theo, nomination.pk, silent)


def test_proposing_needs_exactly_m_and_locks_the_pick(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 1))
    with pytest.raises(services.Refused, match="exactly 2"):
        services.propose_pick(w.users.theo, nomination.pk)
    proposed = pick(w, nomination, w.users.theo)
    assert proposed.state == PickState.PROPOSED
    assert services.propose_pick(w.users.theo, nomination.pk).state == PickState.PROPOSED
    with pytest.raises(services.Refused, match="no longer change"):
        services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 2))
    assert outbox("pick-proposed").get().recipient == w.users.tina


def test_only_the_nominating_side_confirms(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    with pytest.raises(PermissionDenied):
        services.confirm_pick(w.users.theo, nomination.pk)


def test_a_draft_pick_cannot_be_confirmed(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 2))
    with pytest.raises(services.Refused, match="Toulouse has not proposed its pick yet"):
        services.confirm_pick(w.users.tina, nomination.pk)
    assert not Place.objects.exists()


def test_confirming_makes_the_pick_final_and_offers_places(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    final = services.confirm_pick(w.users.tina, nomination.pk)
    assert final.is_final and final.confirmed_at
    assert {p.application for p in Place.objects.all()} == set(w.ranked["taichung"][:2])
    assert services.confirm_pick(w.users.tina, nomination.pk).is_final
    assert Place.objects.count() == 2
    assert outbox("pick-confirmed").get().recipient == w.users.theo
    assert not both_final(w.cycle)


def test_sending_a_pick_back_needs_a_reason_and_reopens_it(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    with pytest.raises(services.Refused, match="Say why"):
        services.return_pick(w.users.tina, nomination.pk, " ")
    returned = services.return_pick(w.users.tina, nomination.pk, "Pick a team in AI, please.")
    assert returned.state == PickState.DRAFT
    assert "Pick a team in AI" in outbox("pick-returned").get().body
    services.save_pick(w.users.theo, nomination.pk, pick_lines(nomination, 2))


def test_a_final_pick_cannot_be_sent_back(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    services.confirm_pick(w.users.tina, nomination.pk)
    with pytest.raises(services.Refused):
        services.return_pick(w.users.tina, nomination.pk, "Too late")


def test_every_step_leaves_an_audit_row_with_its_actor(w):
    finish(w)
    events = Event.objects.filter(cycle=w.cycle)
    assert {(e.action, e.actor.email) for e in events} >= {
        (Action.NOMINATION_SENT, "tina@taichung.example"),
        (Action.PICK_PROPOSED, "theo@toulouse.example"),
        (Action.PICK_CONFIRMED, "tina@taichung.example"),
        (Action.NOMINATION_SAVED, "theo@toulouse.example"),
    }
    sent = events.get(action=Action.NOMINATION_SAVED, side=w.taichung)
    assert sent.detail["nominated"] == [a.pk for a in w.ranked["taichung"][:5]]


# Announcing


def decisions_of(side):
    return OutboxMessage.objects.filter(side=side, template_key__startswith="decision-")


def test_decisions_wait_for_both_picks(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    services.confirm_pick(w.users.tina, nomination.pk)
    with pytest.raises(services.Refused, match="both"):
        services.draft_decisions(w.users.tina, w.cycle, w.taichung)


def test_each_applicant_gets_one_decision_in_their_language(w):
    finish(w)
    assert both_final(w.cycle)
    assert services.draft_decisions(w.users.tina, w.cycle, w.taichung) == 7
    ranked = w.ranked["taichung"]
    by_recipient = {m.recipient_id: m for m in decisions_of(w.taichung)}
    assert len(by_recipient) == 7
    assert {by_recipient[a.applicant_id].template_key for a in ranked[:2]} == {"decision-selected"}
    assert by_recipient[ranked[2].applicant_id].template_key == "decision-reserve"
    assert {by_recipient[a.applicant_id].template_key for a in ranked[3:]} == {
        "decision-not-selected"
    }
    assert by_recipient[ranked[0].applicant_id].language == "zh-hant"
    assert "恭喜" in by_recipient[ranked[0].applicant_id].subject
    assert {m.state for m in by_recipient.values()} == {OutboxState.DRAFT}


def test_drafting_again_replaces_the_unsent_decision(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    assert decisions_of(w.taichung).count() == 7


def test_an_applicant_already_told_is_not_told_again(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    with django_capture_on_commit_callbacks(execute=True):
        assert release_drafts(w.users.tina, w.taichung) == 7
    assert len([m for m in mailoutbox if m.subject.startswith(("恭喜", "You are", "Vous"))]) == 2
    assert services.draft_decisions(w.users.tina, w.cycle, w.taichung) == 0
    assert decisions_of(w.taichung).count() == 7


def test_only_the_side_drafts_its_decisions(w):
    finish(w)
    with pytest.raises(PermissionDenied):
        services.draft_decisions(w.users.theo, w.cycle, w.taichung)


# Places


def test_the_selected_team_confirms_its_place(w):
    finish(w)
    first = w.ranked["taichung"][0]
    place = services.confirm_place(first.applicant, place_of(first).pk)
    assert place.state == PlaceState.CONFIRMED and place.answered_at
    assert services.confirm_place(first.applicant, place.pk).state == PlaceState.CONFIRMED
    told = outbox("place-confirmed")
    assert {m.recipient for m in told} == {w.users.tina, w.users.theo}


def test_no_one_else_answers_for_a_place(w):
    finish(w)
    place = place_of(w.ranked["taichung"][0])
    for someone in (w.users.tina, w.ranked["taichung"][1].applicant):
        with pytest.raises(PermissionDenied):
            services.confirm_place(someone, place.pk)


def test_no_confirmation_after_the_deadline(w):
    finish(w)
    first = w.ranked["taichung"][0]
    Place.objects.filter(application=first).update(deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.Refused, match="deadline"):
        services.confirm_place(first.applicant, place_of(first).pk)


def test_a_decline_promotes_the_reserve_and_tells_both_sides(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    first, reserve = w.ranked["taichung"][0], w.ranked["taichung"][2]
    place = services.decline_place(first.applicant, place_of(first).pk)
    assert place.state == PlaceState.DECLINED
    assert place_of(reserve).state == PlaceState.OFFERED
    assert place_of(reserve).offered_after == place
    assert {m.recipient for m in outbox("place-declined")} == {w.users.tina, w.users.theo}
    assert {m.recipient for m in outbox("reserve-promoted")} == {w.users.tina, w.users.theo}
    assert Action.RESERVE_PROMOTED in actions(w.cycle)
    decision = decisions_of(w.taichung).get(recipient=reserve.applicant)
    assert decision.template_key == "decision-selected" and decision.state == OutboxState.DRAFT
    assert decisions_of(w.taichung).count() == 6  # the team that declined is told nothing


def test_an_offer_unanswered_past_its_deadline_goes_to_the_reserve(w):
    finish(w)
    late, answered, reserve = (
        w.ranked["taichung"][0],
        w.ranked["taichung"][1],
        w.ranked["taichung"][2],
    )
    services.confirm_place(answered.applicant, place_of(answered).pk)
    past = timezone.now() - dt.timedelta(hours=1)
    Place.objects.filter(application__in=[late, answered]).update(deadline=past)
    out = StringIO()
    call_command("expire_places", stdout=out)
    assert out.getvalue().strip() == "1 place(s) expired"
    assert place_of(late).state == PlaceState.DECLINED
    assert place_of(answered).state == PlaceState.CONFIRMED
    assert place_of(reserve).state == PlaceState.OFFERED
    assert services.expire_places() == 0


def test_declining_twice_promotes_once(w):
    finish(w)
    first = w.ranked["taichung"][0]
    services.decline_place(first.applicant, place_of(first).pk)
    services.decline_place(first.applicant, place_of(first).pk)
    assert Place.objects.filter(pick__nomination__side=w.taichung).count() == 3
    assert actions(w.cycle).count(Action.RESERVE_PROMOTED) == 1


def test_a_decline_without_reserve_leaves_the_place_empty(w):
    tc, _tl = finish(w)
    first, second = w.ranked["taichung"][0], w.ranked["taichung"][2]
    services.decline_place(first.applicant, place_of(first).pk)
    services.decline_place(second.applicant, place_of(second).pk)
    assert Place.objects.filter(pick=tc.pick, state__in=PlaceState.holding()).count() == 1
    assert not outbox("reserve-promoted").filter(body__contains=w.ranked["taichung"][3].team_name)


def test_a_team_that_declines_before_the_announcement_is_not_told_it_is_selected(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    first = w.ranked["taichung"][0]
    services.decline_place(first.applicant, place_of(first).pk)
    assert not decisions_of(w.taichung).filter(recipient=first.applicant).exists()
    assert services.draft_decisions(w.users.tina, w.cycle, w.taichung) == 6


def test_unknown_kinds_and_choices_are_refused(w):
    odd = [services.EntryChoice(w.ranked["taichung"][0].pk, "favourite", "Why")]
    with pytest.raises(services.Refused, match="either nominated"):
        services.save_nomination(w.users.tina, w.cycle, w.taichung, odd)
    nomination = nominate(w, w.taichung, w.users.tina)
    entry = nomination.entries.first()
    with pytest.raises(services.Refused, match="either selected"):
        services.save_pick(w.users.theo, nomination.pk, [services.PickLine(entry.pk, "x", "", 1)])


def test_decisions_of_one_cycle_are_told_apart_from_another_cycles(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    services.draft_decisions(w.users.theo, w.cycle, w.toulouse)
    later = cycle_factory(w.partnership, slug="2020")
    assert decision_messages(w.cycle).count() == 14
    assert decision_messages(later).count() == 0


def test_a_side_of_another_partnership_cannot_nominate_in_the_cycle(w):
    stranger = SideFactory(partnership=PartnershipFactory(slug="elsewhere"))
    with pytest.raises(services.Refused, match="not part"):
        services.save_nomination(w.users.olga, w.cycle, stranger, [])
