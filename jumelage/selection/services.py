"""Decisions of the cross-selection: each side nominates N of its applicants, the partner
picks M of them, the nominating side confirms the pick, the selected teams answer.

Every step is one function here, inside a transaction, on locked rows, checked against the
allowed moves of its enum, leaving an Event row and queueing the messages it implies.

A step locks the rows it changes and no others, always in the same order (nomination, pick,
place): two steps may wait for each other, never deadlock. The cycle, its sides and calls
are read, not locked, so the other side goes on with its own steps meanwhile.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.models import Role, User
from jumelage.accounts.permissions import is_manager
from jumelage.calls.enums import ApplicationState
from jumelage.core import events, moments
from jumelage.notifications.services import (
    discard_unsent,
    draft_message,
    last_sent,
    queue_message,
    release_message,
)
from jumelage.review.queries import committee_for, ranking_of
from jumelage.selection.enums import (
    Action,
    Decision,
    EntryKind,
    NominationState,
    PickChoice,
    PickState,
    PlaceState,
)
from jumelage.selection.models import Event, Nomination, NominationEntry, Pick, PickEntry, Place
from jumelage.selection.queries import (
    both_final,
    decision_drafts,
    nominable_applications,
    nomination_not_open,
)

# How long a selected team has to confirm its place.
PLACE_ANSWER_DAYS = 14


class Refused(Exception):
    """The selection cannot take this step now; the message says why, to a person."""


@dataclass(frozen=True)
class EntryChoice:
    application_id: int
    kind: str  # EntryKind
    justification: str
    partner_summary: str = ""  # in the partner's working language; needed before sending


@dataclass(frozen=True)
class PickLine:
    entry_id: int
    choice: str  # PickChoice
    reason: str
    order: int


def partner_of(side):
    """The other city of a bilateral partnership: the one that picks from `side`'s list."""
    others = list(side.partnership.sides.exclude(pk=side.pk))
    if len(others) != 1:
        raise Refused(_("Cross-selection needs a partnership of exactly two sides."))
    return others[0]


def _move(row, states, to_state) -> str:
    """The one place where a nomination, pick or place changes state."""
    from_state = row.state
    if (from_state, to_state) not in states.allowed_moves():
        raise Refused(
            _("This cannot go from “%(from)s” to “%(to)s”.")
            % {"from": states(from_state).label, "to": states(to_state).label}
        )
    row.state = to_state
    return from_state


def _record(cycle, side, actor, action, application=None, **detail) -> Event:
    return Event.objects.create(
        cycle=cycle, side=side, actor=actor, action=action, application=application, detail=detail
    )


def _require_manager(actor, side, message) -> None:
    if not is_manager(actor, side):
        raise PermissionDenied(message)


# Nominations


def _locked_nomination(cycle, side) -> Nomination:
    if side.partnership_id != cycle.partnership_id:
        raise Refused(_("This side is not part of the cycle's partnership."))
    Nomination.objects.get_or_create(cycle=cycle, side=side)
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("cycle__partnership", "side__partnership")
        .get(cycle=cycle, side=side)
    )


def _review_summaries(cycle, side) -> dict[int, dict]:
    """{application id: its line of the committee's ranking}, empty without a committee."""
    committee = committee_for(cycle, side)
    if committee is None:
        return {}
    return {
        line.application.pk: {
            "position": line.position,
            "percent": line.percent,
            "spread_percent": line.spread_percent,
            "review_count": line.review_count,
            "disagreement": line.disagreement,
        }
        for line in ranking_of(committee)
    }


def _require_open_nomination(cycle, side) -> None:
    reason = nomination_not_open(cycle, side)
    if reason:
        raise Refused(reason)


def _check_choices(cycle, side, choices) -> None:
    ids = [choice.application_id for choice in choices]
    if len(set(ids)) != len(ids):
        raise Refused(_("An applicant is on the list twice."))
    known = set(nominable_applications(cycle, side).filter(pk__in=ids).values_list("pk", flat=True))
    if known != set(ids):
        raise Refused(_("Only submitted applications to your own call can be nominated."))
    if any(choice.kind not in EntryKind.values for choice in choices):
        raise Refused(_("An applicant is either nominated or on the waiting list."))
    if any(not choice.justification.strip() for choice in choices):
        raise Refused(_("Give a justification for every nominated applicant."))
    nominated = sum(1 for choice in choices if choice.kind == EntryKind.NOMINATED)
    if nominated > cycle.nominations_per_side:
        raise Refused(
            _("Nominate at most %(n)d applicants; you chose %(count)d.")
            % {"n": cycle.nominations_per_side, "count": nominated}
        )


