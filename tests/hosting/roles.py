"""Who may see the hosting URLs (see tests/roles.py)."""

from tests.roles import (
    LA_CANTINE_EDITORS,
    MANAGERS_OF_EITHER_SIDE,
    PARTNERSHIP_MEMBERS,
    PUBLIC,
    P,
    cycle_kwargs,
)

ROWS = {
    "hosting:organisations": (lambda c: P, PUBLIC),
    "hosting:schemes": (lambda c: P, PUBLIC),
    "hosting:organisation": (lambda c: {**P, "pk": c.host.pk}, PUBLIC),
    "hosting:organisation_add": (lambda c: P, MANAGERS_OF_EITHER_SIDE),
    "hosting:organisation_edit": (lambda c: {**P, "pk": c.host.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_add": (lambda c: {**P, "pk": c.host.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_edit": (lambda c: {**P, "pk": c.offer.pk}, LA_CANTINE_EDITORS),
    "hosting:offer_delete": (lambda c: {**P, "pk": c.offer.pk}, LA_CANTINE_EDITORS),
    "hosting:offers": (cycle_kwargs, PARTNERSHIP_MEMBERS),
}
