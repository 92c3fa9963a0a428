"""Who may see the core URLs (see tests/roles.py)."""

from tests.roles import PUBLIC

ROWS = {
    "core:home": (lambda c: {}, PUBLIC),
}
