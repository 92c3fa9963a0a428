"""Whether a queued message's news still holds when it is due to go out.

The outbox knows nothing of the stages that queue messages: a stage that queues news which
may change before it is sent (a decision, say) names its slots' prefix here from its
AppConfig.ready(), with a check that says why a message would now be wrong.
"""

from collections.abc import Callable

# A check takes the message and returns why it no longer holds, or None when it still does.
Check = Callable[[object], str | None]

_checks: dict[str, Check] = {}


def register(prefix: str, check: Check) -> None:
    """Check every message whose slot reads `prefix:…` before it is sent."""
    _checks[prefix] = check


def reason_to_cancel(message) -> str | None:
    """Why `message` must not be sent any more, or None when nothing says so."""
    prefix = message.slot.partition(":")[0]
    check = _checks.get(prefix) if message.slot else None
    return check(message) if check else None
