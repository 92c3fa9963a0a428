"""Publishing the decisions: the manager reads the drafts per outcome and language, then
publishes; each applicant sees their outcome on their pages and gets one message."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.selection import services
from jumelage.selection.queries import decision_preview
from tests.selection.factories import finish, submitted

DECISION_SUBJECTS = {
    "decision-selected": {"zh-hant": "恭喜入選", "en": "You are selected", "fr": "Vous êtes"},
    "decision-reserve": {"zh-hant": "列入備取", "en": "On the reserve", "fr": "Sur la liste"},
    "decision-not-selected": {"zh-hant": "關於您申請", "en": "Your application", "fr": "Votre"},
}
OUTCOME_LABELS = {0: "Selected", 1: "Selected", 2: "Reserve"}


def decisions_url(w, side="taichung"):
    return reverse(
        "selection:decisions",
        kwargs={
            "partnership_slug": w.partnership.slug,
            "cycle_slug": w.cycle.slug,
            "side_slug": side,
        },
    )


def expected_outcome(rank):
    return OUTCOME_LABELS.get(rank, "Not selected")


def publish(w, side, manager, capture):
    services.draft_decisions(manager, w.cycle, side)
    with capture(execute=True):
        return services.publish_decisions(manager, w.cycle, side)


def test_every_applicant_sees_their_outcome_and_got_one_message_in_their_language(
    w, client, mailoutbox, django_capture_on_commit_callbacks
):
    finish(w)
    for side, manager in ((w.taichung, w.users.tina), (w.toulouse, w.users.theo)):
        assert publish(w, side, manager, django_capture_on_commit_callbacks) == 7
    for slug in ("taichung", "toulouse"):
        for rank, application in enumerate(w.ranked[slug]):
            client.force_login(application.applicant)
            home = client.get(reverse("accounts:home")).content.decode()
            page = client.get(reverse("calls:application", args=[application.pk]))
            shown = page.content.decode()
            assert f'id="outcome-{application.pk}">{expected_outcome(rank)}<' in shown
            assert f'id="outcome-{application.pk}">{expected_outcome(rank)}<' in home
            assert '"badge submitted"' not in shown
            sent = [m for m in mailoutbox if m.to == [application.applicant.email]]
            assert len(sent) == 1
            message = OutboxMessage.objects.get(recipient=application.applicant)
            assert message.language == application.language
            assert sent[0].subject.startswith(
                DECISION_SUBJECTS[message.template_key][application.language]
            )


def test_before_publishing_the_applicant_still_sees_submitted(w, client):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    application = w.ranked["taichung"][5]
    client.force_login(application.applicant)
    page = client.get(reverse("calls:application", args=[application.pk])).content.decode()
    assert "Not selected" not in page and '"badge submitted"' in page


def test_publishing_twice_sends_nothing_twice(w, mailoutbox, django_capture_on_commit_callbacks):
    finish(w)
    publish(w, w.taichung, w.users.tina, django_capture_on_commit_callbacks)
    sent = len(mailoutbox)
    assert publish(w, w.taichung, w.users.tina, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == sent == 7
    assert not OutboxMessage.objects.filter(state=OutboxState.DRAFT).exists()


def test_publishing_before_the_preview_is_refused(w):
    finish(w)
    with pytest.raises(services.Refused, match="read them"):
        services.publish_decisions(w.users.tina, w.cycle, w.taichung)


def test_only_the_side_publishes_its_decisions(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    with pytest.raises(PermissionDenied):
        services.publish_decisions(w.users.theo, w.cycle, w.taichung)


def test_the_preview_groups_the_messages_per_outcome_and_language(w):
    finish(w)
    services.draft_decisions(w.users.tina, w.cycle, w.taichung)
    groups = {(str(g.decision), g.language): g.count for g in decision_preview(w.cycle, w.taichung)}
    assert sum(groups.values()) == 7
    assert groups[("Selected", "zh-hant")] == 1 and groups[("Selected", "en")] == 1
    assert groups[("Reserve", "zh-hant")] == 1


def test_the_decisions_page_shows_the_preview_then_publishes(
    w, client, mailoutbox, django_capture_on_commit_callbacks
):
    finish(w)
    client.force_login(w.users.tina)
    assert client.post(decisions_url(w), {"action": "draft"}).status_code == 302
    page = client.get(decisions_url(w)).content.decode()
    assert 'id="group-decision-selected-zh-hant"' in page and "恭喜入選" in page
    assert 'id="publish-decisions"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decisions_url(w), {"action": "publish"})
    assert response.status_code == 302 and len(mailoutbox) == 7
    assert 'id="published"' in client.get(decisions_url(w)).content.decode()


def test_the_decisions_page_says_why_publishing_is_refused(w, client):
    finish(w)
    client.force_login(w.users.tina)
    response = client.post(decisions_url(w), {"action": "publish"})
    assert response.status_code == 409
    assert "read them before publishing" in response.content.decode()
    assert client.post(decisions_url(w), {"action": "nonsense"}).status_code == 400


def test_the_partner_cannot_open_the_decisions_page(w, client):
    finish(w)
    client.force_login(w.users.theo)
    assert client.get(decisions_url(w)).status_code in (403, 404)


def test_my_applications_asks_the_same_queries_for_more_applications(
    w, client, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    finish(w)
    publish(w, w.taichung, w.users.tina, django_capture_on_commit_callbacks)
    applicant = w.ranked["taichung"][0].applicant
    client.force_login(applicant)
    client.get(reverse("accounts:home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("accounts:home"))
    submitted(w.call_tl, "Another team", applicant=applicant)
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("accounts:home"))
    assert len(two) == len(one)
