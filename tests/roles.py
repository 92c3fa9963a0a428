"""The vocabulary of the role matrix (tests/test_role_matrix.py): the roles and the answers
each may get. Each app lists its URLs in `tests/<app>/roles.py` as `ROWS`:
{url name: (kwargs from the world, expected GET status per role)}, and may define
`extend(world)` to add the objects its URLs need to the `rich_world` fixture.

The roles, one signed-in person each (anonymous is nobody signed in):

- alice, the applicant: she applied to Taichung's call; in the exchange rows she is also
  the traveller (she travels with Taichung's delegation), in the matchmaking rows one of
  the participants (her team);
- bob, another applicant, with nothing of his own in Taichung's call; in the matchmaking
  rows he is the participant of another kind (an investor's fund);
- tina, the manager of Taichung; theo, the manager of Toulouse;
- hana, host staff: she works at La Cantine, a Toulouse host;
- rita, a reviewer on Taichung's selection committee, alice's application assigned to her;
- carla, the chair of Taichung's committee, alice's application assigned to her too;
- blake, a blind reviewer: he sits on Toulouse's committee, which reviews blind, and on
  no committee of Taichung;
- olga, an operator (staff and superuser).

rita comes with the `world` fixture, carla and blake with `rich_world` (the base world
keeps its users); all three are plain users there, the review app's `extend(world)` gives
them their seats, so in the other apps' rows they are signed-in strangers.
"""

ROLES = ["anonymous", "alice", "bob", "tina", "theo", "hana", "rita", "olga", "carla", "blake"]
OK, LOGIN, DENIED, MISSING, NOT_ALLOWED, REDIRECT = 200, "login", 403, 404, 405, 302


def everyone(status):
    return dict.fromkeys(ROLES, status)


def members_only(**overrides):
    """Signed-in people get 403 unless overridden; anonymous visitors are sent to log in."""
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], DENIED), **overrides}


PUBLIC = everyone(OK)
TAICHUNG_MANAGERS = members_only(tina=OK, olga=OK)
PARTNERSHIP_MEMBERS = members_only(tina=OK, theo=OK, hana=OK, olga=OK)
ANY_SIGNED_IN = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], OK)}
POST_ONLY = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], NOT_ALLOWED)}
ALICES = {
    **members_only(alice=OK),
    "bob": MISSING,
    "tina": MISSING,
    "theo": MISSING,
    "hana": MISSING,
    "rita": MISSING,
    "olga": MISSING,
    "carla": MISSING,
    "blake": MISSING,
}

P = {"partnership_slug": "taichung-toulouse"}


def cycle_kwargs(c, **extra):
    return {**P, "cycle_slug": c.cycle.slug, **extra}


MANAGERS_OF_EITHER_SIDE = members_only(tina=OK, theo=OK, olga=OK)
LA_CANTINE_EDITORS = members_only(theo=OK, hana=OK, olga=OK)
