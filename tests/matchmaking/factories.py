import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from jumelage.matchmaking.enums import ParticipantKind
from jumelage.matchmaking.models import Participant, Place, Profile, Session, Slot, Venue


def session_world(world):
    """A Toulouse session: four 20-minute slots at La Cantine, two tables and a virtual room;
    alice's team, hana's La Cantine and bob as an investor."""
    session = Session.objects.create(
        cycle=world.cycle,
        host_side=world.toulouse,
        title="Rencontres d'affaires",
        timezone="Europe/Paris",
        request_cap=3,
    )
    venue = Venue.objects.create(session=session, name="La Cantine", organisation=world.host)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    slots = [
        Slot.objects.create(
            session=session,
            venue=venue,
            starts_at=start + dt.timedelta(minutes=20 * i),
            ends_at=start + dt.timedelta(minutes=20 * (i + 1)),
        )
        for i in range(4)
    ]
    tables = [Place.objects.create(session=session, venue=venue, name=f"T{i}") for i in (1, 2)]
    users = world.users
    team = Participant.objects.create(
        session=session, kind=ParticipantKind.TEAM, name="Orchid", user=users.alice
    )
    host = Participant.objects.create(
        session=session,
        kind=ParticipantKind.INCUBATOR,
        name="La Cantine",
        organisation=world.host,
        user=users.hana,
    )
    investor = Participant.objects.create(
        session=session, kind=ParticipantKind.INVESTOR, name="Midi Capital", user=users.bob
    )
    Profile.objects.create(participant=team, offers=["technology"], seeks=["investment"])
    Profile.objects.create(participant=host, offers=["incubation"], seeks=["technology"])
    Profile.objects.create(participant=investor, offers=["investment"], seeks=["technology"])
    return SimpleNamespace(
        world=world,
        session=session,
        venue=venue,
        slots=slots,
        tables=tables,
        team=team,
        host=host,
        investor=investor,
        users=users,
    )
