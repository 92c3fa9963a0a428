"""A nominee carries a summary in the partner's working language: written by the
nominating side, required before sending, shown first on the partner's pick page."""

import pytest
from django.urls import reverse

from jumelage.selection import services
from jumelage.selection.enums import EntryKind
from jumelage.selection.models import NominationEntry
from tests.selection.factories import choices, nominate


def page_url(w, name, side="taichung"):
    kwargs = {"partnership_slug": w.partnership.slug, "cycle_slug": w.cycle.slug}
    return reverse(f"selection:{name}", kwargs={**kwargs, "side_slug": side})


def without_summary(w, missing):
    rows = choices(w.ranked["taichung"], w.cycle.nominations_per_side)
    return [
        services.EntryChoice(c.application_id, c.kind, c.justification, "")
        if c.application_id == missing.pk
        else c
        for c in rows
    ]


def test_a_nomination_with_a_nominee_lacking_the_summary_is_not_sent(w):
    missing = w.ranked["taichung"][1]
    services.save_nomination(w.users.tina, w.cycle, w.taichung, without_summary(w, missing))
    with pytest.raises(services.Refused, match=f"summary for Toulouse.*{missing.team_name}"):
        services.send_nomination(w.users.tina, w.cycle, w.taichung)


def test_the_summary_is_saved_with_the_nomination(w):
    nomination = nominate(w, w.taichung, w.users.tina)
    entry = nomination.entries.filter(kind=EntryKind.NOMINATED).first()
    assert entry.partner_summary == f"Summary of {entry.application} for the partner"


def test_the_nominate_page_asks_for_the_summary_in_the_partner_s_language(client, w):
    client.force_login(w.users.tina)
    page = client.get(page_url(w, "nominate")).content.decode()
    assert "Summary for Toulouse (in Français)" in page
    assert f'name="partner_summary_{w.ranked["taichung"][0].pk}"' in page


def test_sending_without_a_summary_shows_why(client, w):
    client.force_login(w.users.tina)
    data = {"share_summary": "on", "share_justification": "on", "action": "send"}
    for i, application in enumerate(w.ranked["taichung"][:5]):
        data[f"kind_{application.pk}"] = "nominated"
        data[f"justification_{application.pk}"] = f"Strong team {i}"
        data[f"partner_summary_{application.pk}"] = "" if i == 2 else f"En bref {i}"
    response = client.post(page_url(w, "nominate"), data)
    assert response.status_code == 400
    assert "Write the summary for the partner" in response.content.decode()
    assert not NominationEntry.objects.filter(nomination__state="sent").exists()


def test_the_pick_page_shows_the_summary_first(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    entry = nomination.entries.filter(kind=EntryKind.NOMINATED).first()
    client.force_login(w.users.theo)
    page = client.get(page_url(w, "pick")).content.decode()
    row = page[page.index(f'id="entry-{entry.application_id}"') :]
    assert f'id="summary-{entry.application_id}"' in row
    assert row.index(entry.partner_summary) < row.index("Why ")  # before the justification
    detail = client.get(
        reverse(
            "selection:application",
            kwargs={
                "partnership_slug": w.partnership.slug,
                "cycle_slug": w.cycle.slug,
                "side_slug": "taichung",
                "pk": entry.application_id,
            },
        )
    ).content.decode()
    assert detail.index('id="partner-summary"') < detail.index("Reference")
