"""Who may see the calls URLs (see tests/roles.py)."""

from tests.roles import ALICES, NOT_ALLOWED, OK, POST_ONLY, PUBLIC, TAICHUNG_MANAGERS, everyone

ROWS = {
    "calls:detail": (lambda c: {"slug": c.call_tc.slug}, PUBLIC),
    "calls:apply": (lambda c: {"slug": c.call_tc.slug}, POST_ONLY),
    "calls:create": (
        lambda c: {"partnership": "taichung-toulouse", "cycle": c.cycle.slug, "side": "taichung"},
        POST_ONLY,
    ),
    "calls:edit": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:manage": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:export": (lambda c: {"slug": c.call_tc.slug, "fmt": "csv"}, TAICHUNG_MANAGERS),
    "calls:manage_application": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.application.pk},
        TAICHUNG_MANAGERS,
    ),
    "calls:application": (lambda c: {"pk": c.application.pk}, ALICES),
    "calls:autosave": (lambda c: {"pk": c.application.pk}, everyone(NOT_ALLOWED)),
    "calls:submit": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:withdraw": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:reopen": (lambda c: {"pk": c.application.pk}, POST_ONLY),
    "calls:attachment": (
        lambda c: {"pk": c.application.pk, "key": "pitch_deck"},
        {**ALICES, "tina": OK, "olga": OK},
    ),
    "calls:builder": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_add": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_preview": (lambda c: {"slug": c.call_tc.slug}, TAICHUNG_MANAGERS),
    "calls:builder_reorder": (lambda c: {"slug": c.call_tc.slug}, POST_ONLY),
    "calls:builder_edit": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.question.pk},
        TAICHUNG_MANAGERS,
    ),
    "calls:builder_delete": (
        lambda c: {"slug": c.call_tc.slug, "pk": c.question.pk},
        TAICHUNG_MANAGERS,
    ),
}
