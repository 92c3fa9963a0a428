"""An automatic assignment whose worker was killed stops beating: the page says it stopped
without finishing and offers to start it again, and starting again works."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.review import progress, services, tasks
from jumelage.review.models import AssignmentRun
from tests import factories as f
from tests.review import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewing(world):
    """Three applications to Taichung's committee, which has one reviewer."""
    applicants = [f.UserFactory(full_name=f"Founder {n}") for n in range(3)]
    for n, user in enumerate(applicants):
        helpers.submitted_application(world, world.call_tc, user, f"Team {n}")
    helpers.close_call(world.call_tc)
    world.committee = helpers.committee(world)
    helpers.seat(world.committee, world.users.rita)
    return world


def _url(name, world):
    kwargs = {
        "partnership_slug": world.partnership.slug,
        "cycle_slug": world.cycle.slug,
        "side_slug": "taichung",
    }
    return reverse(f"review:{name}", kwargs=kwargs)


def _killed_run(committee, seconds_ago=progress.STALE_SECONDS + 5):
    """What a worker SIGKILLed mid-run leaves: a run begun, beating, then silent."""
    run = progress.begin(committee.pk)
    progress.report(committee.pk, 0.4, "solving")
    silent_since = timezone.now() - dt.timedelta(seconds=seconds_ago)
    AssignmentRun.objects.filter(pk=run.pk).update(
        started_at=silent_since, heartbeat_at=silent_since
    )
    return progress.read(committee.pk)


def test_a_run_heard_of_lately_is_running_and_a_silent_one_stopped(reviewing):
    run = progress.begin(reviewing.committee.pk)
    assert progress.is_running(run) and not progress.is_stopped(run)
    later = timezone.now() + dt.timedelta(seconds=progress.STALE_SECONDS + 1)
    assert progress.is_stopped(run, now=later)
    run = _killed_run(reviewing.committee)
    assert progress.is_stopped(run) and not progress.is_running(run)


def test_a_finished_run_is_never_stopped(reviewing):
    progress.begin(reviewing.committee.pk)
    progress.finish(reviewing.committee.pk, services.AutoAssignment(1, 0, {}, optimal=True))
    run = progress.read(reviewing.committee.pk)
    later = timezone.now() + dt.timedelta(hours=2)
    assert progress.is_finished(run) and not progress.is_stopped(run, now=later)


def test_the_page_says_a_killed_run_stopped_and_offers_to_start_again(client, reviewing):
    _killed_run(reviewing.committee)
    client.force_login(reviewing.users.tina)
    page = client.get(_url("assignment_progress", reviewing)).content.decode()
    assert "stopped without finishing" in page
    assert 'http-equiv="refresh"' not in page  # nothing left to wait for
    assert f'action="{_url("auto_assign", reviewing)}"' in page
    # The assignments page says so too.
    page = client.get(_url("assignments", reviewing)).content.decode()
    assert 'id="assignment-stopped"' in page


def test_starting_a_stopped_run_again_works(client, reviewing):
    _killed_run(reviewing.committee)
    client.force_login(reviewing.users.tina)
    response = client.post(_url("auto_assign", reviewing), follow=True)
    assert "could not get 3 reviewers" in response.content.decode()  # it ran, inline
    assert progress.read(reviewing.committee.pk) is None  # its outcome was shown
    page = client.get(_url("assignments", reviewing)).content.decode()
    assert 'id="assignment-stopped"' not in page


def test_a_live_run_is_not_started_twice(client, reviewing):
    run = progress.begin(reviewing.committee.pk)
    client.force_login(reviewing.users.tina)
    response = client.post(_url("auto_assign", reviewing), follow=True)
    assert "already running" in response.content.decode()
    assert progress.read(reviewing.committee.pk).started_at == run.started_at


def test_a_run_that_fails_is_stopped_at_once(reviewing, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(services, "auto_assign", crash)
    progress.begin(reviewing.committee.pk)
    with pytest.raises(RuntimeError):
        tasks.run_assignment(reviewing.committee.pk, reviewing.users.tina.pk, False)
    assert progress.is_stopped(progress.read(reviewing.committee.pk))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_run_beats_while_the_solver_works(reviewing, settings, monkeypatch):
    """With a broker, the heartbeat thread writes the solver's progress while it runs
    inside its transaction."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(progress, "BEAT_SECONDS", 0.05)
    committee = reviewing.committee
    silent_since = timezone.now() - dt.timedelta(minutes=5)
    run = progress.begin(committee.pk)
    AssignmentRun.objects.filter(pk=run.pk).update(heartbeat_at=silent_since)
    seen = []

    def slow_solver(actor, committee, progress, fairness):
        progress(0.5, "halfway")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not seen:
            beat = AssignmentRun.objects.get(committee=committee)
            if beat.heartbeat_at > silent_since:
                seen.append(beat)
            time.sleep(0.02)
        return services.AutoAssignment(0, 0, {}, optimal=True)

    monkeypatch.setattr(services, "auto_assign", slow_solver)
    tasks.run_assignment(committee.pk, reviewing.users.tina.pk, False)
    assert seen and seen[0].fraction == 0.5 and seen[0].message == "halfway"
    assert progress.is_finished(progress.read(committee.pk))
