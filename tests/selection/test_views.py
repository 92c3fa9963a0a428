import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from jumelage.calls.enums import QuestionKind
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.selection import services
from jumelage.selection.enums import NominationState, PickState, PlaceState
from jumelage.selection.models import Nomination, Place
from tests.factories import MINIMAL_PDF, QuestionFactory
from tests.selection.factories import choices, finish, nominate, pick, reviewed

pytestmark = pytest.mark.django_db


def url(w, name, side="taichung", **extra):
    kwargs = {"partnership_slug": w.partnership.slug, "cycle_slug": w.cycle.slug, **extra}
    if side:
        kwargs["side_slug"] = side
    return reverse(f"selection:{name}", kwargs=kwargs)


def nomination_data(applications, n, waiting=0, **extra):
    data = {"share_summary": "on", "share_justification": "on", "action": "save", **extra}
    for i, application in enumerate(applications[: n + waiting]):
        data[f"kind_{application.pk}"] = "nominated" if i < n else "waiting"
        data[f"justification_{application.pk}"] = f"Strong team {i}"
        data[f"partner_summary_{application.pk}"] = f"Summary of team {i}"
    return data


# The nominating side


def test_the_nominating_page_lists_the_ranking(client, w, django_assert_max_num_queries):
    client.force_login(w.users.tina)
    with django_assert_max_num_queries(20):
        response = client.get(url(w, "nominate"))
    rows = [c.application for c, *_ in response.context["form"].rows()]
    assert rows == w.ranked["taichung"]
    assert response.context["has_committee"]
    assert b'id="privacy-note"' in response.content


def test_the_nominating_page_shows_each_candidate_s_rank_and_score(client, w):
    client.force_login(w.users.tina)
    response = client.get(url(w, "nominate"))
    best = response.context["form"].rows()[0][0]
    assert best.application == w.ranked["taichung"][0] and best.percent is not None
    row = response.content.decode().split(f'id="candidate-{best.application.pk}"')[1]
    cells = [cell.split("<")[0] for cell in row.split("</tr>")[0].split("<td>")[1:]]
    assert cells[0] == "1" and cells[3] == str(best.percent)


def test_the_nominating_page_says_why_it_waits_for_the_call_to_close(client, w):
    w.call_tc.closes_at = timezone.now() + dt.timedelta(days=3)
    w.call_tc.save(update_fields=["closes_at"])
    client.force_login(w.users.tina)
    page = client.get(url(w, "nominate"))
    assert page.status_code == 200
    assert 'id="not-open"' in page.content.decode()
    assert "<form" not in page.content.decode().split('id="not-open"')[1]
    response = client.post(url(w, "nominate"), nomination_data(w.ranked["taichung"], 5))
    assert response.status_code == 409
    assert "Your call is still open" in response.content.decode()
    assert not Nomination.objects.filter(side=w.taichung).exists()


def test_saving_and_sending_a_nomination(client, w):
    client.force_login(w.users.tina)
    ranked = w.ranked["taichung"]
    response = client.post(url(w, "nominate"), nomination_data(ranked, 5, 1))
    assert response.status_code == 302
    assert Nomination.objects.get(side=w.taichung).state == NominationState.DRAFT
    response = client.post(url(w, "nominate"), nomination_data(ranked, 5, 1, action="send"))
    assert response.status_code == 302
    nomination = Nomination.objects.get(side=w.taichung)
    assert nomination.state == NominationState.SENT and nomination.entries.count() == 6
    page = client.get(url(w, "nominate"))
    assert page.templates[0].name == "selection/nomination_sent.html"


def test_sending_the_wrong_number_is_refused_with_a_message(client, w):
    client.force_login(w.users.tina)
    response = client.post(
        url(w, "nominate"), nomination_data(w.ranked["taichung"], 4, action="send")
    )
    assert response.status_code == 400
    assert "Nominate exactly 5 applicants; you chose 4." in response.content.decode()
    assert not Nomination.objects.filter(state=NominationState.SENT).exists()


def test_a_nominee_without_justification_is_refused(client, w):
    client.force_login(w.users.tina)
    data = nomination_data(w.ranked["taichung"], 2)
    data[f"justification_{w.ranked['taichung'][0].pk}"] = ""
    response = client.post(url(w, "nominate"), data)
    assert response.status_code == 400
    assert "Say why this applicant is on the list." in response.content.decode()


def test_a_sent_nomination_does_not_change(client, w):
    nominate(w, w.taichung, w.users.tina)
    client.force_login(w.users.tina)
    response = client.post(url(w, "nominate"), nomination_data(w.ranked["taichung"][2:], 5))
    assert response.status_code == 302
    nominated = Nomination.objects.get(side=w.taichung).entries.values_list(
        "application", flat=True
    )
    assert set(nominated) == {a.pk for a in w.ranked["taichung"][:5]}


# The partner side


def test_the_partner_sees_nothing_before_the_nomination_is_sent(client, w):
    services.save_nomination(w.users.tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5))
    client.force_login(w.users.theo)
    response = client.get(url(w, "pick"))
    assert response.status_code == 200 and b'id="not-sent"' in response.content
    assert b"Taichung team" not in response.content
    first = w.ranked["taichung"][0].pk
    assert client.get(url(w, "application", pk=first)).status_code == 404


