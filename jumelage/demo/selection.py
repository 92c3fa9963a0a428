"""The demo's cross-selection of a cycle whose committees have reviewed everything: each
side nominates its top N, the partner picks M with one team in reserve, the nominating side
confirms, and the decisions are drafted and released. Every step goes through
selection.services, acted by each side's first manager, so the audit history and the outbox
look as they would after real use. Steps already taken are skipped: loading twice changes
nothing."""

from jumelage.notifications.services import release_drafts
from jumelage.selection import services
from jumelage.selection.enums import Action, EntryKind, NominationState, PickChoice, PickState
from jumelage.selection.models import Event, Nomination
from jumelage.selection.queries import candidates

JUSTIFICATION = {
    "en": "Ranked {position} by our committee ({score} / 100).",
    "fr": "Classée {position}e par notre comité ({score} / 100).",
    "zh-hant": "本市評選委員會排名第 {position}（{score} / 100 分）。",
}
# The summary the nominating side writes in the partner's working language.
SUMMARY = {
    "en": "{team}, ranked {position} by the committee of {city} ({score} / 100).",
    "fr": "{team}, classée {position}e par le comité de {city} ({score} / 100).",
    "zh-hant": "{team}：{city}評選委員會排名第 {position}（{score} / 100 分）。",
}
REASON = {
    "en": "Fits what our incubators can host this year.",
    "fr": "Correspond à ce que nos incubateurs peuvent accueillir cette année.",
    "zh-hant": "符合本市育成中心今年的接待能量。",
}


def run_selection(cycle) -> None:
    """Take the cycle's selection to its announcement; see the module's docstring."""
    sides = list(cycle.partnership.sides.all())
    actors = {side.pk: _first_manager(side) for side in sides}
    for side in sides:
        _nominate(cycle, side, actors[side.pk])
    for side in sides:
        _pick(cycle, side, actors[services.partner_of(side).pk])
    for side in sides:
        _confirm(cycle, side, actors[side.pk])
    for side in sides:
        _announce(cycle, side, actors[side.pk])


def _first_manager(side):
    manager = services.managers_of(side).order_by("pk").first()
    if manager is None:
        raise ValueError(f"{side} has no manager to act for it")
    return manager


def _language(side) -> str:
    return side.languages[0] if side.languages else "en"


def _nominate(cycle, side, actor) -> None:
    if Nomination.objects.filter(cycle=cycle, side=side, state=NominationState.SENT).exists():
        return
    text = JUSTIFICATION[_language(side)]
    summary = SUMMARY[_language(services.partner_of(side))]
    top = candidates(cycle, side)[: cycle.nominations_per_side]
    choices = [
        services.EntryChoice(
            line.application.pk,
            EntryKind.NOMINATED,
            text.format(position=line.position, score=line.percent),
            summary.format(
                team=line.application.team_name,
                city=side.city,
                position=line.position,
                score=line.percent,
            ),
        )
        for line in top
    ]
    services.save_nomination(actor, cycle, side, choices)
    services.send_nomination(actor, cycle, side)


def _pick(cycle, side, actor) -> None:
    """The partner selects the first M of `side`'s list and keeps the next one in reserve."""
    nomination = Nomination.objects.get(cycle=cycle, side=side)
    current = getattr(nomination, "pick", None)
    if current is not None and current.state != PickState.DRAFT:
        return
    reason = REASON[_language(services.partner_of(side))]
    entries = list(nomination.entries.filter(kind=EntryKind.NOMINATED).order_by("order"))
    m = cycle.picks_per_side
    lines = [
        services.PickLine(entry.pk, PickChoice.SELECTED, reason, order)
        for order, entry in enumerate(entries[:m], start=1)
    ]
    lines += [
        services.PickLine(entry.pk, PickChoice.RESERVE, "", 1) for entry in entries[m : m + 1]
    ]
    services.save_pick(actor, nomination.pk, lines)
    services.propose_pick(actor, nomination.pk)


def _confirm(cycle, side, actor) -> None:
    nomination = Nomination.objects.get(cycle=cycle, side=side)
    services.confirm_pick(actor, nomination.pk)


def _announce(cycle, side, actor) -> None:
    drafted = Event.objects.filter(cycle=cycle, side=side, action=Action.DECISIONS_DRAFTED)
    if drafted.exists():
        return
    services.draft_decisions(actor, cycle, side)
    release_drafts(actor, side)
