from celery import shared_task

from jumelage.accounts.models import User
from jumelage.review import progress, services
from jumelage.review.models import Committee


@shared_task(ignore_result=True)
def run_assignment(committee_id: int, actor_id: int, fairness: bool) -> None:
    """The automatic assignment, its progress written where the page reads it."""
    committee = Committee.objects.select_related("side", "cycle__partnership").get(pk=committee_id)
    actor = User.objects.get(pk=actor_id)

    def report(fraction, message):
        progress.report(committee_id, fraction, message)

    result = services.auto_assign(actor, committee, progress=report, fairness=fairness)
    progress.finish(committee_id, result)
