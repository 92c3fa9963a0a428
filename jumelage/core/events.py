"""What happened, announced by the stage services to whoever listens (the API's webhooks),
so that no stage imports the apps that react to it.

`announce` sends `happened` once the current transaction commits: a listener never hears of
a change that was rolled back. Its data are ids only; a listener that shows more asks the
permission helpers for it."""

from django.db import transaction
from django.dispatch import Signal

# sender: the event's name; side_ids: the sides the event concerns; data: ids.
happened = Signal()

APPLICATION_SUBMITTED = "application.submitted"
NOMINATION_SENT = "nomination.sent"
PICK_CONFIRMED = "pick.confirmed"
RESULTS_PUBLISHED = "results.published"
MEETING_SCHEDULED = "meeting.scheduled"


def announce(event: str, side_ids, **data) -> None:
    sides = sorted(set(side_ids))
    transaction.on_commit(lambda: happened.send(sender=event, side_ids=sides, data=data))