@transaction.atomic
def save_nomination(
    actor,
    cycle,
    side,
    choices,
    *,
    share_summary=True,
    share_justification=True,
    publish_organisation=True,
) -> Nomination:
    """Replace the draft nomination's entries with `choices` (a list of EntryChoice), once
    the side's call has closed and its committee has ranked the applicants."""
    _require_manager(actor, side, _("Only the side's managers can nominate its applicants."))
    nomination = _locked_nomination(cycle, side)
    if nomination.is_sent:
        raise Refused(_("The nomination was sent to the partner: it can no longer change."))
    _require_open_nomination(cycle, side)
    _check_choices(cycle, side, choices)
    summaries = _review_summaries(cycle, side)
    nomination.entries.all().delete()
    NominationEntry.objects.bulk_create(
        NominationEntry(
            nomination=nomination,
            application_id=choice.application_id,
            kind=choice.kind,
            order=order,
            justification=choice.justification.strip(),
            summary=summaries.get(choice.application_id),
            partner_summary=choice.partner_summary.strip(),
        )
        for order, choice in enumerate(choices, start=1)
    )
    nomination.share_summary = share_summary
    nomination.share_justification = share_justification
    nomination.publish_organisation = publish_organisation
    nomination.save()
    _record(
        cycle,
        side,
        actor,
        Action.NOMINATION_SAVED,
        shared={"summary": share_summary, "justification": share_justification},
        published={"organisation": publish_organisation},
        **_entry_ids(choices),
    )
    return nomination


def _entry_ids(choices) -> dict:
    return {
        kind: [c.application_id for c in choices if c.kind == kind]
        for kind in (EntryKind.NOMINATED, EntryKind.WAITING)
    }


@transaction.atomic
def send_nomination(actor, cycle, side) -> Nomination:
    """Hand exactly N nominated applicants to the partner, which locks the nomination.
    Sending again (a double click) changes nothing."""
    _require_manager(actor, side, _("Only the side's managers can send its nomination."))
    nomination = _locked_nomination(cycle, side)
    if nomination.is_sent:
        return nomination
    _require_open_nomination(cycle, side)
    partner = partner_of(side)
    nominated = nomination.entries.filter(kind=EntryKind.NOMINATED)
    if nominated.count() != cycle.nominations_per_side:
        raise Refused(
            _("Nominate exactly %(n)d applicants before sending; there are %(count)d.")
            % {"n": cycle.nominations_per_side, "count": nominated.count()}
        )
    if nominated.exclude(application__state=ApplicationState.SUBMITTED).exists():
        raise Refused(_("A nominated application was withdrawn: choose another applicant."))
    _require_partner_summaries(nominated, partner)
    _move(nomination, NominationState, NominationState.SENT)
    nomination.sent_at = timezone.now()
    nomination.save(update_fields=["state", "sent_at", "updated"])
    event = _record(cycle, side, actor, Action.NOMINATION_SENT)
    events.announce(events.NOMINATION_SENT, [side.pk, partner.pk], nomination_id=nomination.pk)
    _tell_managers(
        partner,
        "nomination-received",
        event,
        cycle,
        side=side,
        partner=partner,
        count=str(cycle.nominations_per_side),
    )
    return nomination


def _require_partner_summaries(nominated, partner) -> None:
    """The partner's managers may not read the applicants' language: each nominee carries a
    summary in the partner's working language."""
    missing = [str(entry.application) for entry in nominated if not entry.partner_summary.strip()]
    if missing:
        raise Refused(
            _(
                "Write the summary for %(partner)s (in %(language)s) of every nominee before "
                "sending; it is missing for: %(teams)s."
            )
            % {
                "partner": partner.city,
                "language": working_language_name(partner),
                "teams": ", ".join(missing),
            }
        )


