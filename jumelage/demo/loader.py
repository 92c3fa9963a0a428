"""Load the demo: the Taichung–Toulouse partnership, its current cycle with both calls open,
the hosts and schemes of both cities, one person per role and forty applicant teams a side.

Every part looks its rows up by a natural key and leaves existing ones as they are, so a
second load changes nothing.
"""

import datetime as dt
import logging
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from jumelage.accounts.models import Membership, Role, User
from jumelage.calls import services as applications
from jumelage.calls.enums import ApplicationState
from jumelage.calls.forms import file_field_name, question_field_name
from jumelage.calls.models import Application, ApplicationTransition, Call, Question, QuestionChoice
from jumelage.demo import data, followup, history, matchmaking, review, trip, visit
from jumelage.demo.common import ensure_users, translated
from jumelage.demo.data import T
from jumelage.demo.pdf import one_page_pdf
from jumelage.demo.selection import run_selection
from jumelage.demo.teams import Team, teams_for
from jumelage.hosting.models import HostingOffer, HostOrganisation, SupportScheme
from jumelage.notifications.models import OutboxMessage
from jumelage.partnerships import timeline
from jumelage.partnerships.enums import StageKind, ThemeDecisionChoice
from jumelage.partnerships.models import BudgetLine, Partnership, Side, Theme
from jumelage.partnerships.services import create_cycle, decide_theme, propose_theme

# The mid-review cycle's calls closed this many days before the demo is loaded.
REVIEWING_DAYS_SINCE_CLOSE = 4
USER_FIELDS = ("email", "full_name", "language", "is_staff", "is_superuser")


def load(today: dt.date | None = None) -> None:
    """Load everything; `today` places a new cycle so that its calls are open on that day,
    after an earlier cycle whose calls closed and whose committees reviewed everything."""
    today = today or timezone.localdate()
    # One hash for every demo account: hashing is deliberately slow.
    password = make_password(data.PASSWORD)
    # Messages still land in the outbox; only their sending is kept in memory.
    email = "django.core.mail.backends.locmem.EmailBackend"
    with _quiet("celery.app.trace"), override_settings(EMAIL_BACKEND=email), transaction.atomic():
        partnership, sides = load_partnership()
        cycle = load_cycle(partnership, today)
        hosts = load_hosts(cycle, sides)
        load_schemes(sides)
        load_budget(cycle, sides)
        managers = load_people(sides, hosts, password)
        trip.load(sides, hosts)  # the 2018 official visit and its report: toulouse-2018
        themes = load_themes(cycle, sides, managers)
        calls = load_calls(cycle, sides)
        for side_slug, call in calls.items():
            load_applications(call, side_slug, themes, password)
        earlier = load_earlier_cycle(partnership, sides, cycle, managers, password)
        review.load_committees(earlier, sides, managers, password, reviewed=True)
        run_selection(earlier)
        load_hosts(earlier, sides)
        visit.load(earlier)
        review.load_committees(cycle, sides, managers, password)
        followup.load()
        reviewing = load_reviewing_cycle(partnership, sides, cycle, managers, password, today)
        review.load_committees(reviewing, sides, managers, password, reviewed=True, share=0.6)
        for shaped in (earlier, reviewing):
            history.backdate(shaped)
        matchmaking.load(earlier, password)


