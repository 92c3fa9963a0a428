from celery import shared_task

from jumelage.matchmaking import scheduling


@shared_task(ignore_result=True)
def run_schedule(run_id: int) -> None:
    """Solve a session's schedule, the progress written on the run's row."""
    try:
        scheduling.run(run_id)
    except ValueError:
        # The run's row already carries the solver's refusal for the organiser to read.
        return
