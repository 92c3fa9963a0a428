import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from jumelage.notifications.forms import SAMPLE_CONTEXT
from jumelage.notifications.models import MessageTemplate, OutboxMessage, OutboxState

OUTBOX = reverse("notifications:outbox")
TEMPLATES = reverse("notifications:templates")


def edit_url(key="application-submitted"):
    return reverse("notifications:edit_template", kwargs={"key": key})


def message_to(side, email, *, key="application-submitted", state=OutboxState.QUEUED, **extra):
    return OutboxMessage.objects.create(
        template_key=key,
        side=side,
        recipient_email=email,
        language="en",
        subject=f"About {email}",
        body="Hello,\n\nYour application is received.",
        state=state,
        **extra,
    )


def template_data(template, **changes):
    columns = [
        f"{field}_{code}" for field in ("subject", "body") for code in ("zh_hant", "fr", "en")
    ]
    data = {name: getattr(template, name) or "" for name in columns}
    data.update(changes)
    return data


def subjects(response):
    return [message.subject for message in response.context["page"]]


@pytest.fixture
def mail(world):
    return {
        "tc_sent": message_to(world.taichung, "ada@tc.example", state=OutboxState.SENT),
        "tc_failed": message_to(
            world.taichung, "bo@tc.example", state=OutboxState.FAILED, error="SMTP said no"
        ),
        "tc_verify": message_to(world.taichung, "cy@tc.example", key="verify-email"),
        "tl_queued": message_to(world.toulouse, "dan@tl.example"),
    }


def test_managers_see_their_side_only(client, world, mail):
    client.force_login(world.users.theo)
    assert subjects(client.get(OUTBOX)) == ["About dan@tl.example"]
    client.force_login(world.users.tina)
    assert set(subjects(client.get(OUTBOX))) == {
        "About ada@tc.example",
        "About bo@tc.example",
        "About cy@tc.example",
    }


def test_operators_see_every_message(client, world, mail):
    client.force_login(world.users.olga)
    assert len(subjects(client.get(OUTBOX))) == 4


def test_newest_first(client, world, mail):
    client.force_login(world.users.tina)
    OutboxMessage.objects.filter(pk=mail["tc_sent"].pk).update(created=timezone.now())
    assert subjects(client.get(OUTBOX))[0] == "About ada@tc.example"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "failed"}, {"About bo@tc.example"}),
        ({"template": "verify-email"}, {"About cy@tc.example"}),
        ({"q": "ADA@"}, {"About ada@tc.example"}),
        ({"state": "sent", "q": "bo@"}, set()),
        (
            {"state": "nonsense"},
            {"About ada@tc.example", "About bo@tc.example", "About cy@tc.example"},
        ),
    ],
)
def test_outbox_filters(client, world, mail, query, expected):
    client.force_login(world.users.tina)
    assert set(subjects(client.get(OUTBOX, query))) == expected


def test_search_finds_recipients_by_name(client, world, mail):
    message_to(world.taichung, "alice@example.org", recipient=world.users.alice)
    client.force_login(world.users.tina)
    assert subjects(client.get(OUTBOX, {"q": "Alice Appl"})) == ["About alice@example.org"]


def test_outbox_pages_by_fifty(client, world):
    for n in range(55):
        message_to(world.taichung, f"team{n}@tc.example")
    client.force_login(world.users.tina)
    assert len(subjects(client.get(OUTBOX))) == 50
    second = client.get(OUTBOX, {"page": 2})
    assert len(subjects(second)) == 5


@pytest.mark.parametrize("count", [3, 60])
def test_outbox_queries_do_not_grow_with_messages(
    client, world, django_assert_max_num_queries, count
):
    for n in range(count):
        message_to(world.taichung, f"team{n}@tc.example", recipient=world.users.alice)
    client.force_login(world.users.tina)
    with django_assert_max_num_queries(8):
        assert client.get(OUTBOX).status_code == 200


def test_message_shows_body_state_error_and_attempts(client, world, mail):
    OutboxMessage.objects.filter(pk=mail["tc_failed"].pk).update(attempts=3)
    client.force_login(world.users.tina)
    page = client.get(reverse("notifications:message", kwargs={"pk": mail["tc_failed"].pk}))
    content = page.content.decode()
    assert "Hello,\n\nYour application is received." in content
    assert "SMTP said no" in content
    assert re.search(r"<dt>Attempts</dt><dd>3</dd>", content)
    assert 'class="badge failed"' in content


def test_message_of_another_side_is_not_found(client, world, mail):
    client.force_login(world.users.theo)
    response = client.get(reverse("notifications:message", kwargs={"pk": mail["tc_sent"].pk}))
    assert response.status_code == 404