def working_language_name(side) -> str:
    """The side's main working language, named in the reader's language."""
    code = side.languages[0] if side.languages else settings.LANGUAGE_CODE
    return str(dict(settings.LANGUAGES).get(code, code))


# Picks


def _locked_pick(nomination_id) -> Pick:
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("cycle__partnership", "side__partnership")
        .get(pk=nomination_id)
    )
    if not nomination.is_sent:
        raise Refused(_("This nomination has not been sent yet."))
    Pick.objects.get_or_create(
        nomination=nomination, defaults={"side": partner_of(nomination.side)}
    )
    pick = (
        Pick.objects.select_for_update(of=("self",))
        .select_related("side")
        .get(nomination=nomination)
    )
    pick.nomination = nomination
    return pick


def _check_lines(pick, lines) -> None:
    nominated = set(
        pick.nomination.entries.filter(kind=EntryKind.NOMINATED).values_list("pk", flat=True)
    )
    ids = [line.entry_id for line in lines]
    if len(set(ids)) != len(ids) or not set(ids) <= nominated:
        raise Refused(_("Pick only among the applicants the partner nominated, each once."))
    if any(line.choice not in PickChoice.values for line in lines):
        raise Refused(_("A team is either selected or in reserve."))
    selected = [line for line in lines if line.choice == PickChoice.SELECTED]
    if len(selected) > pick.nomination.cycle.picks_per_side:
        raise Refused(
            _("Select at most %(m)d teams; you chose %(count)d.")
            % {"m": pick.nomination.cycle.picks_per_side, "count": len(selected)}
        )
    if any(not line.reason.strip() for line in selected):
        raise Refused(_("Give a reason for every selected team."))


@transaction.atomic
def save_pick(actor, nomination_id, lines) -> Pick:
    """Replace the draft pick's choices with `lines` (a list of PickLine)."""
    pick = _locked_pick(nomination_id)
    _require_manager(actor, pick.side, _("Only the partner side's managers can pick."))
    if pick.state != PickState.DRAFT:
        raise Refused(_("This pick is proposed or final: it can no longer change."))
    _check_lines(pick, lines)
    pick.entries.all().delete()
    PickEntry.objects.bulk_create(
        PickEntry(
            pick=pick,
            entry_id=line.entry_id,
            choice=line.choice,
            order=line.order,
            reason=line.reason.strip(),
        )
        for line in lines
    )
    pick.save(update_fields=["updated"])
    _record(
        pick.nomination.cycle,
        pick.side,
        actor,
        Action.PICK_SAVED,
        **{
            choice: [line.entry_id for line in lines if line.choice == choice]
            for choice in PickChoice.values
        },
    )
    return pick


@transaction.atomic
def propose_pick(actor, nomination_id) -> Pick:
    """Put exactly M selected teams to the nominating side for confirmation."""
    pick = _locked_pick(nomination_id)
    _require_manager(actor, pick.side, _("Only the partner side's managers can pick."))
    if pick.state == PickState.PROPOSED:
        return pick
    cycle = pick.nomination.cycle
    selected = pick.entries.filter(choice=PickChoice.SELECTED).count()
    if selected != cycle.picks_per_side:
        raise Refused(
            _("Select exactly %(m)d teams before proposing; there are %(count)d.")
            % {"m": cycle.picks_per_side, "count": selected}
        )
    _move(pick, PickState, PickState.PROPOSED)
    pick.proposed_at = timezone.now()
    pick.save(update_fields=["state", "proposed_at", "updated"])
    event = _record(cycle, pick.side, actor, Action.PICK_PROPOSED)
    _tell_managers(
        pick.nomination.side,
        "pick-proposed",
        event,
        cycle,
        side=pick.nomination.side,
        partner=pick.side,
    )
    return pick


