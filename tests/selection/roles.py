"""Who may see the selection URLs (see tests/roles.py). In the extended world, alice's
application is Taichung's one nominee and bob's is Toulouse's; each side picked the other's,
both picks are final, and alice holds a place; both calls have closed."""

from jumelage.calls.enums import ApplicationState
from jumelage.selection.models import Place
from tests.roles import (
    ALICES,
    MANAGERS_OF_EITHER_SIDE,
    OK,
    POST_ONLY,
    PUBLIC,
    TAICHUNG_MANAGERS,
    cycle_kwargs,
    members_only,
)
from tests.selection.factories import close, finish, submitted


def extend(world):
    world.cycle.nominations_per_side = world.cycle.picks_per_side = 1
    world.cycle.save()
    bobs = submitted(world.call_tl, "Bob's team", "fr", applicant=world.users.bob)
    world.application.refresh_from_db()
    assert world.application.state == ApplicationState.SUBMITTED
    world.ranked = {"taichung": [world.application], "toulouse": [bobs]}
    close(world.call_tc)
    close(world.call_tl)
    finish(world)
    world.place = Place.objects.get(application=world.application)


def taichung(c, **extra):
    return cycle_kwargs(c, side_slug="taichung", **extra)


ROWS = {
    "selection:overview": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "selection:results": (cycle_kwargs, PUBLIC),
    "selection:nominate": (taichung, TAICHUNG_MANAGERS),
    "selection:decide_pick": (taichung, POST_ONLY),
    "selection:decisions": (taichung, TAICHUNG_MANAGERS),
    "selection:pick": (taichung, members_only(theo=OK, olga=OK)),
    "selection:application": (
        lambda c: taichung(c, pk=c.application.pk),
        members_only(tina=OK, theo=OK, olga=OK),
    ),
    "selection:attachment": (
        lambda c: taichung(c, pk=c.application.pk, key="pitch_deck"),
        members_only(tina=OK, theo=OK, olga=OK),
    ),
    "selection:place": (lambda c: {"pk": c.place.pk}, ALICES),
}
