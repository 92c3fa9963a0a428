"""Who may see the trip report URLs (see tests/roles.py): both cities' managers read the
report of Taichung's delegation, Taichung's managers write it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jumelage.reports.models import VisitPhoto
from tests.exchange import roles as exchange_roles
from tests.exchange.factories import TripReportFactory, VisitSectionFactory
from tests.roles import MANAGERS_OF_EITHER_SIDE, POST_ONLY, TAICHUNG_MANAGERS, cycle_kwargs


def png(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def extend(world):
    exchange_roles.extend(world)
    world.report = TripReportFactory(delegation=world.delegation)
    world.section = VisitSectionFactory(report=world.report)
    world.photo = VisitPhoto.objects.create(
        section=world.section, image=SimpleUploadedFile("p.png", png()), caption="Capitole"
    )


def _t(c, **extra):
    return {"slug": c.delegation.slug, **extra}


ROWS = {
    "reports:trip": (_t, MANAGERS_OF_EITHER_SIDE),
    "reports:trip_pdf": (_t, MANAGERS_OF_EITHER_SIDE),
    "reports:trip_edit": (_t, TAICHUNG_MANAGERS),
    "reports:trip_autosave": (_t, POST_ONLY),
    "reports:section_add": (_t, TAICHUNG_MANAGERS),
    "reports:section_edit": (lambda c: _t(c, pk=c.section.pk), TAICHUNG_MANAGERS),
    "reports:photo_add": (lambda c: _t(c, pk=c.section.pk), POST_ONLY),
    "reports:photo": (lambda c: _t(c, pk=c.photo.pk), MANAGERS_OF_EITHER_SIDE),
    "reports:photo_delete": (lambda c: _t(c, pk=c.photo.pk), TAICHUNG_MANAGERS),
    "reports:dashboard": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "reports:dashboard_export": (
        lambda c: cycle_kwargs(c, table="funnel", fmt="csv"),
        MANAGERS_OF_EITHER_SIDE,
    ),
    "reports:outcome": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "reports:outcome_download": (
        lambda c: cycle_kwargs(c, fmt="html"),
        MANAGERS_OF_EITHER_SIDE,
    ),
    "reports:outcome_edit": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "reports:outcome_autosave": (cycle_kwargs, POST_ONLY),
}
