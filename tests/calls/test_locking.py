"""Saving an application locks its own row only, and a double submission from two
connections at once leaves one submission."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction

from jumelage.calls import services
from jumelage.calls.models import Call
from jumelage.notifications.models import OutboxMessage
from tests import factories as f
from tests.concurrency import postgresql_only, run_together

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), postgresql_only]


def complete_answers(world):
    return {
        "language": "en",
        "team_name": "Orchid",
        "organisation": "Orchid Ltd",
        "contact_name": "Alice",
        "contact_email": world.users.alice.email,
        "contact_phone": "+886 4 0000 0000",
        "theme": world.theme.pk,
    }


def test_saving_an_application_leaves_the_call_free_for_other_applicants(world):
    application = services.start_application(world.users.alice, world.call_tc, "en")

    def lock_the_call():
        with transaction.atomic():
            return Call.objects.select_for_update(nowait=True).get(pk=world.call_tc.pk)

    with transaction.atomic():
        services._locked(application.pk, world.users.alice)
        (outcome,) = run_together(lock_the_call)
    assert "error" not in outcome, outcome.get("error")


def test_the_application_itself_stays_locked_while_it_is_saved(world):
    application = services.start_application(world.users.alice, world.call_tc, "en")

    def lock_the_application():
        with transaction.atomic():
            return services.Application.objects.select_for_update(nowait=True).get(
                pk=application.pk
            )

    with transaction.atomic():
        services._locked(application.pk, world.users.alice)
        (outcome,) = run_together(lock_the_application)
    assert isinstance(outcome.get("error"), DatabaseError)


def test_two_submissions_at_once_make_one(world):
    alice = world.users.alice
    application = services.start_application(alice, world.call_tc, "en")
    deck = f.MINIMAL_PDF
    barrier = threading.Barrier(2)

    def submit():
        barrier.wait(timeout=10)
        files = {"pitch_deck": SimpleUploadedFile("deck.pdf", deck)}
        return services.save_application(
            alice, application.pk, complete_answers(world), files, submit=True
        ).ok

    outcomes = run_together(submit, submit)
    assert [outcome.get("value") for outcome in outcomes] == [True, True]
    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.transitions.filter(to_state="submitted").count() == 1
    assert application.attachments.count() == 1
    assert OutboxMessage.objects.filter(template_key="application-submitted").count() == 1
