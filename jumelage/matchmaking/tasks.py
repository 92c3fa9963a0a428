import datetime as dt

from celery import shared_task

from jumelage.matchmaking import outcomes, scheduling


@shared_task(ignore_result=True)
def run_schedule(run_id: int) -> None:
    """Solve a session's schedule, the progress written on the run's row."""
    try:
        scheduling.run(run_id)
    except ValueError:
        # The run's row already carries the solver's refusal for the organiser to read.
        return


@shared_task(ignore_result=True)
def ask_outcomes(now: str | None = None) -> int:
    """Ask the six-month question of every party whose time has come (run by beat; `now`,
    an ISO moment, moves the clock for tests and catch-up runs)."""
    return outcomes.ask(dt.datetime.fromisoformat(now) if now else None)