@transaction.atomic
def confirm_pick(actor, nomination_id) -> Pick:
    """The nominating side accepts the partner's pick: it is final, and places are offered."""
    pick = _locked_pick(nomination_id)
    nominating = pick.nomination.side
    _require_manager(actor, nominating, _("Only the nominating side's managers can confirm."))
    if pick.is_final:
        return pick
    if pick.state == PickState.DRAFT:
        raise Refused(_nothing_to_decide(pick, confirming=True))
    _move(pick, PickState, PickState.CONFIRMED)
    pick.confirmed_at = timezone.now()
    pick.save(update_fields=["state", "confirmed_at", "updated"])
    for line in pick.entries.filter(choice=PickChoice.SELECTED).select_related("entry"):
        _offer_place(pick, line.entry.application_id)
    event = _record(pick.nomination.cycle, nominating, actor, Action.PICK_CONFIRMED)
    events.announce(events.PICK_CONFIRMED, [nominating.pk, pick.side_id], pick_id=pick.pk)
    _tell_managers(
        pick.side,
        "pick-confirmed",
        event,
        pick.nomination.cycle,
        side=nominating,
        partner=pick.side,
    )
    return pick


@transaction.atomic
def return_pick(actor, nomination_id, reason: str) -> Pick:
    """The nominating side sends the partner's pick back, saying why; it is a draft again."""
    pick = _locked_pick(nomination_id)
    nominating = pick.nomination.side
    _require_manager(actor, nominating, _("Only the nominating side's managers can send it back."))
    if pick.is_final:
        raise Refused(_("The pick is already final: it can no longer be sent back."))
    if pick.state == PickState.DRAFT:
        raise Refused(_nothing_to_decide(pick, confirming=False))
    if not reason.strip():
        raise Refused(_("Say why you send the pick back, so the partner can revise it."))
    _move(pick, PickState, PickState.DRAFT)
    pick.returned_because = reason.strip()
    pick.save(update_fields=["state", "returned_because", "updated"])
    event = _record(
        pick.nomination.cycle, nominating, actor, Action.PICK_RETURNED, reason=pick.returned_because
    )
    _tell_managers(
        pick.side,
        "pick-returned",
        event,
        pick.nomination.cycle,
        side=nominating,
        partner=pick.side,
        reason=pick.returned_because,
    )
    return pick


def _nothing_to_decide(pick, confirming) -> str:
    """Why a draft pick cannot be decided on: never proposed, or sent back meanwhile (by a
    colleague, a moment ago)."""
    partner = {"partner": pick.side.city}
    if pick.returned_because and confirming:
        return (
            _("%(partner)s's pick was sent back and is a draft again: there is nothing to confirm.")
            % partner
        )
    if pick.returned_because:
        return _("%(partner)s's pick was already sent back: it is a draft again.") % partner
    if confirming:
        return (
            _("%(partner)s has not proposed its pick yet: there is nothing to confirm.") % partner
        )
    return _("%(partner)s has not proposed its pick yet: there is nothing to send back.") % partner


# Places


def _offer_place(pick, application_id, offered_after=None) -> Place:
    deadline = timezone.now() + dt.timedelta(days=PLACE_ANSWER_DAYS)
    place, _created = Place.objects.get_or_create(
        application_id=application_id,
        defaults={"pick": pick, "deadline": deadline, "offered_after": offered_after},
    )
    return place


def _locked_place(place_id) -> Place:
    """The place, after its nomination and its pick: answering it may promote a reserve of
    the pick and draft a decision of the nomination, which those locks serialise."""
    nomination_id = Place.objects.values_list("pick__nomination_id", flat=True).get(pk=place_id)
    Nomination.objects.select_for_update(of=("self",)).get(pk=nomination_id)
    Pick.objects.select_for_update(of=("self",)).get(nomination_id=nomination_id)
    return (
        Place.objects.select_for_update(of=("self",))
        .select_related(
            "pick__side", "pick__nomination__cycle", "pick__nomination__side", "application__call"
        )
        .get(pk=place_id)
    )


def _own_place(actor, place_id) -> Place:
    place = _locked_place(place_id)
    if place.application.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the team that applied can answer for its place."))
    return place


