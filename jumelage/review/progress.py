"""How far a committee's automatic assignment has gone, kept in the cache so that the page
can show it while a worker runs the solver."""

from django.core.cache import cache

TIMEOUT = 3600


def _key(committee_id: int) -> str:
    return f"review:assignment-progress:{committee_id}"


def begin(committee_id: int) -> None:
    cache.set(_key(committee_id), {"fraction": 0.0, "message": "", "result": None}, TIMEOUT)


def report(committee_id: int, fraction: float, message: str) -> None:
    cache.set(
        _key(committee_id), {"fraction": fraction, "message": message, "result": None}, TIMEOUT
    )


def finish(committee_id: int, result) -> None:
    outcome = {
        "added": result.added,
        "removed": result.removed,
        "short": len(result.short),
        "optimal": result.optimal,
    }
    cache.set(_key(committee_id), {"fraction": 1.0, "message": "", "result": outcome}, TIMEOUT)


def read(committee_id: int) -> dict | None:
    return cache.get(_key(committee_id))


def clear(committee_id: int) -> None:
    cache.delete(_key(committee_id))
