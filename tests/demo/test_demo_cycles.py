"""The demo's cycles at their telling stages: one mid-review, one finished through its trip
and its matchmaking, with a history spread along the timeline, and logins that the README
names."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.demo import loader
from jumelage.exchange.models import Acknowledgement, BriefingPack, Residency
from jumelage.matchmaking.enums import MeetingState, ParticipantKind, RequestState, RunState
from jumelage.matchmaking.models import Request, Session
from jumelage.review.enums import ReviewState
from jumelage.review.models import Committee, Review
from jumelage.review.queries import ranking_of
from jumelage.selection.enums import PlaceState
from jumelage.selection.models import Event, Place
from jumelage.selection.queries import nomination_not_open
from tests.demo.cycles import current_cycle, earlier_cycle, reviewing_cycle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_demo_holds_three_cycles_at_telling_stages():
    current, reviewing, finished = current_cycle(), reviewing_cycle(), earlier_cycle()
    assert all(call.is_open() for call in current.calls.all())
    assert all(call.has_closed() for call in reviewing.calls.all())
    assert not Place.objects.filter(application__call__cycle=reviewing).exists()
    assert finished.delegations.count() == 2


def test_the_reviewing_cycle_is_mid_review_with_work_left_for_each_chair():
    cycle = reviewing_cycle()
    for committee in Committee.objects.filter(cycle=cycle):
        reviews = Review.objects.filter(member__committee=committee)
        submitted = reviews.filter(state=ReviewState.SUBMITTED)
        assignments = committee.members.values_list("assignments", flat=True).count()
        assert 0.3 * assignments < submitted.count() < 0.8 * assignments
        assert reviews.filter(state=ReviewState.DRAFT).exists()
        chair = committee.members.get(role="chair")
        assert chair.assignments.count() > chair.reviews.filter(state="submitted").count()
        assert ranking_of(committee)
        # The managers may nominate once they judge the reviews are in.
        assert nomination_not_open(cycle, committee.side) is None


def test_the_finished_cycle_went_through_its_trip():
    cycle = earlier_cycle()
    places = Place.objects.filter(application__call__cycle=cycle)
    assert set(places.values_list("state", flat=True)) == {PlaceState.CONFIRMED}
    for delegation in cycle.delegations.select_related("side", "host_side"):
        teams = delegation.travellers.exclude(application=None)
        assert teams.count() == 2
        assert all(t.user_id and t.application.call.side == delegation.side for t in teams)
        assert delegation.legs.count() == 2 and delegation.stays.exists()
        assert delegation.items.count() >= 5
        pack = BriefingPack.objects.get(delegation=delegation)
        acknowledged = Acknowledgement.objects.filter(pack=pack, revision=pack.revision)
        assert acknowledged.count() == 2
    residencies = Residency.objects.filter(offer__cycle=cycle).select_related(
        "offer__organisation", "application__call"
    )
    assert residencies.count() == 4
    assert all(r.offer.organisation.side != r.application.call.side for r in residencies)


def test_the_history_of_the_finished_cycle_follows_its_timeline():
    cycle = earlier_cycle()
    events = list(Event.objects.filter(cycle=cycle).order_by("pk"))
    moments = [event.created for event in events]
    assert len(set(moments)) >= len(moments) * 0.8
    assert max(moments) < timezone.now()
    stages = {stage.kind: stage for stage in cycle.stages.all()}
    sent = [e.created.date() for e in events if e.action == "nomination_sent"]
    nominate = stages["nominate"]
    assert all(nominate.starts_on <= day <= nominate.ends_on for day in sent)
    reviews = Review.objects.filter(member__committee__cycle=cycle)
    submitted = set(reviews.values_list("submitted_at", flat=True))
    assert len(submitted) > reviews.count() * 0.8
    assert max(submitted).date() < min(sent)


def test_the_reviewing_cycles_reviews_fall_between_the_close_and_now():
    cycle = reviewing_cycle()
    closes = max(call.closes_at for call in cycle.calls.all())
    moments = Review.objects.filter(
        member__committee__cycle=cycle, state=ReviewState.SUBMITTED
    ).values_list("submitted_at", flat=True)
    assert all(closes < moment <= timezone.now() for moment in moments)
    assert len({m.date() for m in moments}) >= 3


def test_the_finished_cycles_matchmaking_was_scheduled_and_held():
    session = Session.objects.get(cycle=earlier_cycle())
    names = set(session.participants.values_list("name", flat=True))
    assert {"Airbus", "Thales", "La Cantine", "IoT Valley", "Le Village by CA", "AT HOME"} <= names
    assert session.participants.filter(kind=ParticipantKind.TEAM).count() == 2
    assert all(hasattr(p, "profile") for p in session.participants.all())
    (run,) = session.runs.all()
    assert run.state == RunState.DONE and run.scheduled == run.meetings > 0
    assert run.weight <= run.upper_bound
    states = set(session.meetings.values_list("state", flat=True))
    assert {MeetingState.HELD, MeetingState.NO_SHOW} <= states
    for team in session.participants.filter(kind=ParticipantKind.TEAM):
        assert team.meetings.filter(state=MeetingState.HELD).count() >= 3
        assert team.feedback.exists()
    waiting = Request.objects.filter(session=session, state=RequestState.PENDING)
    assert waiting.filter(recipient__user__email="investor@garonne.demo").exists()


def test_every_login_the_readme_names_is_a_demo_account_that_logs_in():
    section = README.read_text().split("### The demo", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([^`]+@[^`]+)` \|", section, flags=re.MULTILINE))
    printed = {email for _role, email, _look in loader.logins()}
    assert named == printed
    users = User.objects.filter(email__in=named)
    assert users.count() == len(named)
    assert all(user.check_password("jumelage-demo") and user.email_verified for user in users)
