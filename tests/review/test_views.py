import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jumelage.review import progress, services
from jumelage.review.enums import ReviewState
from jumelage.review.models import Assignment, Committee, Conflict, Member, Review
from tests import factories as f
from tests.review import helpers


def _url(name, world, side="taichung", **extra):
    kwargs = {
        "partnership_slug": world.partnership.slug,
        "cycle_slug": world.cycle.slug,
        "side_slug": side,
        **extra,
    }
    return reverse(f"review:{name}", kwargs=kwargs)


@pytest.fixture
def reviewing(world):
    """rita reviews three of Taichung's applications; one more goes to another reviewer."""
    applicants = [f.UserFactory(full_name=f"Founder {n}") for n in range(4)]
    world.applications = [
        helpers.submitted_application(world, world.call_tc, user, f"Team {n}")
        for n, user in enumerate(applicants)
    ]
    helpers.close_call(world.call_tc)
    world.committee = helpers.committee(world)
    world.criterion = helpers.criterion(world.committee)
    world.seat = helpers.seat(world.committee, world.users.rita)
    world.other = helpers.seat(world.committee, f.UserFactory(full_name="Omar Other"))
    services.assign(world.users.tina, world.seat, world.applications[:3])
    services.assign(world.users.tina, world.other, world.applications[:1] + world.applications[3:])
    return world


def test_a_manager_creates_the_committee(client, world):
    client.force_login(world.users.tina)
    data = {
        "reviews_per_application": 2,
        "max_load": 10,
        "aggregate": "median",
        "blind": "on",
        "hide_others_until_submitted": "on",
        "review_deadline": "2019-06-30T18:00",
    }
    response = client.post(_url("setup", world), data)
    assert response.status_code == 302
    committee = Committee.objects.get()
    assert committee.blind and committee.aggregate == "median"
    assert committee.review_deadline.isoformat() == "2019-06-30T10:00:00+00:00"  # Taipei time


def test_bad_settings_get_a_400_with_the_form(client, world):
    client.force_login(world.users.tina)
    response = client.post(_url("setup", world), {"reviews_per_application": "0", "max_load": "x"})
    assert response.status_code == 400
    assert not Committee.objects.exists()


def test_the_partner_side_cannot_set_up_a_committee_for_taichung(client, world):
    client.force_login(world.users.theo)
    assert client.post(_url("setup", world), {"max_load": 3}).status_code == 403


def test_inviting_shows_the_member_and_refuses_a_duplicate_in_words(client, world):
    helpers.committee(world)
    client.force_login(world.users.tina)
    data = {"name": "Rex", "email": "rex@example.org", "role": "chair", "language": "fr"}
    assert client.post(_url("members", world), data).status_code == 302
    response = client.post(_url("members", world), data)
    assert response.status_code == 400
    assert "already invited" in response.content.decode()
    assert Member.objects.get().role == "chair"


def test_an_invitee_accepts_and_lands_in_their_queue(client, world):
    committee = helpers.committee(world)
    member = Member.objects.create(committee=committee, email=world.users.rita.email, name="Rita")
    client.force_login(world.users.rita)
    url = reverse("review:invitation", kwargs={"token": services.invitation_token(member)})
    assert "Taichung" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == _url("queue", world)


def test_someone_else_cannot_take_an_invitation(client, world):
    committee = helpers.committee(world)
    member = Member.objects.create(committee=committee, email=world.users.rita.email, name="Rita")
    client.force_login(world.users.bob)
    url = reverse("review:invitation", kwargs={"token": services.invitation_token(member)})
    assert client.post(url).status_code == 403
    assert Member.objects.get().user is None


def test_the_queue_lists_only_what_is_assigned(client, reviewing):
    client.force_login(reviewing.users.rita)
    page = client.get(_url("queue", reviewing)).content.decode()
    for application in reviewing.applications[:3]:
        assert application.reference in page
    assert reviewing.applications[3].reference not in page


def test_an_unassigned_application_is_not_found_for_a_reviewer(client, reviewing):
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=reviewing.applications[3].pk)
    assert client.get(url).status_code == 404


