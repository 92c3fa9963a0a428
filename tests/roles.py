"""The vocabulary of the role matrix (tests/test_role_matrix.py): the roles and the answers
each may get. Each app lists its URLs in `tests/<app>/roles.py` as `ROWS`:
{url name: (kwargs from the world, expected GET status per role)}, and may define
`extend(world)` to add the objects its URLs need to the `rich_world` fixture.

alice applied to Taichung's call; bob is another applicant; tina manages Taichung, theo
manages Toulouse; hana is staff of La Cantine (a Toulouse host); rita sits on Taichung's
selection committee when the app under test has committees; olga is an operator.
"""

ROLES = ["anonymous", "alice", "bob", "tina", "theo", "hana", "rita", "olga"]
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
}

P = {"partnership_slug": "taichung-toulouse"}


def cycle_kwargs(c, **extra):
    return {**P, "cycle_slug": c.cycle.slug, **extra}


MANAGERS_OF_EITHER_SIDE = members_only(tina=OK, theo=OK, olga=OK)
LA_CANTINE_EDITORS = members_only(theo=OK, hana=OK, olga=OK)