def test_the_partner_sees_only_the_nominated(client, w, django_assert_max_num_queries):
    tina = w.users.tina
    services.save_nomination(tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5, 1))
    services.send_nomination(tina, w.cycle, w.taichung)
    client.force_login(w.users.theo)
    with django_assert_max_num_queries(20):
        response = client.get(url(w, "pick"))
    content = response.content.decode()
    shown = [row[0].application for row in response.context["form"].rows()]
    assert shown == w.ranked["taichung"][:5]
    for hidden in w.ranked["taichung"][5:]:
        assert hidden.team_name not in content
        assert client.get(url(w, "application", pk=hidden.pk)).status_code == 404
    detail = client.get(url(w, "application", pk=w.ranked["taichung"][0].pk))
    assert (
        detail.status_code == 200
        and w.ranked["taichung"][0].contact_email in detail.content.decode()
    )


def test_what_is_not_shared_is_not_shown(client, w):
    data = choices(w.ranked["taichung"], 5)
    services.save_nomination(w.users.tina, w.cycle, w.taichung, data, share_justification=False)
    services.send_nomination(w.users.tina, w.cycle, w.taichung)
    client.force_login(w.users.theo)
    assert "Why Taichung team 1" not in client.get(url(w, "pick")).content.decode()


def pick_data(nomination, selected, reserve=(), action="save"):
    entries = list(nomination.entries.order_by("order"))
    data = {"action": action}
    for i in selected:
        data[f"choice_{entries[i].pk}"] = "selected"
        data[f"reason_{entries[i].pk}"] = "Fits our incubators"
    for order, i in enumerate(reserve, 1):
        data[f"choice_{entries[i].pk}"] = "reserve"
        data[f"order_{entries[i].pk}"] = str(order)
    return data


def test_picking_and_proposing(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    client.force_login(w.users.theo)
    response = client.post(url(w, "pick"), pick_data(nomination, [0], action="propose"))
    assert response.status_code == 400
    assert "Select exactly 2 teams; you chose 1." in response.content.decode()
    response = client.post(url(w, "pick"), pick_data(nomination, [0, 3], [1], action="propose"))
    assert response.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).pick.state == PickState.PROPOSED
    assert client.get(url(w, "pick")).context["form"] is None


