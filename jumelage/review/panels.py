"""Review's panel of the cycle page: each side's committee, as this person may reach it."""

from jumelage.accounts.pages import MY_SPACE
from jumelage.calls.panels import APPLICATION_FORM_NOTICES, MANAGED_APPLICATION_SECTIONS
from jumelage.calls.services import questions_of
from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.review import blind
from jumelage.review.models import Committee, Member
from jumelage.review.queries import committee_entries


def register() -> None:
    CYCLE_PANELS.add("review", order=400, template="review/_cycle_panel.html", context=_panel)
    MY_SPACE.add("seats", order=200, template="review/_my_space.html", context=_seats)
    MANAGED_APPLICATION_SECTIONS.add(
        "blind-review", order=100, template="review/_blind_findings.html", context=_findings
    )
    APPLICATION_FORM_NOTICES.add(
        "blind-review", order=100, template="review/_blind_notice.html", context=_notice
    )


def _reviewed_blind(call) -> bool:
    return Committee.objects.filter(
        cycle_id=call.cycle_id, side_id=call.side_id, blind=True
    ).exists()


def _findings(actor, application) -> dict | None:
    """For the managers: what the blind committee's reviewers do not get of this application."""
    if not _reviewed_blind(application.call):
        return None
    return blind.findings(application)


def _notice(application) -> dict | None:
    """For the applicant: what blind review asks of their answers and files."""
    if not _reviewed_blind(application.call):
        return None
    return {"identifying": [q for q in questions_of(application.call) if q.identifying]}


def _panel(actor, cycle) -> dict | None:
    committees = committee_entries(actor, cycle)
    return {"committees": committees} if committees else None


def _seats(user) -> dict | None:
    seats = list(
        Member.objects.filter(user=user).select_related(
            "committee__side", "committee__cycle__partnership"
        )
    )
    return {"seats": seats} if seats else None