def test_a_reviewer_of_taichung_never_sees_toulouse_applications(client, reviewing, world):
    toulouse_application = helpers.submitted_application(
        world, world.call_tl, f.UserFactory(), "Cassoulet AI"
    )
    client.force_login(reviewing.users.rita)
    assert client.get(_url("review", reviewing, pk=toulouse_application.pk)).status_code == 404
    assert client.get(_url("queue", reviewing, side="toulouse")).status_code == 404


def test_a_reviewer_saves_a_draft_then_submits(client, reviewing):
    client.force_login(reviewing.users.rita)
    application = reviewing.applications[0]
    url = _url("review", reviewing, pk=application.pk)
    field = f"score_{reviewing.criterion.pk}"
    response = client.post(url, {"comment": "Promising", "action": "save"})
    assert response.status_code == 302
    review = Review.objects.get(member=reviewing.seat)
    assert review.state == ReviewState.DRAFT and review.comment == "Promising"
    response = client.post(url, {"comment": "Promising", "action": "submit"})
    assert response.status_code == 400
    assert "Give a score for" in response.content.decode()
    response = client.post(url, {field: "4", "comment": "Promising", "action": "submit"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED and review.scores == {
        str(reviewing.criterion.pk): 4
    }


def test_before_the_call_closes_the_review_page_says_why_and_has_no_form(client, reviewing):
    call = reviewing.call_tc
    call.closes_at = call.opens_at.replace(year=2999)
    call.save(update_fields=["closes_at"])
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=reviewing.applications[0].pk)
    page = client.get(url).content.decode()
    assert 'id="not-open"' in page and "Reviews open when the call has closed" in page
    assert 'value="submit"' not in page and f'name="score_{reviewing.criterion.pk}"' not in page
    response = client.post(url, {f"score_{reviewing.criterion.pk}": "4", "action": "submit"})
    assert response.status_code == 409
    assert 'id="not-open"' in response.content.decode()
    assert not Review.objects.filter(member=reviewing.seat).exists()


def test_a_score_outside_the_scale_is_refused(client, reviewing):
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=reviewing.applications[0].pk)
    response = client.post(url, {f"score_{reviewing.criterion.pk}": "9", "action": "submit"})
    assert response.status_code == 400
    assert not Review.objects.filter(state=ReviewState.SUBMITTED).exists()


def test_other_reviews_stay_hidden_until_ones_own_is_submitted(client, reviewing):
    application = reviewing.applications[0]
    helpers.submit_review(reviewing.other, application, {reviewing.criterion.pk: 2}, "Weak market")
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=application.pk)
    assert "Weak market" not in client.get(url).content.decode()
    helpers.submit_review(reviewing.seat, application, {reviewing.criterion.pk: 4})
    assert "Weak market" in client.get(url).content.decode()


def test_the_committee_may_show_other_reviews_at_once(client, reviewing):
    reviewing.committee.hide_others_until_submitted = False
    reviewing.committee.save()
    application = reviewing.applications[0]
    helpers.submit_review(reviewing.other, application, {reviewing.criterion.pk: 2}, "Weak market")
    client.force_login(reviewing.users.rita)
    assert (
        "Weak market" in client.get(_url("review", reviewing, pk=application.pk)).content.decode()
    )


def test_a_conflicted_reviewer_is_refused_the_application(client, reviewing):
    client.force_login(reviewing.users.rita)
    application = reviewing.applications[0]
    response = client.post(_url("conflict", reviewing, pk=application.pk), {"reason": "my cousin"})
    assert response.status_code == 302
    assert Conflict.objects.get().reason == "my cousin"
    assert client.get(_url("review", reviewing, pk=application.pk)).status_code == 404
    field = f"score_{reviewing.criterion.pk}"
    response = client.post(_url("review", reviewing, pk=application.pk), {field: "5"})
    assert response.status_code == 404
    assert not Review.objects.filter(member=reviewing.seat, application=application).exists()


def test_bulk_assignment_from_the_page(client, reviewing):
    newcomer = helpers.seat(reviewing.committee, f.UserFactory())
    client.force_login(reviewing.users.tina)
    data = {"member": newcomer.pk, "applications": [a.pk for a in reviewing.applications[2:]]}
    assert client.post(_url("assignments", reviewing), data).status_code == 302
    assert Assignment.objects.filter(member=newcomer).count() == 2


