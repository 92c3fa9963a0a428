"""Who may see the follow-up URLs (see tests/roles.py). alice's team is hosted by La Cantine:
both cities' managers and hana, La Cantine's staff, follow it; alice herself does not."""

from tests.followup.factories import hosted
from tests.roles import OK, POST_ONLY, members_only

FOLLOWERS = members_only(tina=OK, theo=OK, hana=OK, olga=OK)


def extend(world):
    hosted(world.application, world.offer)


def _team(c):
    return {"pk": c.application.pk}


ROWS = {
    "followup:team": (_team, FOLLOWERS),
    "followup:milestone_validate": (_team, POST_ONLY),
    "followup:outcome_save": (_team, POST_ONLY),
}
