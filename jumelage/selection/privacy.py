"""What the selection does with the applications it did not select: once the results are
long announced, each is anonymised on the cycle's schedule, unless its team agreed to be
kept on file. The scores stay (anonymous) in the committee's ranking and statistics."""

from django.utils.translation import gettext_lazy

from jumelage.accounts.retention import months_before, register_retention
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.calls.privacy import erase_applications
from jumelage.partnerships.enums import StageKind
from jumelage.review.models import Review
from jumelage.selection.enums import PlaceState
from jumelage.selection.models import NominationEntry, PickEntry


def register() -> None:
    register_retention(
        "refused-applications",
        500,
        label=gettext_lazy(
            "Applications not selected, long after the results, whose teams did not agree "
            "to be kept on file"
        ),
        due=refused_applications,
        reference=lambda application: application.reference,
        apply=anonymise_refused,
    )


def refused_applications(today):
    announced_before = months_before(today, "refused")
    return (
        Application.objects.filter(
            state__in=[ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN],
            keep_on_file=False,
            anonymised_at__isnull=True,
            call__cycle__stages__kind=StageKind.ANNOUNCE,
            call__cycle__stages__ends_on__lt=announced_before,
        )
        .exclude(place__state__in=PlaceState.holding())
        .select_related("call")
        .prefetch_related("attachments")
        .distinct()
    )


def anonymise_refused(applications) -> None:
    """What names the team goes: its answers, files and contacts, the reviewers' and the
    managers' words about it. Scores and ranks stay."""
    Review.objects.filter(application__in=applications).update(comment="", comment_for_applicant="")
    NominationEntry.objects.filter(application__in=applications).update(
        justification="", partner_summary=""
    )
    PickEntry.objects.filter(entry__application__in=applications).update(reason="")
    erase_applications(applications)
