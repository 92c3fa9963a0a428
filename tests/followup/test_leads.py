"""The matchmaking meetings that asked for a follow-up become the team's leads on its
follow-up page, with what came of them six months later."""

import pytest
from django.urls import reverse

from jumelage.matchmaking import services
from jumelage.matchmaking.enums import MeetingState
from jumelage.matchmaking.models import Feedback
from tests.matchmaking.factories import session_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def met(world, team):
    """The team met an investor at the session; both left feedback."""
    mm = session_world(world)
    mm.team.application = team
    mm.team.save(update_fields=["application"])
    theo = mm.users.theo
    for slot, interest in ((0, "pilot"), (1, "none")):
        meeting = services.add_meeting(
            theo, mm.session, [mm.team, mm.investor], slot=mm.slots[slot], place=mm.tables[0]
        )
        services.check_in(theo, meeting, MeetingState.HELD)
        meeting.refresh_from_db()
        services.leave_feedback(mm.users.alice, meeting, mm.team, interest=interest, satisfaction=4)
    return mm


def test_a_meeting_that_asked_for_a_follow_up_is_a_lead(client, world, team, met):
    Feedback.objects.filter(interest="pilot").update(outcome="negotiation")
    client.force_login(world.users.tina)
    page = client.get(reverse("followup:team", args=[team.pk])).content.decode()
    leads = page.split('id="leads"')[1].split("</section>")[0]
    assert leads.count("<tr>") == 2  # the header and the one lead
    assert "Midi Capital" in leads and "Orchid" in leads
    assert "a pilot" in leads and "negotiation started" in leads


def test_a_team_without_leads_is_told_so(client, world, team):
    client.force_login(world.users.tina)
    page = client.get(reverse("followup:team", args=[team.pk])).content.decode()
    assert "No matchmaking meeting of this team asked for a follow-up yet." in page