def test_garbage_in_a_pick_is_a_400(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    entry = nomination.entries.first()
    client.force_login(w.users.theo)
    data = {f"choice_{entry.pk}": "maybe", f"order_{entry.pk}": "-3", "action": "save"}
    assert client.post(url(w, "pick"), data).status_code == 400


def test_the_nominating_side_confirms_or_sends_back(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    client.force_login(w.users.tina)
    response = client.post(url(w, "decide_pick"), {"action": "return", "reason": ""})
    assert response.status_code == 400
    assert client.post(url(w, "decide_pick"), {"action": "confirm"}).status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).pick.state == PickState.CONFIRMED


def test_the_overview_shows_both_directions(client, w, django_assert_max_num_queries):
    finish(w)
    client.force_login(w.users.theo)
    with django_assert_max_num_queries(20):
        response = client.get(url(w, "overview", side=None))
    assert [row[0].pick.is_final for row in response.context["rows"]] == [True, True]
    assert response.context["final"]


# Announcing


def test_decisions_wait_for_both_picks(client, w):
    nominate(w, w.taichung, w.users.tina)
    client.force_login(w.users.tina)
    response = client.post(url(w, "decisions"), {"action": "draft"})
    assert response.status_code == 409
    said = [str(message) for message in response.context["messages"]]
    assert said == ["Decisions are announced once both sides' picks are final."]
    assert 'id="not-open"' in client.get(url(w, "decisions")).content.decode()
    assert client.get(url(w, "results", side=None)).status_code == 404


def test_drafting_the_decisions_leads_to_their_preview(client, w):
    finish(w)
    client.force_login(w.users.tina)
    response = client.post(url(w, "decisions"), {"action": "draft"})
    assert response["Location"] == url(w, "decisions")
    client.post(url(w, "decisions"), {"action": "draft"})
    drafts = OutboxMessage.objects.filter(side=w.taichung, state=OutboxState.DRAFT)
    assert drafts.count() == 7
    assert drafts.values("recipient").distinct().count() == 7


@pytest.mark.parametrize(
    ("language", "heading"),
    [("zh-hant", "交流計畫"), ("fr", "équipes"), ("en", "selected teams")],
)
def test_the_results_page_lists_the_four_teams(client, w, language, heading):
    finish(w)
    with translation.override(language):
        response = client.get(url(w, "results", side=None))
    content = response.content.decode()
    teams = [*w.ranked["taichung"][:2], *w.ranked["toulouse"][:2]]
    assert all(team.team_name in content for team in teams)
    assert w.ranked["taichung"][2].team_name not in content
    assert content.count('class="selected-team"') == 4


def test_the_results_page_shows_each_team_s_pitch(client, w):
    for call in (w.call_tc, w.call_tl):
        QuestionFactory(call=call, key="tagline", kind=QuestionKind.SHORT_TEXT)
    best = w.ranked["toulouse"][0]
    best.answers = {**best.answers, "tagline": "Drones that inspect wind turbines."}
    best.save(update_fields=["answers"])
    finish(w)
    content = client.get(url(w, "results", side=None)).content.decode()
    team = content.split(best.team_name)[1].split("</li>")[0]
    assert "Drones that inspect wind turbines." in team


# The selected team


def test_the_team_confirms_its_place(client, w):
    finish(w)
    place = Place.objects.get(application=w.ranked["taichung"][0])
    client.force_login(w.ranked["taichung"][0].applicant)
    assert (
        client.post(reverse("selection:place", args=[place.pk]), {"action": "x"}).status_code == 400
    )
    client.post(reverse("selection:place", args=[place.pk]), {"action": "confirm"})
    place.refresh_from_db()
    assert place.state == PlaceState.CONFIRMED


def test_after_declining_the_place_page_says_so_and_names_the_reserve_offered_it(client, w):
    finish(w)
    first, reserve = w.ranked["taichung"][0], w.ranked["taichung"][2]
    place = Place.objects.get(application=first)
    client.force_login(first.applicant)
    client.post(reverse("selection:place", args=[place.pk]), {"action": "decline"})
    page = client.get(reverse("selection:place", args=[place.pk])).content.decode()
    assert f"{first.team_name} declined its place" in page
    assert "has selected" not in page and 'id="decline-place"' not in page
    heir = page.split('id="place-heir">')[1].split("</p>")[0]
    assert reserve.team_name in heir and "Toulouse" in heir


def test_another_applicant_cannot_see_a_place(client, w):
    finish(w)
    place = Place.objects.get(application=w.ranked["taichung"][0])
    client.force_login(w.ranked["taichung"][1].applicant)
    assert client.get(reverse("selection:place", args=[place.pk])).status_code == 404


def test_posting_to_a_proposed_pick_says_it_is_locked(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    client.force_login(w.users.theo)
    response = client.post(url(w, "pick"), pick_data(nomination, [3, 4]), follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert said == ["This pick is proposed or final: it can no longer change."]
    selected = Nomination.objects.get(pk=nomination.pk).pick.entries.filter(choice="selected")
    assert {line.entry.order for line in selected} == {1, 2}


def test_sending_twice_from_the_page_sends_once(client, w):
    client.force_login(w.users.tina)
    data = nomination_data(w.ranked["taichung"], 5, action="send")
    assert client.post(url(w, "nominate"), data).status_code == 302
    assert client.post(url(w, "nominate"), data).status_code == 302
    assert OutboxMessage.objects.filter(template_key="nomination-received").count() == 1


@pytest.mark.parametrize("count", [3, 12])
def test_list_pages_cost_the_same_whatever_the_number_of_applicants(
    client, world, count, django_assert_max_num_queries
):
    w = reviewed(world, per_side=count)
    w.cycle.nominations_per_side = 3
    w.cycle.save()
    finish(w)
    client.force_login(w.users.olga)
    for name, side in (("overview", None), ("nominate", "taichung"), ("pick", "toulouse")):
        with django_assert_max_num_queries(16):
            assert client.get(url(w, name, side=side)).status_code == 200


def test_the_partner_downloads_a_nominees_file_but_no_one_elses(client, w):
    tina = w.users.tina
    services.save_nomination(tina, w.cycle, w.taichung, choices(w.ranked["taichung"], 5, 1))
    services.send_nomination(tina, w.cycle, w.taichung)
    for application in (w.ranked["taichung"][0], w.ranked["taichung"][5]):
        application.attachments.create(
            question_key="pitch_deck",
            file=SimpleUploadedFile("deck.pdf", MINIMAL_PDF),
            original_name=f"{application.team_name}.pdf",
            content_type="application/pdf",
            size=len(MINIMAL_PDF),
            sha256="0" * 64,
        )
    client.force_login(w.users.theo)
    nominee, waiting = w.ranked["taichung"][0].pk, w.ranked["taichung"][5].pk
    page = client.get(url(w, "application", pk=nominee)).content.decode()
    assert "Taichung team 1.pdf" in page
    response = client.get(url(w, "attachment", pk=nominee, key="pitch_deck"))
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert client.get(url(w, "attachment", pk=waiting, key="pitch_deck")).status_code == 404
    assert client.get(url(w, "attachment", pk=nominee, key="other")).status_code == 404


def test_a_pick_sent_back_shows_why_on_both_sides(client, w):
    nomination = nominate(w, w.taichung, w.users.tina)
    pick(w, nomination, w.users.theo)
    client.force_login(w.users.tina)
    data = {"action": "return", "reason": "We hoped for a team in AI."}
    assert client.post(url(w, "decide_pick"), data).status_code == 302
    assert "We hoped for a team in AI." in client.get(url(w, "nominate")).content.decode()
    client.force_login(w.users.theo)
    page = client.get(url(w, "pick"))
    assert page.context["form"] is not None
    assert "We hoped for a team in AI." in page.content.decode()
