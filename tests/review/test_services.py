from collections import Counter
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from jumelage.notifications.models import OutboxMessage
from jumelage.review import queries, services
from jumelage.review.enums import EventKind, ReviewState
from jumelage.review.models import Assignment, Conflict, Event, Member, Review
from tests import factories as f
from tests.review import helpers


@pytest.fixture
def panel(world):
    """Taichung's closed call with three submitted applications and a three-member committee."""
    users = [f.UserFactory(full_name=f"Applicant {n}") for n in range(3)]
    applications = [
        helpers.submitted_application(world, world.call_tc, user, f"Team {n}")
        for n, user in enumerate(users)
    ]
    helpers.close_call(world.call_tc)
    committee = helpers.committee(world, reviews_per_application=2, max_load=2)
    world.team, world.market = helpers.criterion(committee), helpers.criterion(committee, "Market")
    world.reviewers = [helpers.seat(committee, f.UserFactory()) for _ in range(3)]
    world.applications, world.committee = applications, committee
    return world


def _line_of(committee, application):
    return next(line for line in queries.ranking_of(committee) if line.application == application)


def test_an_invitation_is_queued_in_the_members_language(world):
    committee = helpers.committee(world)
    member = Member(committee=committee, email="Rex@Example.org", name="Rex", language="fr")
    services.invite_member(world.users.tina, member, [])
    message = OutboxMessage.objects.get(template_key="committee-invitation")
    assert message.recipient_email == "rex@example.org"
    assert "comité de sélection" in message.subject
    assert "/review/invitation/" in message.body


def test_a_second_invitation_to_the_same_address_is_refused_in_words(world):
    committee = helpers.committee(world)
    services.invite_member(
        world.users.tina, Member(committee=committee, email="r@x.org", name="R"), []
    )
    with pytest.raises(services.ReviewRefused, match="already invited"):
        services.invite_member(
            world.users.tina, Member(committee=committee, email="R@x.org", name="R"), []
        )


def test_the_partner_side_cannot_invite_to_a_committee(world):
    committee = helpers.committee(world)
    with pytest.raises(PermissionDenied):
        services.invite_member(
            world.users.theo, Member(committee=committee, email="r@x.org", name="R"), []
        )


def test_accepting_needs_the_invited_address(world):
    committee = helpers.committee(world)
    member = Member.objects.create(committee=committee, email=world.users.rita.email, name="Rita")
    token = services.invitation_token(member)
    with pytest.raises(services.ReviewRefused, match=world.users.rita.email):
        services.accept_invitation(world.users.bob, token)
    seat = services.accept_invitation(world.users.rita, token)
    assert seat.user == world.users.rita and seat.joined_at is not None
    assert Event.objects.filter(kind=EventKind.MEMBER_JOINED, member=seat).exists()
    assert services.accept_invitation(world.users.rita, token) == seat  # a second click


def test_a_tampered_invitation_token_is_refused(world):
    with pytest.raises(services.ReviewRefused):
        services.member_for_token("not-a-token")


