"""The business matchmaking of the finished cycle's visit to Toulouse: two afternoons of
20-minute slots, at La Cantine then at IoT Valley in Labège, with the visiting Taichung
teams, Toulouse's four incubators, corporates, investors, a law firm and the métropole.

The incubators, Airbus, Thales and Toulouse Métropole are the seed report's public facts;
the investors and the law firm are invented for the demo, as the teams are. Requests,
answers, the organisers' must-meetings, the schedule run, check-ins and feedback go through
matchmaking.services and matchmaking.scheduling; sessions, venues, slots, places, profiles
and availability are plain rows, as the organiser's forms write them. A cycle that has a
session is left as it is."""

import datetime as dt
import zoneinfo

from jumelage.accounts.models import User
from jumelage.demo.common import ensure_users
from jumelage.exchange.queries import selected_teams
from jumelage.hosting.models import HostOrganisation
from jumelage.matchmaking import scheduling, services
from jumelage.matchmaking.enums import (
    Exchange,
    Interest,
    MeetingState,
    ParticipantKind,
    Priority,
)
from jumelage.matchmaking.models import (
    Availability,
    Participant,
    Place,
    Profile,
    Session,
    Slot,
    Venue,
)
from jumelage.partnerships.enums import ThemeState
from jumelage.selection.services import managers_of

HOST_SIDE = "toulouse"
SLOT_MINUTES = 20
# (day of the delegation's visit, venue's host slug, first slot's hour, number of slots)
AFTERNOONS = [(3, "la-cantine", 14, 9), (4, "iot-valley", 14, 9)]
TABLES = 3
VIRTUAL_ROOM = "https://visio.example.org/jumelage-b2b"

# The participant who logs in to try the matchmaking as a partner.
PARTNER_LOGIN = {
    "email": "investor@garonne.demo",
    "full_name": "Claire Vidal",
    "language": "fr",
}

# (kind, name, organisation slug, offers, seeks, sectors, stage, languages, description,
#  login, slots off: (afternoon index, first slot, last slot) or None)
PARTNERS = [
    (
        ParticipantKind.INCUBATOR,
        "La Cantine",
        "la-cantine",
        [Exchange.INCUBATION, Exchange.MARKET],
        [Exchange.TECHNOLOGY],
        "numérique, IoT, ville intelligente",
        "",
        "français, anglais",
        "Le programme en quatre étapes de La Mêlée : entretien, stress test, feuille de route, "
        "mise en réseau.",
        "host@lacantine.demo",
        None,
    ),
    (
        ParticipantKind.INCUBATOR,
        "IoT Valley",
        "iot-valley",
        [Exchange.PILOT, Exchange.PARTNERSHIP],
        [Exchange.TECHNOLOGY],
        "IoT, réseaux LPWAN, industrie",
        "",
        "français, anglais",
        "Relie les startups IoT aux besoins des industriels : POC, puis POS, puis POB.",
        None,
        None,
    ),
    (
        ParticipantKind.INCUBATOR,
        "Le Village by CA",
        "village-by-ca",
        [Exchange.INVESTMENT, Exchange.MARKET],
        [Exchange.TECHNOLOGY],
        "agritech, fintech, logistique",
        "",
        "français, anglais",
        "465 partenaires et un plan de financement pour s'implanter dans une nouvelle région.",
        None,
        (1, 0, 8),
    ),
    (
        ParticipantKind.INCUBATOR,
        "AT HOME",
        "at-home",
        [Exchange.INCUBATION, Exchange.TALENT],
        [Exchange.TECHNOLOGY],
        "tous secteurs",
        "",
        "français, anglais",
        "Coworking, incubation, constitution d'équipe et mises en relation avec des fonds.",
        None,
        (1, 0, 8),
    ),
    (
        ParticipantKind.CORPORATE,
        "Airbus",
        None,
        [Exchange.PILOT, Exchange.PARTNERSHIP],
        [Exchange.TECHNOLOGY],
        "aéronautique, maintenance prédictive, usine du futur",
        "",
        "français, anglais",
        "Cherche des capteurs et de l'analyse de données pour ses lignes d'assemblage.",
        None,
        (0, 5, 8),
    ),
    (
        ParticipantKind.CORPORATE,
        "Thales",
        None,
        [Exchange.PILOT, Exchange.PARTNERSHIP],
        [Exchange.TECHNOLOGY, Exchange.TALENT],
        "spatial, cybersécurité, systèmes embarqués",
        "",
        "français, anglais",
        "Ouvert aux pilotes avec des startups en IA embarquée et en sécurité IoT.",
        None,
        (1, 0, 8),
    ),
    (
        ParticipantKind.INVESTOR,
        "Garonne Amorçage (fictif)",
        None,
        [Exchange.INVESTMENT],
        [Exchange.TECHNOLOGY, Exchange.MARKET],
        "deeptech, IoT industriel",
        "amorçage, série A",
        "français, anglais",
        "Fonds d'amorçage de démonstration : tickets de 300 k€ à 1,5 M€.",
        PARTNER_LOGIN["email"],
        None,
    ),
    (
        ParticipantKind.INVESTOR,
        "Pastel Business Angels (fictif)",
        None,
        [Exchange.INVESTMENT],
        [Exchange.TECHNOLOGY],
        "santé, smart city",
        "pré-amorçage",
        "français",
        "Réseau d'investisseurs providentiels de démonstration.",
        None,
        (0, 0, 3),
    ),
    (
        ParticipantKind.LEGAL,
        "Cabinet Lauragais Avocats (fictif)",
        None,
        [Exchange.LEGAL],
        [],
        "droit des sociétés, propriété intellectuelle",
        "",
        "français, anglais, chinois",
        "Créer une filiale en France, protéger un brevet, les contrats d'un premier pilote.",
        None,
        None,
    ),
    (
        ParticipantKind.AGENCY,
        "Toulouse Métropole",
        None,
        [Exchange.MARKET, Exchange.PILOT],
        [Exchange.TECHNOLOGY],
        "ville intelligente, mobilité",
        "",
        "français, anglais",
        "Le service du développement économique : sites d'expérimentation dans la métropole.",
        None,
        (1, 0, 8),
    ),
]

