"""A matchmaking session during a cycle's visit: participants, profiles, availability,
requests, meetings on slots and places, feedback, and the schedule runs that place them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.core import moments
from jumelage.matchmaking.enums import (
    Interest,
    MeetingOrigin,
    MeetingState,
    Outcome,
    ParticipantKind,
    Priority,
    RequestState,
    RunState,
)
from jumelage.partnerships.models import TIMEZONE_CHOICES


def new_token() -> str:
    """A secret for a participant's agenda feed: the URL is the credential."""
    return secrets.token_urlsafe(24)


class Session(models.Model):
    """The business meetings of one cycle's visit, organised by the host side."""

    cycle = models.ForeignKey(
        "partnerships.Cycle", on_delete=models.CASCADE, related_name="matchmaking_sessions"
    )
    host_side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="matchmaking_sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    timezone = models.CharField(_("timezone"), max_length=64, choices=TIMEZONE_CHOICES)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    travel_minutes = models.PositiveSmallIntegerField(
        _("travel time between venues (minutes)"), default=30
    )
    request_cap = models.PositiveSmallIntegerField(
        _("most requests a participant may send"), default=10
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("days a request waits for an answer"), default=7
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matchmaking session")
        verbose_name_plural = _("matchmaking sessions")
        ordering = ["-created"]

    def __str__(self):
        return self.title


class Venue(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "hosting.HostOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host organisation"),
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["session", "name"]

    def __str__(self):
        return self.name


class Slot(models.Model):
    """A time in which meetings happen at one venue (or online when venue is empty)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, null=True, blank=True, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["session", "starts_at", "venue"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "starts_at"], name="unique_venue_slot"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self):
        return moments.moment(self.starts_at)


class Place(models.Model):
    """A table or room at a venue, or a virtual room (a link)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="places")
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, null=True, blank=True, related_name="places"
    )
    name = models.CharField(_("name"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)
    link = models.URLField(_("meeting link"), blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["session", "venue", "name"]

    def __str__(self):
        return self.name

    @property
    def is_virtual(self):
        return self.venue_id is None


class Participant(models.Model):
    """A selected team, a host organisation or an invited partner in one session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    name = models.CharField(_("name"), max_length=200)
    application = models.ForeignKey(
        "calls.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matchmaking_participants",
        verbose_name=_("selected team"),
    )
    delegation = models.ForeignKey(
        "exchange.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matchmaking_participants",
        verbose_name=_("delegation"),
    )
    organisation = models.ForeignKey(
        "hosting.HostOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matchmaking_participants",
        verbose_name=_("host organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matchmaking_participants",
    )
    email = models.EmailField(_("email"), blank=True)
    ical_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_participant_per_user_and_session",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_team(self):
        return self.kind == ParticipantKind.TEAM


class Profile(models.Model):
    """What a participant offers and seeks, written in their own language."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="profile"
    )
    offers = models.JSONField(_("offers"), default=list, blank=True)
    seeks = models.JSONField(_("seeks"), default=list, blank=True)
    themes = models.ManyToManyField(
        "partnerships.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    sectors = models.CharField(_("sectors"), max_length=300, blank=True)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    description = models.TextField(_("description"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.participant)


class Availability(models.Model):
    """A participant's answer for one slot; no row means available."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="availabilities"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="availabilities")
    available = models.BooleanField(_("available"), default=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="one_answer_per_slot")
        ]

    def __str__(self):
        return f"{self.participant_id}@{self.slot_id}: {self.available}"


class Request(models.Model):
    """One participant asking to meet another."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=RequestState.choices, default=RequestState.PENDING
    )
    expires_at = models.DateTimeField(_("expires at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="no_request_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(state__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class Meeting(models.Model):
    """Two or more participants at one slot and place, once scheduled."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="meetings")
    parties = models.ManyToManyField(Participant, related_name="meetings")
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    state = models.CharField(
        _("status"), max_length=12, choices=MeetingState.choices, default=MeetingState.TO_SCHEDULE
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=MeetingOrigin.choices, default=MeetingOrigin.REQUEST
    )
    request = models.OneToOneField(
        Request, on_delete=models.SET_NULL, null=True, blank=True, related_name="meeting"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    # Fixed by an organiser: a schedule run keeps it where it is.
    pinned = models.BooleanField(_("pinned"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when a change to a party's itinerary makes the meeting's slot impossible for
    # them; cleared when a schedule run or an organiser moves it.
    conflict = models.CharField(_("conflict"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["session", "slot__starts_at", "id"]

    def __str__(self):
        return " · ".join(party.name for party in self.parties.all())


class Feedback(models.Model):
    """One party's word on a meeting, and six months later what came of it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="feedback")
    interest = models.CharField(_("follow-up interest"), max_length=12, choices=Interest.choices)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1 to 5)"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    note = models.TextField(_("note"), blank=True)
    outcome = models.CharField(
        _("what came of it"), max_length=12, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="one_feedback_per_party"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} on {self.meeting_id}: {self.interest}"


class ScheduleRun(models.Model):
    """One solve of a session's schedule; the lease keeps a second run out."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="runs")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=RunState.choices, default=RunState.RUNNING
    )
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    heartbeat = models.DateTimeField()
    lease_until = models.DateTimeField()
    meetings = models.PositiveIntegerField(default=0)
    scheduled = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    weight = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)
    optimal = models.BooleanField(default=False)
    seconds = models.FloatField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(state="running"),
                name="one_running_schedule_per_session",
            )
        ]

    def __str__(self):
        return f"{self.session_id} {moments.moment(self.created)} {self.state}"
