from django.db import models
from django.utils.translation import gettext_lazy as _


class Exchange(models.TextChoices):
    """What a participant offers or seeks in a meeting: the keys the suggestions compare."""

    PILOT = "pilot", _("a pilot project")
    INVESTMENT = "investment", _("investment")
    TECHNOLOGY = "technology", _("a technology")
    MARKET = "market", _("market access")
    LEGAL = "legal", _("legal advice")
    INCUBATION = "incubation", _("incubation")
    PARTNERSHIP = "partnership", _("an industrial partnership")
    TALENT = "talent", _("talent")


class ParticipantKind(models.TextChoices):
    TEAM = "team", _("visiting team")
    HOST = "host", _("host organisation")
    CORPORATE = "corporate", _("corporate")
    INVESTOR = "investor", _("investor")
    LEGAL = "legal", _("legal adviser")
    INCUBATOR = "incubator", _("incubator")
    AGENCY = "agency", _("public agency")


class Priority(models.IntegerChoices):
    WOULD_LIKE = 1, _("would like to meet")
    MUST = 3, _("must meet")


class RequestState(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")

    @classmethod
    def open(cls):
        return (cls.PENDING, cls.ACCEPTED)


class MeetingState(models.TextChoices):
    TO_SCHEDULE = "to_schedule", _("to schedule")
    SCHEDULED = "scheduled", _("scheduled")
    HELD = "held", _("held")
    NO_SHOW = "no_show", _("no-show")
    CANCELLED = "cancelled", _("cancelled")

    @classmethod
    def live(cls):
        return (cls.TO_SCHEDULE, cls.SCHEDULED, cls.HELD, cls.NO_SHOW)


class MeetingOrigin(models.TextChoices):
    REQUEST = "request", _("from a request")
    ORGANISER = "organiser", _("added by the organisers")


class Interest(models.TextChoices):
    NONE = "none", _("no follow-up")
    TALK = "talk", _("talk again")
    PILOT = "pilot", _("a pilot")
    INVESTMENT = "investment", _("an investment")


class Outcome(models.TextChoices):
    NOTHING = "nothing", _("nothing came of it")
    TALKING = "talking", _("still talking")
    NEGOTIATION = "negotiation", _("negotiation started")
    AGREEMENT = "agreement", _("agreement reached")


class RunState(models.TextChoices):
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