TEAM_OFFERS = [Exchange.TECHNOLOGY, Exchange.PILOT]
TEAM_SEEKS = [Exchange.PILOT, Exchange.INVESTMENT, Exchange.MARKET, Exchange.LEGAL]

# (team index, partner name, priority, message): what each visiting team asks for.
REQUESTS = [
    (0, "Airbus", Priority.MUST, "We would like to discuss a pilot on an assembly line."),
    (0, "Garonne Amorçage (fictif)", Priority.MUST, "We are raising a seed round in 2027."),
    (0, "Thales", Priority.WOULD_LIKE, "Our sensors could fit your embedded systems."),
    (0, "Cabinet Lauragais Avocats (fictif)", Priority.WOULD_LIKE, "Opening a French entity."),
    (0, "Le Village by CA", Priority.WOULD_LIKE, "Financial planning for a French office."),
    (1, "Airbus", Priority.WOULD_LIKE, "A pilot for predictive maintenance."),
    (1, "Pastel Business Angels (fictif)", Priority.WOULD_LIKE, "First European investors."),
    (1, "Garonne Amorçage (fictif)", Priority.WOULD_LIKE, "Could we present our traction?"),
    (1, "Cabinet Lauragais Avocats (fictif)", Priority.MUST, "Protecting our patent in France."),
    (1, "AT HOME", Priority.WOULD_LIKE, "A desk after the residency."),
    (1, "Thales", Priority.WOULD_LIKE, "Security of connected devices."),
]
# Answers relayed by the organisers for the partners without an account; Thales declines one.
DECLINED = {(1, "Thales"): "Nous n'avons pas de besoin sur ce sujet cette année."}
# Left unanswered, for the partner's login to answer live.
PENDING = {(1, "Garonne Amorçage (fictif)")}

FEEDBACK = [
    (Interest.PILOT, 5, "A pilot is being scoped with the plant's team."),
    (Interest.TALK, 4, "Asked for our certification plan; we meet again online."),
    (Interest.INVESTMENT, 4, "They want to see the next quarter's figures."),
    (Interest.NONE, 3, "Not a fit for now."),
]


def load(cycle, password) -> Session | None:
    """The session of `cycle`'s visit to Toulouse; see the module's docstring."""
    delegation = cycle.delegations.filter(host_side__slug=HOST_SIDE).first()
    if delegation is None or cycle.matchmaking_sessions.exists():
        return None
    host_side = delegation.host_side
    organiser = managers_of(host_side).order_by("pk").first()
    session = Session.objects.create(
        cycle=cycle,
        host_side=host_side,
        title=f"Rendez-vous d'affaires Taichung–Toulouse {cycle.name}",
        timezone=host_side.timezone,
        slot_minutes=SLOT_MINUTES,
        travel_minutes=30,
        request_cap=8,
    )
    slots = _slots(session, delegation, host_side)
    teams = _teams(session, cycle, delegation)
    partners = _partners(session, host_side, slots, password)
    _requests(organiser, teams, partners)
    _must_meetings(organiser, session, teams, partners)
    run = services.start_run(organiser, session)
    scheduling.run(run.pk, time_limit=5.0)
    _check_in_and_feedback(organiser, session, teams)
    return session