PAGES = [
    OUTBOX,
    TEMPLATES,
    edit_url(),
    reverse("notifications:message", kwargs={"pk": 1}),
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("user", ["alice", "hana"])
def test_people_who_manage_no_side_are_forbidden(client, world, page, user):
    message_to(world.taichung, "ada@tc.example")
    client.force_login(getattr(world.users, user))
    assert client.get(page).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, world, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_templates_list_every_template_in_the_page_language(client, world):
    client.force_login(world.users.theo)
    content = client.get("/fr/outbox/templates/").content.decode()
    for template in MessageTemplate.objects.all():
        assert template.key in content
    assert "Candidature reçue" in content


@pytest.mark.parametrize("language", ["fr", "zh-hant"])
def test_every_template_is_described_in_the_managers_language(db, language):
    with translation.override(language):
        untranslated = [
            t.key for t in MessageTemplate.objects.all() if gettext(t.description) == t.description
        ]
    assert untranslated == []


def test_edit_shows_a_preview_with_sample_values(client, world):
    client.force_login(world.users.theo)
    content = client.get(edit_url()).content.decode()
    assert f"Application received: {SAMPLE_CONTEXT['call']}" in content
    assert f"已收到您的申請：{SAMPLE_CONTEXT['call']}" in content
    assert SAMPLE_CONTEXT["reference"] in content


def test_managers_edit_a_template(client, world):
    template = MessageTemplate.objects.get(key="application-submitted")
    client.force_login(world.users.tina)
    data = template_data(template, subject_fr="Bien reçu : {{ call }}", action="save")
    response = client.post(edit_url(), data)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject_fr == "Bien reçu : {{ call }}"


def test_preview_shows_changes_without_saving(client, world):
    template = MessageTemplate.objects.get(key="application-submitted")
    client.force_login(world.users.tina)
    data = template_data(template, subject_en="Got it, {{ team }}", action="preview")
    response = client.post(edit_url(), data)
    assert response.status_code == 200
    assert f"Got it, {SAMPLE_CONTEXT['team']}" in response.content.decode()
    template.refresh_from_db()
    assert template.subject_en == "Application received: {{ call }}"


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("body_fr", "Bonjour {{ name"),
        ("subject_fr", "Reçu {% if call"),
        ("subject_en", "Received {{ call|nosuchfilter }}"),
        ("body_en", "{% if team %}unclosed"),
        ("body_zh_hant", "{% load static %}{% static 'x' %}"),
        ("body_en", "{% debug %}"),
        ("body_en", "{% include 'base.html' %}"),
    ],
)
def test_broken_or_unsafe_templates_are_form_errors(client, world, field, text):
    template = MessageTemplate.objects.get(key="application-submitted")
    before = getattr(template, field)
    client.force_login(world.users.tina)
    response = client.post(edit_url(), template_data(template, **{field: text}, action="save"))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    template.refresh_from_db()
    assert getattr(template, field) == before


def test_english_is_required_as_the_fallback(client, world):
    template = MessageTemplate.objects.get(key="application-submitted")
    client.force_login(world.users.tina)
    response = client.post(edit_url(), template_data(template, subject_en="", action="save"))
    assert "subject_en" in response.context["form"].errors


def test_an_empty_translation_falls_back_to_english(client, world):
    template = MessageTemplate.objects.get(key="application-submitted")
    client.force_login(world.users.tina)
    client.post(edit_url(), template_data(template, subject_fr="", action="save"))
    template.refresh_from_db()
    assert not template.subject_fr
    response = client.get(edit_url())
    previews = {language: subject for language, subject, _body in response.context["previews"]}
    assert previews["Français"] == f"Application received: {SAMPLE_CONTEXT['call']}"


def test_unknown_template_is_not_found(client, world):
    client.force_login(world.users.tina)
    assert client.get(edit_url("no-such-message")).status_code == 404


def test_admin_lists_messages_read_only(client, world, mail):
    client.force_login(world.users.olga)
    changelist = client.get("/en/admin/notifications/outboxmessage/")
    assert changelist.status_code == 200
    assert "dan@tl.example" in changelist.content.decode()
    detail = client.get(f"/en/admin/notifications/outboxmessage/{mail['tl_queued'].pk}/change/")
    assert detail.status_code == 200
    assert 'name="subject"' not in detail.content.decode()
    assert client.get("/en/admin/notifications/outboxmessage/add/").status_code == 403


def test_admin_edits_templates_in_every_language(client, world):
    client.force_login(world.users.olga)
    template = MessageTemplate.objects.get(key="verify-email")
    page = client.get(f"/en/admin/notifications/messagetemplate/{template.pk}/change/")
    assert page.status_code == 200
    assert 'name="subject_zh_hant"' in page.content.decode()
