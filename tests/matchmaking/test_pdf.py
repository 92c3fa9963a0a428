import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jumelage.matchmaking import services

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "title"), [("zh-hant", "Orchid"), ("fr", "Agenda de Orchid"), ("en", "Agenda of")]
)
def test_the_agenda_pdf_lists_the_meetings_in_the_readers_language(client, mm, language, title):
    services.add_meeting(
        mm.users.theo, mm.session, [mm.team, mm.investor], slot=mm.slots[1], place=mm.tables[1]
    )
    client.force_login(mm.users.alice)
    answer = client.get(
        f"/{language}" + reverse("matchmaking:agenda_pdf", args=[mm.session.pk])[3:]
    )
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    text = _text(answer.content)
    assert title in text
    assert "Midi Capital" in text and "T2, La Cantine" in text
    assert "Orchid" not in text.replace("Orchid", "", 1)


def test_a_participant_without_meetings_gets_an_empty_agenda(client, mm):
    client.force_login(mm.users.bob)
    answer = client.get(reverse("matchmaking:agenda_pdf", args=[mm.session.pk]))
    assert "Midi Capital" in _text(answer.content)


def test_an_organiser_who_takes_no_part_has_no_agenda(client, mm):
    client.force_login(mm.users.theo)
    answer = client.get(reverse("matchmaking:agenda_pdf", args=[mm.session.pk]))
    assert answer.status_code == 403