def test_assigning_a_conflicted_pair_is_refused(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.declare_conflict(reviewer.user, reviewer, application, "former colleague")
    with pytest.raises(services.ReviewRefused, match="conflict"):
        services.assign(panel.users.tina, reviewer, [application])
    assert not Assignment.objects.filter(member=reviewer).exists()


def test_assigning_beyond_the_load_limit_is_refused_all_or_nothing(panel):
    with pytest.raises(services.ReviewRefused, match="limit is 2"):
        services.assign(panel.users.tina, panel.reviewers[0], panel.applications)
    assert not Assignment.objects.exists()


def test_assigning_twice_adds_nothing(panel):
    reviewer = panel.reviewers[0]
    assert services.assign(panel.users.tina, reviewer, panel.applications[:2]) == 2
    assert services.assign(panel.users.tina, reviewer, panel.applications[:2]) == 0
    assert Assignment.objects.count() == 2


def test_automatic_assignment_gives_k_reviewers_and_respects_conflicts_and_limits(panel):
    conflicted, application = panel.reviewers[0], panel.applications[0]
    services.declare_conflict(conflicted.user, conflicted, application)
    result = services.auto_assign(panel.users.tina, panel.committee)
    assert result.added == 6 and result.short == {}
    pairs = set(Assignment.objects.values_list("member_id", "application_id"))
    assert (conflicted.pk, application.pk) not in pairs
    for a in panel.applications:
        assert sum(1 for _m, app in pairs if app == a.pk) == 2
    for m in panel.reviewers:
        assert sum(1 for member, _a in pairs if member == m.pk) <= 2


def test_automatic_assignment_prefers_reviewers_of_the_theme(panel):
    panel.committee.reviews_per_application = 1
    panel.committee.max_load = 3
    panel.committee.save()
    fan = panel.reviewers[2]
    fan.themes.add(panel.theme)
    services.auto_assign(panel.users.tina, panel.committee)
    assert Assignment.objects.filter(member=fan).count() == 3  # up to the load limit


def test_automatic_assignment_reports_applications_it_cannot_serve(panel):
    panel.committee.reviews_per_application = 3
    panel.committee.save()
    result = services.auto_assign(panel.users.tina, panel.committee)
    assert sum(result.short.values()) == 3  # 9 wanted, 3 reviewers × 2 at most


def test_a_draft_keeps_what_was_typed_and_a_submission_needs_every_required_score(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    data = {
        "scores": {str(panel.team.pk): 4},
        "answers": {},
        "comment": "Good team",
        "comment_for_applicant": "",
    }
    result = services.save_review(reviewer.user, reviewer, application, data, submit=True)
    assert result.problems == ["Give a score for “Market”."]
    review = Review.objects.get()
    assert review.state == ReviewState.DRAFT and review.comment == "Good team"
    data["scores"][str(panel.market.pk)] = 2
    services.save_review(reviewer.user, reviewer, application, data, submit=True)
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED and review.submitted_at is not None
    assert Event.objects.filter(kind=EventKind.REVIEW_SUBMITTED).count() == 1


def test_a_submitted_review_changes_only_after_it_is_sent_back(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    review = helpers.submit_review(reviewer, application, {panel.team.pk: 3, panel.market.pk: 3})
    with pytest.raises(services.ReviewRefused, match="already submitted"):
        helpers.submit_review(reviewer, application, {panel.team.pk: 5, panel.market.pk: 5})
    with pytest.raises(PermissionDenied):
        services.reopen_review(reviewer.user, review)
    services.reopen_review(panel.users.tina, review)
    helpers.submit_review(reviewer, application, {panel.team.pk: 5, panel.market.pk: 5})
    review.refresh_from_db()
    assert review.scores == {str(panel.team.pk): 5, str(panel.market.pk): 5}


def test_an_unassigned_reviewer_cannot_review(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    with pytest.raises(PermissionDenied):
        helpers.submit_review(reviewer, application, {panel.team.pk: 3})


def test_reviews_wait_for_the_call_to_close(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    panel.call_tc.closes_at = panel.call_tc.opens_at.replace(year=2999)
    panel.call_tc.save()
    with pytest.raises(services.ReviewRefused, match="closed"):
        helpers.submit_review(reviewer, application, {panel.team.pk: 3, panel.market.pk: 3})


def test_a_conflict_declared_after_submitting_removes_the_review_from_the_ranking(panel):
    first, second = panel.reviewers[:2]
    application = panel.applications[0]
    for member, score in ((first, 5), (second, 1)):
        services.assign(panel.users.tina, member, [application])
        helpers.submit_review(member, application, {panel.team.pk: score, panel.market.pk: score})
    line = _line_of(panel.committee, application)
    assert line.review_count == 2 and line.score == 0.5
    services.declare_conflict(panel.users.tina, second, application, "competitor")
    line = _line_of(panel.committee, application)
    assert line.review_count == 1 and line.score == 1.0
    assert not Assignment.objects.filter(member=second, application=application).exists()


def test_the_ranking_weighs_criteria(panel):
    panel.market.weight = 3
    panel.market.save()
    strong_team, strong_market = panel.applications[:2]
    reviewer = panel.reviewers[0]
    services.assign(panel.users.tina, reviewer, [strong_team, strong_market])
    helpers.submit_review(reviewer, strong_team, {panel.team.pk: 5, panel.market.pk: 1})
    helpers.submit_review(reviewer, strong_market, {panel.team.pk: 1, panel.market.pk: 5})
    ranking = queries.ranking_of(panel.committee)
    assert [line.application for line in ranking[:2]] == [strong_market, strong_team]
    assert ranking[0].score == 0.75 and ranking[1].score == 0.25


def test_a_rescaled_criterion_leaves_old_scores_out_instead_of_failing(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    helpers.submit_review(reviewer, application, {panel.team.pk: 5, panel.market.pk: 1})
    panel.team.scale_max = 4
    panel.team.save()
    line = _line_of(panel.committee, application)
    assert line.score == 0.0  # only the market score (1 on 1–5) still counts


def test_late_reviewers_get_one_reminder_a_day(panel):
    reviewer = panel.reviewers[0]
    services.assign(panel.users.tina, reviewer, panel.applications[:2])
    assert services.remind_late(panel.users.tina, panel.committee) == 1
    assert services.remind_late(panel.users.tina, panel.committee) == 1
    message = OutboxMessage.objects.get(template_key="review-reminder")
    assert "2" in message.subject
    assert not any(a.team_name in message.body for a in panel.applications)


def test_a_member_with_submitted_reviews_stays(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    helpers.submit_review(reviewer, application, {panel.team.pk: 3, panel.market.pk: 3})
    with pytest.raises(services.ReviewRefused):
        services.remove_member(panel.users.tina, reviewer)
    services.remove_member(panel.users.tina, panel.reviewers[1])
    assert Member.objects.count() == 2


def test_likely_conflicts_name_the_reason_without_naming_the_team(panel):
    application = panel.applications[0]
    application.contact_email = "ceo@orchid.example"
    application.organisation = "Orchid Robotics"
    application.save()
    colleague = helpers.seat(
        panel.committee, f.UserFactory(email="cto@orchid.example"), organisation="Orchid Robotics"
    )
    found = services.likely_conflicts(colleague, panel.applications)
    assert list(found) == [application.pk]
    assert len(found[application.pk]) == 2
    assert not any("Orchid" in reason for reason in found[application.pk])


def test_webmail_addresses_do_not_suggest_conflicts(panel):
    application = panel.applications[0]
    application.contact_email = "team@gmail.com"
    application.save()
    stranger = helpers.seat(panel.committee, f.UserFactory(email="someone@gmail.com"))
    assert services.likely_conflicts(stranger, [application]) == {}


def test_wishes_are_kept_for_visible_applications_only(panel):
    reviewer, (wanted, avoided, conflicted) = panel.reviewers[0], panel.applications
    services.declare_conflict(reviewer.user, reviewer, conflicted)
    levels = {wanted.pk: "eager", avoided.pk: "not_for_me", conflicted.pk: "eager"}
    assert services.save_bids(reviewer.user, reviewer, levels) == 2
    assert services.save_bids(reviewer.user, reviewer, {avoided.pk: ""}) == 1
    assert dict(reviewer.bids.values_list("application_id", "level")) == {wanted.pk: "eager"}
    with pytest.raises(PermissionDenied):
        services.save_bids(panel.users.tina, reviewer, levels)


def test_a_pinned_pair_is_recorded_and_a_ruled_out_pair_becomes_a_conflict(panel):
    reviewer, application = panel.reviewers[0], panel.applications[0]
    services.assign(panel.users.tina, reviewer, [application])
    assignment = Assignment.objects.get()
    services.set_pinned(panel.users.tina, assignment, True)
    assert Assignment.objects.get().pinned
    assert Event.objects.filter(kind=EventKind.PINNED).exists()
    services.forbid(panel.users.tina, assignment)
    assert not Assignment.objects.exists()
    assert Conflict.objects.get().declared_by == panel.users.tina
    with pytest.raises(PermissionDenied):
        services.forbid(reviewer.user, assignment)


def test_automatic_assignment_follows_expertise_and_wishes(panel):
    panel.committee.reviews_per_application = 1
    panel.committee.max_load = 3
    panel.committee.save()
    robotics, _second, avoided = panel.applications
    robotics.answers = {"pitch": "Collaborative robots for machine tools"}
    robotics.save()
    expert, keen, other = panel.reviewers
    expert.expertise = "industrial robots, machine tools"
    expert.save()
    services.save_bids(keen.user, keen, {avoided.pk: "eager"})
    services.save_bids(other.user, other, {avoided.pk: "not_for_me"})
    result = services.auto_assign(panel.users.tina, panel.committee)
    assert result.optimal
    pairs = set(Assignment.objects.values_list("application_id", "member_id"))
    assert (robotics.pk, expert.pk) in pairs and (avoided.pk, keen.pk) in pairs
    assert Assignment.objects.get(application=avoided).affinity >= 1.0


def test_running_again_keeps_pinned_pairs_and_begun_reviews(panel):
    first = services.auto_assign(panel.users.tina, panel.committee)
    assert (first.added, first.removed) == (6, 0)
    pinned, begun = Assignment.objects.order_by("pk")[:2]
    services.set_pinned(panel.users.tina, pinned, True)
    helpers.submit_review(begun.member, begun.application, {panel.team.pk: 3, panel.market.pk: 3})
    again = services.auto_assign(panel.users.tina, panel.committee)
    assert (again.added, again.removed) == (0, 0)  # nothing changed: nothing moves
    assert Assignment.objects.filter(pk__in=[pinned.pk, begun.pk]).count() == 2


def test_an_impossible_full_assignment_fills_what_fits(panel):
    panel.committee.reviews_per_application = 3
    panel.committee.save()
    result = services.auto_assign(panel.users.tina, panel.committee)
    assert not result.optimal and sum(result.short.values()) == 3


def test_the_command_line_shows_progress_and_the_outcome(panel):
    out = StringIO()
    call_command(
        "assign",
        "taichung-toulouse",
        panel.cycle.slug,
        "taichung",
        "--as",
        "tina@taichung.example",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].strip().startswith("0%") and "%" in lines[-2]
    assert lines[-1] == "6 assignment(s) added, 0 moved away"
    with pytest.raises(CommandError, match="No committee"):
        call_command(
            "assign", "taichung-toulouse", "1999", "taichung", "--as", "tina@taichung.example"
        )


def test_fair_assignment_serves_every_application(panel):
    result = services.auto_assign(panel.users.tina, panel.committee, fairness=True)
    assert result.optimal and result.added == 6
    counts = Counter(Assignment.objects.values_list("application_id", flat=True))
    assert set(counts.values()) == {2}
