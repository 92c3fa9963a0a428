"""Writing a trip report (the prose, the visit sections and their photos) and the texts of
a cycle's outcome report."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from jumelage.reports.models import OutcomeReport, TripReport, VisitPhoto, VisitSection
from jumelage.reports.permissions import can_write, can_write_outcome_text


def _require_writer(actor, delegation):
    if not can_write(actor, delegation):
        raise PermissionDenied(_("Only the managers of the visiting city write its report."))


@transaction.atomic
def save_report(actor, report: TripReport) -> TripReport:
    """Save (or autosave) the report; the last writer is remembered."""
    _require_writer(actor, report.delegation)
    report.updated_by = actor
    report.save()
    return report


@transaction.atomic
def save_section(actor, section: VisitSection) -> VisitSection:
    _require_writer(actor, section.report.delegation)
    if not section.pk and not section.order:
        section.order = section.report.sections.count() + 1
    section.save()
    return section


@transaction.atomic
def add_photo(actor, photo: VisitPhoto) -> VisitPhoto:
    _require_writer(actor, photo.section.report.delegation)
    photo.order = photo.section.photos.count() + 1
    photo.save()
    return photo


@transaction.atomic
def delete_photo(actor, photo: VisitPhoto) -> None:
    _require_writer(actor, photo.section.report.delegation)
    photo.image.delete(save=False)
    photo.delete()


@transaction.atomic
def save_outcome_text(actor, text: OutcomeReport) -> OutcomeReport:
    """Save (or autosave) a city's text, or the joint one; the last writer is remembered."""
    if not can_write_outcome_text(actor, text.cycle, text.side):
        raise PermissionDenied(_("Only the city's managers write its text."))
    text.updated_by = actor
    text.save()
    return text
