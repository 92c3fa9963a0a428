from celery import shared_task
from django.conf import settings

from jumelage.accounts.models import User
from jumelage.review import progress, services
from jumelage.review.models import Committee


@shared_task(ignore_result=True)
def run_assignment(committee_id: int, actor_id: int, fairness: bool) -> None:
    """The automatic assignment, its progress and heartbeat written where the page reads
    them. A worker killed meanwhile leaves a run whose beat stops: the page says so and
    offers to start again. Inline (no broker), the request itself waits for the outcome."""
    committee = Committee.objects.select_related("side", "cycle__partnership").get(pk=committee_id)
    actor = User.objects.get(pk=actor_id)
    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            result = services.auto_assign(actor, committee, fairness=fairness)
        else:
            with progress.Heartbeat(committee_id) as beat:
                result = services.auto_assign(
                    actor, committee, progress=beat.report, fairness=fairness
                )
    except BaseException:
        progress.stop(committee_id)
        raise
    progress.finish(committee_id, result)
