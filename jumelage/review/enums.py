from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    REVIEWER = "reviewer", _("Reviewer")


class ReviewState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("review", "Submitted")

    @classmethod
    def allowed_moves(cls):
        """Every (from, to) pair a review may take; review.services is its only user.
        A chair may send a submitted review back to its reviewer for a change."""
        return {(cls.DRAFT, cls.SUBMITTED), (cls.SUBMITTED, cls.DRAFT)}


class Aggregate(models.TextChoices):
    MEAN = "mean", _("Weighted mean")
    MEDIAN = "median", _("Median")


class AssignmentSource(models.TextChoices):
    HAND = "hand", _("By hand")
    BULK = "bulk", _("In bulk")
    AUTOMATIC = "automatic", _("Automatic")


class BidLevel(models.TextChoices):
    """A reviewer's wish to review an application, used by the automatic assignment."""

    EAGER = "eager", _("Eager")
    WILLING = "willing", _("Willing")
    NOT_FOR_ME = "not_for_me", _("Not for me")


class ReviewerQuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes / no")


class EventKind(models.TextChoices):
    """What the committee's audit history records."""

    COMMITTEE_CHANGED = "committee_changed", _("Committee settings changed")
    MEMBER_INVITED = "member_invited", _("Member invited")
    MEMBER_JOINED = "member_joined", _("Member joined")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    ASSIGNED = "assigned", _("Application assigned")
    PINNED = "pinned", _("Assignment pinned")
    UNPINNED = "unpinned", _("Assignment unpinned")
    BIDS_SAVED = "bids_saved", _("Wishes saved")
    UNASSIGNED = "unassigned", _("Assignment removed")
    CONFLICT_DECLARED = "conflict_declared", _("Conflict declared")
    REVIEW_SUBMITTED = "review_submitted", _("Review submitted")
    REVIEW_REOPENED = "review_reopened", _("Review sent back to its reviewer")
    REMINDED = "reminded", _("Reminder sent")
