"""Who may see the follow-up URLs (see tests/roles.py). alice's team is hosted by La Cantine:
both cities' managers and hana, La Cantine's staff, follow it; alice herself does not. Its
proof of concept has an evidence file, which nobody else learns exists. alice is sent its
outcome survey: she alone answers it."""

import datetime as dt

from django.core.files.base import ContentFile

from jumelage.followup.models import Milestone, Survey, SurveyInvitation
from tests.followup.factories import hosted
from tests.roles import (
    DENIED,
    LOGIN,
    MANAGERS_OF_EITHER_SIDE,
    MISSING,
    OK,
    POST_ONLY,
    cycle_kwargs,
    members_only,
)

FOLLOWERS = members_only(tina=OK, theo=OK, hana=OK, olga=OK)
# The evidence file: whoever does not follow the team is not told it exists (404).
EVIDENCE_READERS = {role: MISSING if seen == DENIED else seen for role, seen in FOLLOWERS.items()}
# Only the person a survey was sent to answers it; anyone else is told so (403).
SURVEY_RECIPIENT = {**members_only(alice=OK), "anonymous": LOGIN, "olga": DENIED}


def extend(world):
    hosted(world.application, world.offer)
    Milestone.objects.create(
        application=world.application,
        stage="concept",
        reached_on=dt.date(2020, 1, 1),
        evidence_file=ContentFile(b"%PDF-1.4 evidence", name="pilot.pdf"),
        evidence_file_name="pilot.pdf",
        evidence_file_type="application/pdf",
    )
    survey = Survey.objects.create(
        cycle=world.cycle,
        moment="after",
        audience="teams",
        title="After the exchange",
        opens_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC),
    )
    world.invitation = SurveyInvitation.objects.create(
        survey=survey,
        application=world.application,
        recipient=world.users.alice,
        language="en",
        sent_at=survey.opens_at,
    )


def _team(c):
    return {"pk": c.application.pk}


def _evidence(c):
    return {"pk": c.application.pk, "stage": "concept"}


ROWS = {
    "followup:team": (_team, FOLLOWERS),
    "followup:milestone_validate": (_team, POST_ONLY),
    "followup:milestone_evidence": (_evidence, EVIDENCE_READERS),
    "followup:journey_record": (_team, POST_ONLY),
    "followup:roadmap_step_add": (_team, POST_ONLY),
    "followup:tool_record": (_team, POST_ONLY),
    "followup:outcome_save": (_team, POST_ONLY),
    "followup:survey_answer": (lambda c: {"pk": c.invitation.pk}, SURVEY_RECIPIENT),
    "followup:survey_list": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "followup:survey_add": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "followup:survey_edit": (
        lambda c: cycle_kwargs(c, pk=c.invitation.survey_id),
        MANAGERS_OF_EITHER_SIDE,
    ),
    "followup:survey_send": (lambda c: cycle_kwargs(c, pk=c.invitation.survey_id), POST_ONLY),
}