@contextmanager
def _quiet(logger_name):
    """Hide a logger's INFO lines: inline tasks report every message sent, eighty times over."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def logins() -> list[tuple[str, str, str]]:
    """(role, email, what to look at) for the people of the demo and the teams worth a look:
    read from the loaded data, since which teams were selected follows the reviews."""
    rows = [(person["role_label"], person["email"], person["look_at"]) for person in data.PEOPLE]
    rows += review.reviewer_logins()
    rows += _team_logins()
    rows.append(
        (
            "Matchmaking participant (investor)",
            matchmaking.PARTNER_LOGIN["email"],
            "The finished cycle's matchmaking: agenda, a request to answer, feedback",
        )
    )
    return rows


def _team_logins() -> list[tuple[str, str, str]]:
    rows = []
    cycles = Partnership.objects.get(slug=data.PARTNERSHIP["slug"]).cycles.order_by("created")
    current = cycles.first()
    finished = cycles.filter(calls__applications__place__isnull=False).distinct().first()
    draft = Application.objects.filter(call__cycle=current, state=ApplicationState.DRAFT)
    submitted = Application.objects.filter(call__cycle=current, state=ApplicationState.SUBMITTED)
    for label, found, look in [
        ("Applicant team, draft", draft, "Finish and submit a draft in an open call"),
        ("Applicant team, submitted", submitted, "Follow a submitted application"),
    ]:
        first = found.order_by("call__side_id", "pk").select_related("applicant").first()
        if first:
            rows.append((label, first.applicant.email, look))
    if finished is None:
        return rows
    refused = Application.objects.filter(
        call__cycle=finished, state=ApplicationState.SUBMITTED, place__isnull=True
    ).exclude(nomination_entries__isnull=False)
    selected = finished.calls.get(side__slug="taichung").applications.filter(place__isnull=False)
    for label, found, look in [
        ("Applicant team, not selected", refused, f"The {finished.name} outcome on its page"),
        (
            "Applicant team, selected; traveller",
            selected,
            f"The {finished.name} place, trip, briefing and matchmaking agenda",
        ),
    ]:
        first = found.order_by("call__side_id", "pk").select_related("applicant").first()
        if first:
            rows.append((label, first.applicant.email, look))
    return rows


def fields_of(spec: dict) -> dict:
    """Model field values from a data spec: each T fills its three language columns."""
    values = {}
    for name, value in spec.items():
        values.update(translated(name, value) if isinstance(value, T) else {name: value})
    return values


# Partnership & sides


def load_partnership() -> tuple[Partnership, dict[str, Side]]:
    partnership, _ = Partnership.objects.get_or_create(
        slug=data.PARTNERSHIP["slug"], defaults=fields_of(data.PARTNERSHIP)
    )
    sides = {}
    for spec in data.SIDES:
        sides[spec["slug"]], _ = Side.objects.get_or_create(
            partnership=partnership, slug=spec["slug"], defaults=fields_of(spec)
        )
    return partnership, sides


# Cycle & stages


def load_cycle(partnership, today):
    """The demo's cycle: the partnership's first one, created with its calls open today."""
    existing = partnership.cycles.order_by("created", "pk").first()
    if existing:
        return existing
    start = timeline.start_for_call_open_on(today)
    begins = {kind: begin for kind, begin, _end in timeline.shifted_template(start)}
    year = str(begins[StageKind.EXCHANGE].year)
    cycle = create_cycle(partnership, slug=year, name=year, start=start)
    _describe_stages(cycle)
    return cycle


def _describe_stages(cycle) -> None:
    for stage in cycle.stages.all():
        for name, value in translated("description", data.STAGE_DESCRIPTIONS[stage.kind]).items():
            setattr(stage, name, value)
        # A full save: modeltranslation copies the default language into the base column.
        stage.save()


def load_earlier_cycle(partnership, sides, current, managers, password):
    """The edition a year before `current`: same themes and forms, its calls long closed
    with every team's application in them."""
    slug = str(int(current.slug) - 1)
    existing = partnership.cycles.filter(slug=slug).first()
    if existing:
        return existing
    start = current.stages.order_by("starts_on").first().starts_on - dt.timedelta(days=364)
    cycle = create_cycle(partnership, slug=slug, name=slug, start=start)
    _describe_stages(cycle)
    themes = load_themes(cycle, sides, managers)
    for side_slug, call in load_calls(cycle, sides).items():
        _apply_in_the_past(call, side_slug, themes, password)
    return cycle


def load_reviewing_cycle(partnership, sides, current, managers, password, today):
    """A cycle whose calls closed a few days ago, with every team's application in them,
    beside the current one: its committees are mid-review, so a reviewer can review live, a
    chair sees the ranking forming and the managers nominate once the reviews are in. Its
    slug and name are its exchange's month, since the current cycle holds its year."""
    existing = partnership.cycles.exclude(pk=current.pk).filter(slug__contains="-").first()
    if existing:
        return existing
    closed_on = today - dt.timedelta(days=REVIEWING_DAYS_SINCE_CLOSE)
    close_ends = {kind: end for kind, _begin, end in timeline.TEMPLATE}[StageKind.CALL_CLOSE]
    start = timeline.FIRST_CYCLE_START + (closed_on - close_ends)
    begins = {kind: begin for kind, begin, _end in timeline.shifted_template(start)}
    exchange = begins[StageKind.EXCHANGE]
    name = f"{exchange.year}-{exchange.month:02d}"
    cycle = create_cycle(partnership, slug=name, name=name, start=start)
    _describe_stages(cycle)
    themes = load_themes(cycle, sides, managers)
    for side_slug, call in load_calls(cycle, sides).items():
        _apply_in_the_past(call, side_slug, themes, password)
    return cycle


