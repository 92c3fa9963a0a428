"""Who may see the accounts URLs (see tests/roles.py)."""

from tests.roles import (
    ANY_SIGNED_IN,
    LOGIN,
    NOT_ALLOWED,
    OK,
    POST_ONLY,
    PUBLIC,
    REDIRECT,
    ROLES,
    everyone,
)

SENT_TO_ENROL = dict.fromkeys(ROLES[1:], REDIRECT)

ROWS = {
    "accounts:home": (lambda c: {}, ANY_SIGNED_IN),
    "accounts:register": (lambda c: {}, {"anonymous": OK, **dict.fromkeys(ROLES[1:], REDIRECT)}),
    "accounts:login": (lambda c: {}, {"anonymous": OK, **dict.fromkeys(ROLES[1:], REDIRECT)}),
    "accounts:logout": (lambda c: {}, everyone(NOT_ALLOWED)),
    "accounts:verify_pending": (
        lambda c: {},
        {"anonymous": OK, **dict.fromkeys(ROLES[1:], REDIRECT)},
    ),
    "accounts:resend_verification": (lambda c: {}, POST_ONLY),
    "accounts:verify": (lambda c: {"token": "not-a-token"}, everyone(400)),
    "accounts:password_reset": (lambda c: {}, PUBLIC),
    "accounts:password_reset_done": (lambda c: {}, PUBLIC),
    "accounts:password_reset_confirm": (lambda c: {"uidb64": "MQ", "token": "x-y"}, PUBLIC),
    "accounts:password_reset_complete": (lambda c: {}, PUBLIC),
    "accounts:privacy": (lambda c: {}, ANY_SIGNED_IN),
    "accounts:data_export": (lambda c: {}, ANY_SIGNED_IN),
    "accounts:erase": (lambda c: {}, POST_ONLY),
    # Nobody in the world has a second factor yet: giving one sends them to enrol.
    "accounts:two_factor": (lambda c: {}, {"anonymous": LOGIN, **SENT_TO_ENROL}),
    "accounts:two_factor_enrol": (lambda c: {}, ANY_SIGNED_IN),
}