@transaction.atomic
def confirm_place(actor, place_id) -> Place:
    """The selected team takes its place, before the deadline. Confirming twice is harmless."""
    place = _own_place(actor, place_id)
    if place.state == PlaceState.CONFIRMED:
        return place
    if place.state == PlaceState.DECLINED:
        raise Refused(
            _(
                "This place was declined: it can no longer be confirmed. Write to the "
                "programme team if that is a mistake."
            )
        )
    if place.state == PlaceState.OFFERED and timezone.now() > place.deadline:
        raise Refused(
            _("The deadline to confirm this place has passed: write to the programme team.")
        )
    _answer(place, actor, PlaceState.CONFIRMED, Action.PLACE_CONFIRMED, "place-confirmed")
    return place


@transaction.atomic
def decline_place(actor, place_id) -> Place:
    """The team gives its place up; the partner's first reserve, if any, is offered it."""
    place = _own_place(actor, place_id)
    if place.state == PlaceState.DECLINED:
        return place
    _answer(place, actor, PlaceState.DECLINED, Action.PLACE_DECLINED, "place-declined")
    # A "selected" message still in the outbox would now contradict the team's own answer.
    discard_unsent(decision_slot(place.pick.nomination.cycle, place.application))
    _promote_reserve(place, actor)
    return place