def _apply_in_the_past(call, side_slug, themes, password) -> None:
    """The teams apply through the services while the call is briefly reopened; then the
    call gets its real dates back and each submission a moment within them."""
    opens, closes, now = call.opens_at, call.closes_at, timezone.now()
    _set_dates(call, now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    teams = [t for t in teams_for(side_slug, opens.date()) if t.state != ApplicationState.DRAFT]
    users = ensure_users([_account(team) for team in teams], password)
    for team in teams:
        application = _apply(call, users[team.email], team, themes)
        moment = opens + (closes - opens) * team.progress
        started = max(opens, moment - dt.timedelta(hours=6 + 30 * team.progress))
        Application.objects.filter(pk=application.pk).update(
            created=started, updated=moment, submitted_at=moment
        )
        transitions = ApplicationTransition.objects.filter(application=application)
        later = {
            ApplicationState.SUBMITTED: moment,
            ApplicationState.WITHDRAWN: min(closes, moment + dt.timedelta(days=1)),
        }
        transitions.exclude(to_state__in=list(later)).update(created=started)
        for state, when in later.items():
            transitions.filter(to_state=state).update(created=when)
    _set_dates(call, opens, closes)


def _set_dates(call, opens_at, closes_at) -> None:
    Call.objects.filter(pk=call.pk).update(opens_at=opens_at, closes_at=closes_at)
    call.opens_at, call.closes_at = opens_at, closes_at


# Themes


def load_themes(cycle, sides, managers) -> dict[str, Theme]:
    """The themes by key; a new one is proposed and answered by the managers, as in the app."""
    themes = {}
    for spec in data.THEMES:
        theme = Theme.objects.filter(cycle=cycle, title_en=spec["title"].en).first()
        themes[spec["key"]] = theme or _propose(cycle, sides, managers, spec)
    return themes


def _propose(cycle, sides, managers, spec) -> Theme:
    side = sides[spec["proposed_by"]]
    theme = propose_theme(
        managers[side.slug],
        cycle,
        side,
        **translated("title", spec["title"]),
        **translated("description", spec["description"]),
    )
    if not spec["agreed"]:
        return theme
    for partner in sides.values():
        if partner != side:
            theme = decide_theme(
                managers[partner.slug], theme.pk, partner, ThemeDecisionChoice.AGREE
            )
    return theme


# Hosts & offers


def load_hosts(cycle, sides) -> dict[str, HostOrganisation]:
    exchange = cycle.stages.get(kind=StageKind.EXCHANGE)
    hosts = {}
    for side_slug, specs in data.HOST_ORGANISATIONS.items():
        for spec in specs:
            organisation, _ = HostOrganisation.objects.get_or_create(
                side=sides[side_slug], slug=spec["slug"], defaults=fields_of(spec)
            )
            _offer(cycle, organisation, exchange, data.HOSTING_OFFERS[spec["slug"]])
            hosts[spec["slug"]] = organisation
    return hosts


def _offer(cycle, organisation, exchange, spec) -> None:
    spec = dict(spec)
    starts_on = exchange.starts_on + dt.timedelta(days=spec.pop("from_day"))
    ends_on = exchange.starts_on + dt.timedelta(days=spec.pop("to_day"))
    HostingOffer.objects.get_or_create(
        cycle=cycle,
        organisation=organisation,
        defaults={
            **fields_of(spec),
            "starts_on": starts_on,
            "ends_on": min(ends_on, exchange.ends_on),
        },
    )


# Schemes


def load_budget(cycle, sides) -> None:
    for side_slug, lines in data.BUDGET_LINES.items():
        side = sides[side_slug]
        for category, label, estimate, actual in lines:
            BudgetLine.objects.get_or_create(
                cycle=cycle,
                side=side,
                label=label,
                defaults={
                    "category": category,
                    "estimate": estimate,
                    "actual": actual,
                    "currency": side.currency,
                },
            )


def load_schemes(sides) -> None:
    for side_slug, specs in data.SUPPORT_SCHEMES.items():
        for spec in specs:
            SupportScheme.objects.get_or_create(
                side=sides[side_slug], name_en=spec["name"].en, defaults=fields_of(spec)
            )


# Users & memberships


def load_people(sides, hosts, password) -> dict[str, User]:
    """The people with a role; returns each side's manager by side slug."""
    accounts = [
        {name: person[name] for name in USER_FIELDS if name in person} for person in data.PEOPLE
    ]
    users = ensure_users(accounts, password)
    managers = {}
    for person in data.PEOPLE:
        if "role" not in person:
            continue
        user = users[person["email"]]
        Membership.objects.get_or_create(
            user=user,
            side=sides[person["side"]],
            role=person["role"],
            organisation=hosts.get(person.get("organisation")),
        )
        if person["role"] == Role.MANAGER:
            managers[person["side"]] = user
    return managers


# Calls & forms


def load_calls(cycle, sides) -> dict[str, Call]:
    stages = {stage.kind: stage for stage in cycle.stages.all()}
    calls = {}
    for side_slug, spec in data.CALLS.items():
        side = sides[side_slug]
        texts = {name: T(*(s.format(year=cycle.name) for s in text)) for name, text in spec.items()}
        call, created = Call.objects.get_or_create(
            slug=f"{side_slug}-{cycle.slug}",
            defaults={
                "cycle": cycle,
                "side": side,
                "published": True,
                "opens_at": _local(stages[StageKind.CALL_OPEN].starts_on, 9, side),
                "closes_at": _local(stages[StageKind.CALL_CLOSE].ends_on, 17, side),
                **fields_of(texts),
            },
        )
        if created:
            _load_form(call, data.call_questions(side_slug))
        calls[side_slug] = call
    return calls


def _local(day: dt.date, hour: int, side) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=side.tzinfo)