def _slots(session, delegation, host_side) -> list[list[Slot]]:
    zone = zoneinfo.ZoneInfo(host_side.timezone)
    afternoons = []
    for day, slug, hour, count in AFTERNOONS:
        organisation = HostOrganisation.objects.get(side=host_side, slug=slug)
        venue = Venue.objects.create(
            session=session,
            name=organisation.name_fr or organisation.name_en,
            organisation=organisation,
        )
        for number in range(1, TABLES + 1):
            Place.objects.create(session=session, venue=venue, name=f"Table {number}", seats=4)
        first = dt.datetime.combine(
            delegation.starts_on + dt.timedelta(days=day), dt.time(hour), tzinfo=zone
        )
        afternoons.append(
            [
                Slot.objects.create(
                    session=session,
                    venue=venue,
                    starts_at=first + dt.timedelta(minutes=SLOT_MINUTES * i),
                    ends_at=first + dt.timedelta(minutes=SLOT_MINUTES * (i + 1)),
                )
                for i in range(count)
            ]
        )
    Place.objects.create(session=session, name="Visio", seats=6, link=VIRTUAL_ROOM)
    return afternoons


def _teams(session, cycle, delegation) -> list[Participant]:
    themes = list(cycle.themes.filter(state=ThemeState.AGREED))
    participants = []
    for team in selected_teams(cycle).filter(call__side=delegation.side).order_by("pk"):
        participant = Participant.objects.create(
            session=session,
            kind=ParticipantKind.TEAM,
            name=team.team_name,
            application=team,
            delegation=delegation,
            user=team.applicant,
            email=team.applicant.email,
        )
        profile = Profile.objects.create(
            participant=participant,
            offers=TEAM_OFFERS,
            seeks=TEAM_SEEKS,
            sectors=team.theme.title_en if team.theme else "",
            stage="seed",
            languages="中文, English",
            language=team.language,
            description=team.team_name,
        )
        profile.themes.set([t for t in themes if t.pk == team.theme_id])
        participants.append(participant)
    return participants


def _partners(session, host_side, slots, password) -> dict[str, Participant]:
    ensure_users([PARTNER_LOGIN], password)
    logins = [spec[9] for spec in PARTNERS if spec[9]]
    users = User.objects.in_bulk(logins, field_name="email")
    partners = {}
    for spec in PARTNERS:
        kind, name, slug, offers, seeks, sectors, stage, spoken, about, login, off = spec
        participant = Participant.objects.create(
            session=session,
            kind=kind,
            name=name,
            organisation=HostOrganisation.objects.filter(side=host_side, slug=slug).first(),
            user=users.get(login),
            email=login or "",
        )
        Profile.objects.create(
            participant=participant,
            offers=offers,
            seeks=seeks,
            sectors=sectors,
            stage=stage,
            languages=spoken,
            language="fr",
            description=about,
        )
        if off:
            afternoon, first, last = off
            Availability.objects.bulk_create(
                Availability(participant=participant, slot=slot, available=False)
                for slot in slots[afternoon][first : last + 1]
            )
        partners[name] = participant
    return partners


def _requests(organiser, teams, partners) -> None:
    for index, name, priority, message in REQUESTS:
        if index >= len(teams):
            continue
        team, partner = teams[index], partners[name]
        request = services.send_request(
            team.user, team, partner, priority=priority, message=message
        )
        if (index, name) in PENDING:
            continue
        declined = DECLINED.get((index, name))
        answerer = partner.user or organiser
        services.answer_request(
            answerer,
            request.pk,
            accept=declined is None,
            answer=declined or "Avec plaisir, à bientôt à Toulouse.",
        )


def _must_meetings(organiser, session, teams, partners) -> None:
    """The programme's must-meetings: each team with the métropole and with its host."""
    for team in teams:
        services.add_meeting(organiser, session, [team, partners["Toulouse Métropole"]])
        host = team.application.residencies.select_related("offer__organisation").first()
        incubator = next(
            (
                p
                for p in partners.values()
                if host and p.organisation_id == host.offer.organisation_id
            ),
            None,
        )
        if incubator:
            services.add_meeting(organiser, session, [team, incubator])


def _check_in_and_feedback(organiser, session, teams) -> None:
    """The visit is over: every scheduled meeting held but one no-show, and each team's
    feedback on its first meetings."""
    scheduled = list(
        session.meetings.filter(state=MeetingState.SCHEDULED).order_by("slot__starts_at", "pk")
    )
    for number, meeting in enumerate(scheduled):
        state = MeetingState.NO_SHOW if number == len(scheduled) - 1 else MeetingState.HELD
        services.check_in(organiser, meeting, state)
    for team in teams:
        held = team.meetings.filter(state=MeetingState.HELD).order_by("slot__starts_at", "pk")
        for meeting, (interest, satisfaction, note) in zip(held, FEEDBACK, strict=False):
            services.leave_feedback(
                team.user, meeting, team, interest=interest, satisfaction=satisfaction, note=note
            )