def test_automatic_assignment_from_the_page_says_what_it_did(client, reviewing):
    client.force_login(reviewing.users.tina)
    response = client.post(_url("auto_assign", reviewing), follow=True)
    assert "could not get 3 reviewers" in response.content.decode()


def test_the_ranking_page_and_exports(client, reviewing):
    for application, score in zip(reviewing.applications[:3], (5, 3, 1), strict=True):
        helpers.submit_review(reviewing.seat, application, {reviewing.criterion.pk: score})
    client.force_login(reviewing.users.tina)
    page = client.get(_url("ranking", reviewing)).content.decode()
    order = [page.index(a.reference) for a in reviewing.applications[:3]]
    assert order == sorted(order)
    csv = b"".join(client.get(_url("export", reviewing, fmt="csv")).streaming_content).decode()
    assert "Team 0" in csv and "Solid." in csv and "Rita Reviewer" in csv
    xlsx = client.get(_url("export", reviewing, fmt="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(_url("export", reviewing, fmt="exe")).status_code == 404


def _query_count(client, url):
    client.get(url)  # the first request of a session fills caches the others reuse
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_reviewed_applications(world, count):
    world.call_tc.closes_at = world.call_tc.opens_at.replace(year=2999)
    world.call_tc.save()
    extra = [
        helpers.submitted_application(world, world.call_tc, f.UserFactory(), f"More {n}")
        for n in range(count)
    ]
    helpers.close_call(world.call_tc)
    world.seat.max_load = 20
    world.seat.save()
    services.assign(world.users.tina, world.seat, extra)
    for application in extra:
        helpers.submit_review(world.seat, application, {world.criterion.pk: 3})


def test_list_pages_make_as_many_queries_for_ten_applications_as_for_four(client, reviewing):
    names = ("dashboard", "assignments", "ranking", "members")
    client.force_login(reviewing.users.tina)
    before = [_query_count(client, _url(name, reviewing)) for name in names]
    client.force_login(reviewing.users.rita)
    queue_before = _query_count(client, _url("queue", reviewing))
    _more_reviewed_applications(reviewing, 6)
    client.force_login(reviewing.users.tina)
    assert [_query_count(client, _url(name, reviewing)) for name in names] == before
    client.force_login(reviewing.users.rita)
    assert _query_count(client, _url("queue", reviewing)) == queue_before


def test_a_reviewer_states_wishes_from_the_page(client, reviewing):
    client.force_login(reviewing.users.rita)
    first, second = reviewing.applications[:2]
    data = {f"bid_{first.pk}": "eager", f"bid_{second.pk}": "not_for_me"}
    assert client.post(_url("bids", reviewing), data).status_code == 302
    assert dict(reviewing.seat.bids.values_list("application_id", "level")) == {
        first.pk: "eager",
        second.pk: "not_for_me",
    }
    assert client.post(_url("bids", reviewing), {f"bid_{first.pk}": "maybe"}).status_code == 400


def test_the_assignments_page_explains_its_match_figures_in_each_language(client, reviewing):
    client.force_login(reviewing.users.tina)
    explained = {
        "en": ("0.5 when the reviewer declared", "-1.0 for"),
        "fr": ("0,5", "-1,0"),
        "zh-hant": ("0.5", "-1.0"),
    }
    for language, figures in explained.items():
        with translation.override(language):
            page = client.get(_url("assignments", reviewing))
        text = page.content.decode().split('id="match-explained">')[1].split("</p>")[0]
        assert all(figure in text for figure in figures), (language, text)


def test_managers_pin_and_rule_out_from_the_assignments_page(client, reviewing):
    client.force_login(reviewing.users.tina)
    assignment = Assignment.objects.filter(member=reviewing.seat).first()
    assert client.post(_url("pin", reviewing, pk=assignment.pk)).status_code == 302
    assignment.refresh_from_db()
    assert assignment.pinned
    page = client.get(_url("assignments", reviewing)).content.decode()
    assert "pinned" in page
    assert client.post(_url("forbid", reviewing, pk=assignment.pk)).status_code == 302
    assert Conflict.objects.filter(member=reviewing.seat).count() == 1


def test_the_calibrated_ranking_removes_a_harsh_reviewers_offset(client, reviewing):
    """rita scores two points (50 on 0–100) below omar on the same applications; the
    fourth application only omar scored. Raw means put it above the second, which rita
    scored harshly; calibrated, both are level, as omar scored them alike."""
    first, second, third, fourth = reviewing.applications
    criterion = reviewing.criterion
    services.assign(reviewing.users.tina, reviewing.other, [second, third])
    for application, rita, omar in ((first, 2, 4), (second, 1, 3), (third, 3, 5)):
        helpers.submit_review(reviewing.seat, application, {criterion.pk: rita})
        helpers.submit_review(reviewing.other, application, {criterion.pk: omar})
    helpers.submit_review(reviewing.other, fourth, {criterion.pk: 3})
    client.force_login(reviewing.users.tina)
    response = client.get(_url("ranking", reviewing) + "?method=least_squares")
    lines = {line.application: line for line in response.context["calibrated"]}
    assert response.context["calibrated"][0].application == third
    assert (lines[second].raw, lines[fourth].raw) == (25, 50)
    assert lines[second].calibrated == pytest.approx(lines[fourth].calibrated)
    assert lines[first].calibrated - lines[fourth].calibrated == pytest.approx(25)
    assert all(line.low <= line.position <= line.high for line in lines.values())
    page = response.content.decode()
    assert 'id="tied"' in page or 'id="clear-cut"' in page


def test_an_unknown_ranking_method_falls_back_to_the_committees(client, reviewing):
    client.force_login(reviewing.users.tina)
    response = client.get(_url("ranking", reviewing) + "?method=astrology")
    assert response.status_code == 200 and response.context["method"] == "mean"


def test_a_running_assignment_shows_its_progress_then_its_outcome(client, reviewing):
    """What a manager sees while a worker runs the solver (CELERY_BROKER_URL set)."""
    client.force_login(reviewing.users.tina)
    progress.begin(reviewing.committee.pk)
    progress.report(reviewing.committee.pk, 0.5, "solving")
    page = client.get(_url("assignment_progress", reviewing)).content.decode()
    assert 'value="0.50"' in page and 'http-equiv="refresh"' in page
    result = services.AutoAssignment(added=4, removed=1, short={}, optimal=True)
    progress.finish(reviewing.committee.pk, result)
    response = client.get(_url("assignment_progress", reviewing), follow=True)
    assert response.redirect_chain[-1][0] == _url("assignments", reviewing)
    assert "4 assignment(s) added, 1 moved away." in response.content.decode()
    assert progress.read(reviewing.committee.pk) is None


def test_bad_review_input_is_refused_and_loses_nothing(client, reviewing):
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=reviewing.applications[0].pk)
    field = f"score_{reviewing.criterion.pk}"
    assert client.post(url, {field: "3", "comment": "Kept", "action": "save"}).status_code == 302
    for bad in ({field: "abc"}, {field: "3", "comment": "x" * 9000}, {field: ["1", "2", "x"]}):
        response = client.post(url, {**bad, "action": "submit"})
        assert response.status_code == 400
    review = Review.objects.get(member=reviewing.seat)
    assert (review.state, review.comment, review.scores) == (
        ReviewState.DRAFT,
        "Kept",
        {str(reviewing.criterion.pk): 3},
    )


def test_submitting_twice_keeps_the_first_submission(client, reviewing):
    client.force_login(reviewing.users.rita)
    url = _url("review", reviewing, pk=reviewing.applications[0].pk)
    field = f"score_{reviewing.criterion.pk}"
    assert client.post(url, {field: "4", "action": "submit"}).status_code == 302
    again = client.post(url, {field: "1", "action": "submit"}, follow=True)
    assert "already submitted" in again.content.decode()
    assert Review.objects.get(member=reviewing.seat).scores == {str(reviewing.criterion.pk): 4}


def test_the_partner_city_cannot_post_a_review_or_an_assignment(client, reviewing):
    client.force_login(reviewing.users.theo)
    field = f"score_{reviewing.criterion.pk}"
    url = _url("review", reviewing, pk=reviewing.applications[0].pk)
    assert client.post(url, {field: "5", "action": "submit"}).status_code == 404
    assign = {"member": reviewing.seat.pk, "applications": [reviewing.applications[3].pk]}
    assert client.post(_url("assignments", reviewing), assign).status_code == 403
    assert not Review.objects.exists()
