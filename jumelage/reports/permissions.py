"""Who may read and write a trip report. The sending city files it; both cities read it."""

from jumelage.exchange import permissions as exchange


def can_read(user, delegation) -> bool:
    return exchange.can_plan(user, delegation)


def can_write(user, delegation) -> bool:
    return exchange.can_run(user, delegation)
