"""What the API answers: plain fields, other objects named by id."""

import datetime as dt

from ninja import Schema


class SideOut(Schema):
    id: int
    slug: str
    city: str
    organisation: str
    country_code: str
    timezone: str
    currency: str


class PartnershipOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    sides: list[SideOut]

    @staticmethod
    def resolve_sides(obj):
        return list(obj.sides.all())


class CycleOut(Schema):
    id: int
    partnership_id: int
    slug: str
    name: str
    nominations_per_side: int
    picks_per_side: int


class StageOut(Schema):
    id: int
    cycle_id: int
    kind: str
    order: int
    starts_on: dt.date
    ends_on: dt.date
    description: str


class ThemeOut(Schema):
    id: int
    cycle_id: int
    proposed_by_id: int
    title: str
    description: str
    state: str
    created: dt.datetime


class ThemeIn(Schema):
    cycle_id: int
    side_id: int
    title: dict[str, str]
    description: dict[str, str] = {}


class HostingOfferOut(Schema):
    id: int
    cycle_id: int
    organisation_id: int
    organisation_name: str
    side_id: int
    services: list[str]
    teams: int
    desks: int
    starts_on: dt.date
    ends_on: dt.date
    notes: str

    @staticmethod
    def resolve_organisation_name(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_side_id(obj):
        return obj.organisation.side_id


class CallOut(Schema):
    id: int
    cycle_id: int
    side_id: int
    slug: str
    title: str
    introduction: str
    eligibility: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    published: bool


class ApplicationOut(Schema):
    id: int
    call_id: int
    state: str
    language: str
    team_name: str
    organisation: str
    theme_id: int | None
    created: dt.datetime
    submitted_at: dt.datetime | None


class EntryOut(Schema):
    application_id: int
    kind: str
    order: int
    team_name: str
    theme_id: int | None
    justification: str | None
    summary: dict | None


class NominationOut(Schema):
    id: int
    cycle_id: int
    side_id: int
    state: str
    sent_at: dt.datetime | None
    entries: list[EntryOut]


class PickLineOut(Schema):
    application_id: int
    choice: str
    order: int
    reason: str


class PickOut(Schema):
    id: int
    nomination_id: int
    nominating_side_id: int
    side_id: int
    state: str
    proposed_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    lines: list[PickLineOut]


class TeamOut(Schema):
    application_id: int
    team_name: str
    organisation: str | None
    theme_id: int | None
    pitch: str


class ResultOut(Schema):
    side_id: int
    host_side_id: int
    teams: list[TeamOut]


class ResultsOut(Schema):
    cycle_id: int
    results: list[ResultOut]


class ReviewOut(Schema):
    id: int
    committee_id: int
    member_id: int
    application_id: int
    state: str
    scores: dict
    comment: str
    comment_for_applicant: str
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_committee_id(obj):
        return obj.member.committee_id


class DelegationOut(Schema):
    id: int
    cycle_id: int
    side_id: int
    host_side_id: int
    slug: str
    title: str
    starts_on: dt.date
    ends_on: dt.date


class ItineraryItemOut(Schema):
    id: int
    delegation_id: int
    day: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    period: str
    timezone: str
    activity: str
    place: str
    address: str
    organisation_id: int | None
    attendee_ids: list[int]

    @staticmethod
    def resolve_attendee_ids(obj):
        return [traveller.pk for traveller in obj.attendees.all()]


class SessionOut(Schema):
    id: int
    cycle_id: int
    host_side_id: int
    title: str
    timezone: str
    slot_minutes: int


class MeetingOut(Schema):
    id: int
    session_id: int
    state: str
    origin: str
    priority: int
    pinned: bool
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    place: str | None
    party_ids: list[int]

    @staticmethod
    def resolve_starts_at(obj):
        return obj.slot.starts_at if obj.slot else None

    @staticmethod
    def resolve_ends_at(obj):
        return obj.slot.ends_at if obj.slot else None

    @staticmethod
    def resolve_place(obj):
        return obj.place.name if obj.place else None

    @staticmethod
    def resolve_party_ids(obj):
        return sorted(party.pk for party in obj.parties.all())


class OutcomeOut(Schema):
    id: int
    application_id: int
    funds_raised: str
    currency: str
    investor_type: str
    pilots: int
    partnerships: int
    jobs_created: int
    entities_opened: int
    media_coverage: str
    active_after_6_months: bool | None
    active_after_12_months: bool | None
    updated: dt.datetime

    @staticmethod
    def resolve_funds_raised(obj):
        return str(obj.funds_raised)


class MilestoneOut(Schema):
    id: int
    application_id: int
    stage: str
    reached_on: dt.date
    evidence: str
    link: str
    has_evidence_file: bool
    validated_at: dt.datetime

    @staticmethod
    def resolve_has_evidence_file(obj):
        return bool(obj.evidence_file)