def expire_places(now=None) -> int:
    """Offers still unanswered after their deadline lapse as declines, acted by nobody (the
    audit row says so); each partner's next reserve is offered the place. One transaction
    per place, which is checked again under its locks: its team may have just answered."""
    now = now or timezone.now()
    overdue = Place.objects.filter(state=PlaceState.OFFERED, deadline__lt=now)
    expired = 0
    for place_id in list(overdue.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            place = _locked_place(place_id)
            if place.state != PlaceState.OFFERED or place.deadline >= now:
                continue
            _answer(place, None, PlaceState.DECLINED, Action.PLACE_DECLINED, "place-declined")
            discard_unsent(decision_slot(place.pick.nomination.cycle, place.application))
            _promote_reserve(place, None)
            expired += 1
    return expired


def _answer(place, actor, to_state, action, message_key) -> None:
    _move(place, PlaceState, to_state)
    place.answered_at = timezone.now()
    place.save(update_fields=["state", "answered_at"])
    nomination = place.pick.nomination
    event = _record(nomination.cycle, nomination.side, actor, action, place.application)
    for side in (nomination.side, place.pick.side):
        _tell_managers(
            side,
            message_key,
            event,
            nomination.cycle,
            side=nomination.side,
            partner=place.pick.side,
            team=place.application.team_name,
        )


def _promote_reserve(declined, actor) -> Place | None:
    """Offer the declined place to the first reserve still in the running, and tell both
    sides."""
    pick = declined.pick
    reserve = (
        pick.entries.filter(
            choice=PickChoice.RESERVE,
            entry__application__place__isnull=True,
            entry__application__state=ApplicationState.SUBMITTED,
        )
        .select_related("entry__application__applicant", "entry__application__call__side")
        .order_by("order", "id")
        .first()
    )
    if reserve is None:
        return None
    application = reserve.entry.application
    place = _offer_place(pick, application.pk, offered_after=declined)
    nomination = pick.nomination
    event = _record(nomination.cycle, nomination.side, actor, Action.RESERVE_PROMOTED, application)
    for side in (nomination.side, pick.side):
        _tell_managers(
            side,
            "reserve-promoted",
            event,
            nomination.cycle,
            side=nomination.side,
            partner=pick.side,
            promoted=application.team_name,
        )
    if both_final(nomination.cycle):  # before the announcement, the news waits for it
        _draft_decision(application, Decision.SELECTED, nomination.cycle, pick.side, place)
    return place


# Decisions


@transaction.atomic
def draft_decisions(actor, cycle, side) -> int:
    """Draft the decision message of every applicant of `side`'s call, for its managers to
    review and release. Drafting again replaces the unsent ones; an applicant already told
    the same decision is not told again. Returns how many drafts were made."""
    _require_manager(actor, side, _("Only the side's managers can write to its applicants."))
    if not both_final(cycle):
        raise Refused(_("Decisions are announced once both sides' picks are final."))
    nomination = _locked_nomination(cycle, side)  # serialises two managers drafting at once
    pick = nomination.pick
    reserves = set(
        pick.entries.filter(choice=PickChoice.RESERVE).values_list(
            "entry__application_id", flat=True
        )
    )
    places = {place.application_id: place for place in pick.places.all()}
    drafted = 0
    for application in nominable_applications(cycle, side).select_related("applicant", "call"):
        decision = _decision_for(application.pk, places, reserves)
        if decision is None:
            continue
        place = places.get(application.pk)
        drafted += _draft_decision(application, decision, cycle, pick.side, place) is not None
    _record(cycle, side, actor, Action.DECISIONS_DRAFTED, drafted=drafted)
    return drafted


@transaction.atomic
def publish_decisions(actor, cycle, side) -> int:
    """Publish the side's decisions, once its managers have read the drafted messages: each
    applicant sees their outcome on their pages and their drafted message goes out.
    Publishing again sends only the drafts made since (none twice). Returns how many went."""
    _require_manager(actor, side, _("Only the side's managers can publish its decisions."))
    if not both_final(cycle):
        raise Refused(_("Decisions are announced once both sides' picks are final."))
    nomination = _locked_nomination(cycle, side)
    drafts = list(decision_drafts(cycle, side).values_list("pk", flat=True))
    if nomination.decisions_published_at is None and not drafts:
        raise Refused(_("Draft the decision messages and read them before publishing."))
    for message_id in drafts:
        release_message(actor, message_id)
    if nomination.decisions_published_at is None:
        nomination.decisions_published_at = timezone.now()
        nomination.save(update_fields=["decisions_published_at", "updated"])
    _record(cycle, side, actor, Action.DECISIONS_PUBLISHED, sent=len(drafts))
    events.announce(events.RESULTS_PUBLISHED, [side.pk], cycle_id=cycle.pk, side_id=side.pk)
    return len(drafts)


def _decision_for(application_id, places, reserves) -> Decision | None:
    """Selected while holding a place, reserve while waiting for one, None once declined."""
    place = places.get(application_id)
    if place is not None:
        return Decision.SELECTED if place.is_held else None
    return Decision.RESERVE if application_id in reserves else Decision.NOT_SELECTED


def decision_slot(cycle, application) -> str:
    return f"decision:{cycle.pk}:{application.pk}"


def _draft_decision(application, decision, cycle, host, place=None):
    slot = decision_slot(cycle, application)
    told = last_sent(slot)
    if told is not None and told.template_key == decision:
        return None
    side = application.call.side
    with translation.override(application.language):
        context = {
            "name": application.contact_name or application.applicant.full_name,
            "team": application.team_name,
            "reference": application.reference,
            "cycle": cycle.name,
            "side": str(side.city),
            "host": str(host.city),
            "deadline": moments.moment(place.deadline, side.tzinfo) if place else "",
            "link": _link(application.language, place, cycle),
        }
    return draft_message(
        decision,
        recipient=application.applicant,
        language=application.language,
        context=context,
        side=side,
        slot=slot,
    )


def _link(language, place, cycle) -> str:
    with translation.override(language):
        if place is not None:
            path = reverse("selection:place", kwargs={"pk": place.pk})
        else:
            path = reverse("selection:results", kwargs=_cycle_kwargs(cycle))
    return settings.SITE_URL.rstrip("/") + path


def _cycle_kwargs(cycle) -> dict:
    return {"partnership_slug": cycle.partnership.slug, "cycle_slug": cycle.slug}


# Messages to the managers


def managers_of(side):
    return User.objects.filter(
        memberships__side=side, memberships__role=Role.MANAGER, is_active=True
    ).distinct()


def _tell_managers(recipients_side, key, event, cycle, *, side, partner, **extra) -> None:
    """Queue message `key` to every manager of `recipients_side`, each in their language."""
    for manager in managers_of(recipients_side):
        with translation.override(manager.language):
            context = {
                "name": manager.full_name,
                "cycle": cycle.name,
                "side": str(side.city),
                "partner": str(partner.city),
                "link": settings.SITE_URL.rstrip("/")
                + reverse("selection:overview", kwargs=_cycle_kwargs(cycle)),
                **extra,
            }
        queue_message(
            key,
            recipient=manager,
            language=manager.language,
            context=context,
            side=recipients_side,
            dedupe_key=f"{key}:{event.pk}:{manager.pk}",
        )