def _load_form(call, specs) -> None:
    questions = {}
    for order, spec in enumerate(specs, start=1):
        spec = dict(spec)
        choices = spec.pop("choices", [])
        if "show_if" in spec:
            parent_key, spec["show_if_value"] = spec.pop("show_if")
            spec["show_if"] = questions[parent_key]
        question = Question.objects.create(call=call, order=order * 10, **fields_of(spec))
        QuestionChoice.objects.bulk_create(
            QuestionChoice(
                question=question, value=value, order=position, **translated("label", label)
            )
            for position, (value, label) in enumerate(choices, start=1)
        )
        questions[question.key] = question


# Applications


def load_applications(call, side_slug, themes, password) -> None:
    """The side's teams apply through the same services as the web form, while it is open."""
    teams = teams_for(side_slug, timezone.localtime(call.opens_at).date())
    applied = set(call.applications.values_list("applicant__email", flat=True))
    missing = [team for team in teams if team.email not in applied]
    if not missing or not call.is_open():
        return
    users = ensure_users([_account(team) for team in missing], password)
    for team in missing:
        application = _apply(call, users[team.email], team, themes)
        _backdate(call, application, team)


def _account(team: Team) -> dict:
    return {"email": team.email, "full_name": team.contact_name, "language": team.language}


def _apply(call, user, team: Team, themes) -> Application:
    application = applications.start_application(user, call, team.language)
    saved = applications.save_application(
        user, application.pk, _form_data(team, themes), _files(team)
    )
    _require_ok(saved, team)
    if team.state == ApplicationState.DRAFT:
        return application
    _require_ok(applications.submit_application(user, application.pk), team)
    if team.state == ApplicationState.WITHDRAWN:
        applications.withdraw_application(user, application.pk)
    return application


def _require_ok(result, team) -> None:
    # The demo data must pass the same checks as a real applicant's.
    if not result.ok:
        raise ValueError(f"The demo application of {team.name_en} is refused: {result.errors}")


def _form_data(team: Team, themes) -> MultiValueDict:
    form = MultiValueDict(
        {
            "language": [team.language],
            "team_name": [team.name],
            "organisation": [team.organisation],
            "contact_name": [team.contact_name],
            "contact_email": [team.email],
            "contact_phone": [team.contact_phone],
            "theme": [str(themes[team.theme].pk)],
        }
    )
    for key, answer in team.answers.items():
        form.setlist(question_field_name(key), answer if isinstance(answer, list) else [answer])
    return form


def _files(team: Team) -> MultiValueDict:
    if team.state == ApplicationState.DRAFT:
        return MultiValueDict()
    files = {"pitch_deck": [_pdf("pitch-deck.pdf", team, "Pitch deck")]}
    if team.has_product_sheet:
        files[file_field_name("product_sheet")] = [_pdf("product-sheet.pdf", team, "Product sheet")]
    return MultiValueDict(files)


def _pdf(filename, team: Team, title) -> SimpleUploadedFile:
    lines = team.deck_lines(title)
    return SimpleUploadedFile(filename, one_page_pdf(lines), content_type="application/pdf")


def _backdate(call, application, team: Team) -> None:
    """Spread the applications over the days the call has been open, so that lists and the
    per-day chart look lived in. Demo shaping only: the services stamp everything now."""
    now = timezone.now()
    moment = call.opens_at + (now - call.opens_at) * team.progress
    started = max(call.opens_at, moment - dt.timedelta(hours=6 + 30 * team.progress))
    rows = Application.objects.filter(pk=application.pk)
    rows.update(created=started, updated=moment)
    if team.state == ApplicationState.DRAFT:
        return
    rows.update(submitted_at=moment)
    _backdate_transition(application, ApplicationState.SUBMITTED, "application-submitted", moment)
    if team.state == ApplicationState.WITHDRAWN:
        withdrawn = min(now, moment + dt.timedelta(days=1))
        _backdate_transition(
            application, ApplicationState.WITHDRAWN, "application-withdrawn", withdrawn
        )
        rows.update(updated=withdrawn)


def _backdate_transition(application, to_state, message_key, moment) -> None:
    transition = application.transitions.get(to_state=to_state)
    ApplicationTransition.objects.filter(pk=transition.pk).update(created=moment)
    dedupe_key = f"{message_key}:{transition.pk}"
    OutboxMessage.objects.filter(dedupe_key=dedupe_key).update(created=moment)
