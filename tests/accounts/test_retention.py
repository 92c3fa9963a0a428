"""Personal data kept no longer than each stage needs it: a dry run, the real run and its
audit rows, with the clock moved past each date."""

import datetime as dt
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import CommandError, call_command
from django.utils import timezone

from jumelage.accounts import retention
from jumelage.accounts.models import RetentionRecord
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.partnerships.enums import StageKind
from jumelage.partnerships.models import Stage
from jumelage.review.models import Committee, Review
from jumelage.review.queries import ranking_of
from jumelage.selection.models import Place
from tests import factories as f
from tests.selection.factories import finish, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(world):
    reviewed(world)
    finish(world)
    return world


@pytest.fixture
def long_past(world):
    """The first day a refused application is due: 24 months after the announcement."""
    announced = Stage.objects.get(cycle=world.cycle, kind=StageKind.ANNOUNCE).ends_on
    return announced + relativedelta(months=24, days=1)


def refused_of(world):
    holding = Place.objects.values("application")
    return Application.objects.filter(call=world.call_tc).exclude(pk__in=holding)


def scores(committee):
    return {line.application.pk: line.score for line in ranking_of(committee)}


def test_the_dry_run_lists_what_is_due_and_changes_nothing(selected, long_past):
    refused = refused_of(selected)
    before = list(refused.values_list("team_name", flat=True))
    due = {d.name: d.references for d in retention.plan(long_past)}
    assert sorted(due["refused-applications"]) == sorted(
        a.reference for a in Application.objects.exclude(pk__in=Place.objects.values("application"))
    )
    assert list(refused.values_list("team_name", flat=True)) == before
    assert not RetentionRecord.objects.exists()


def test_nothing_is_due_before_the_period_has_run(selected, long_past):
    day_before = long_past - dt.timedelta(days=1)
    assert {d.name: d.records for d in retention.plan(day_before)}["refused-applications"] == []


def test_refused_applications_are_anonymised_and_their_scores_still_count(selected, long_past):
    committee = Committee.objects.get(cycle=selected.cycle, side=selected.taichung)
    ranked_before = scores(committee)
    keeper = refused_of(selected).first()
    keeper.keep_on_file = True
    keeper.save(update_fields=["keep_on_file"])
    records = retention.apply(long_past)
    record = next(r for r in records if r.rule == "refused-applications")
    anonymised = refused_of(selected).exclude(pk=keeper.pk)
    assert record.count == Application.objects.filter(anonymised_at__isnull=False).count()
    assert all(a.reference in record.references for a in anonymised)
    for application in anonymised:
        assert (application.contact_email, application.answers) == ("", {})
        assert application.anonymised_at is not None
    assert not Review.objects.filter(application__in=anonymised).exclude(comment="").exists()
    assert scores(committee) == ranked_before
    kept = Application.objects.get(pk=keeper.pk)
    assert kept.anonymised_at is None and kept.team_name == keeper.team_name
    selected_teams = Application.objects.filter(place__isnull=False)
    assert not selected_teams.filter(anonymised_at__isnull=False).exists()


def test_a_second_run_finds_nothing_more(selected, long_past):
    retention.apply(long_past)
    assert retention.apply(long_past + dt.timedelta(days=1)) == []


def test_drafts_go_six_months_after_their_call_closed(world):
    draft = f.ApplicationFactory(call=world.call_tc, applicant=world.users.alice)
    closed = world.call_tc.closes_at.date()
    assert retention.apply(closed + dt.timedelta(days=150)) == []
    (record,) = retention.apply(closed + dt.timedelta(days=200))
    assert (record.rule, record.references) == ("unsent-drafts", [draft.reference])
    assert not Application.objects.filter(pk=draft.pk).exists()


def test_messages_lose_their_words_long_after_they_were_sent(world):
    message = OutboxMessage.objects.create(
        template_key="application-submitted",
        recipient_email="alice@example.org",
        language="en",
        subject="Your application",
        body="Dear Alice",
        state=OutboxState.SENT,
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        created=timezone.now() - dt.timedelta(days=800)
    )
    (record,) = retention.apply(timezone.localdate())
    message.refresh_from_db()
    assert record.rule == "old-messages" and (message.subject, message.body) == ("—", "—")


def test_the_command_dry_runs_and_refuses_a_bad_date(selected, long_past):
    out = io.StringIO()
    call_command("retention", "--dry-run", "--today", long_past.isoformat(), stdout=out)
    assert "would be purged or anonymised" in out.getvalue()
    assert not RetentionRecord.objects.exists()
    call_command("retention", "--today", long_past.isoformat(), stdout=out)
    assert RetentionRecord.objects.filter(rule="refused-applications").exists()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention", "--today", "yesterday")


def test_the_applicant_agrees_to_be_kept_on_file_on_the_form(client, world):
    application = f.ApplicationFactory(
        call=world.call_tc, applicant=world.users.alice, state=ApplicationState.DRAFT
    )
    client.force_login(world.users.alice)
    page = client.get(f"/en/calls/applications/{application.pk}/").content.decode()
    assert 'name="keep_on_file"' in page
