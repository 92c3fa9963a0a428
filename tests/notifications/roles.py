"""Who may see the notifications URLs (see tests/roles.py)."""

from tests.roles import MISSING, OK, POST_ONLY, members_only

ROWS = {
    "notifications:outbox": (lambda c: {}, members_only(tina=OK, theo=OK, olga=OK)),
    "notifications:message": (
        lambda c: {"pk": c.message.pk},
        members_only(tina=OK, theo=MISSING, olga=OK),
    ),
    "notifications:release": (lambda c: {"pk": c.message.pk}, POST_ONLY),
    "notifications:release_all": (lambda c: {}, POST_ONLY),
    "notifications:templates": (lambda c: {}, members_only(tina=OK, theo=OK, olga=OK)),
    "notifications:edit_template": (
        lambda c: {"key": "verify-email"},
        members_only(tina=OK, theo=OK, olga=OK),
    ),
    "notifications:edit_side_template": (
        lambda c: {"key": "verify-email", "side_id": c.taichung.pk},
        members_only(tina=OK, theo=MISSING, olga=OK),
    ),
}
