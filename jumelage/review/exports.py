"""The committee's scores and comments for its meeting, as CSV or XLSX (managers only)."""

import mimetypes

from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.core.spreadsheets import csv_response, xlsx_response
from jumelage.optimize.ranking import weighted_score
from jumelage.review.models import Review
from jumelage.review.queries import conflicted_pairs, criteria_for_ranking, ranking_of

FORMATS = ("csv", "xlsx")


def neutral_filename(application, attachment) -> str:
    """A file name that says nothing of the team: reference, question, extension."""
    extension = mimetypes.guess_extension(attachment.content_type) or ""
    return f"{application.reference}-{attachment.question_key}{extension}"


def review_rows(committee):
    criteria = list(committee.criteria.all())
    questions = list(committee.reviewer_questions.all())
    plain_criteria = criteria_for_ranking(committee)
    conflicts = conflicted_pairs(committee)
    tz = committee.side.tzinfo
    yield [
        _("Reference"),
        _("Team name"),
        _("Reviewer"),
        _("Status"),
        _("Conflict of interest"),
        *[c.name for c in criteria],
        _("Weighted score (0–100)"),
        *[q.label for q in questions],
        _("Comment for the committee"),
        _("Comment for the applicant"),
        _("Submitted at"),
    ]
    reviews = (
        Review.objects.filter(member__committee=committee)
        .select_related("member", "application__call")
        .order_by("application_id", "member__name")
    )
    for review in reviews:
        score = weighted_score({int(k): v for k, v in review.scores.items()}, plain_criteria)
        submitted = review.submitted_at
        yield [
            review.application.reference,
            review.application.team_name,
            review.member.name,
            review.get_state_display(),
            _("yes") if (review.member_id, review.application_id) in conflicts else "",
            *[review.scores.get(str(c.pk)) for c in criteria],
            None if score is None else round(score * 100, 1),
            *[review.answers.get(str(q.pk)) for q in questions],
            review.comment,
            review.comment_for_applicant,
            timezone.localtime(submitted, tz).strftime("%Y-%m-%d %H:%M") if submitted else "",
        ]


def ranking_rows(committee):
    yield [
        _("Position"),
        _("Reference"),
        _("Team name"),
        _("Score (0–100)"),
        _("Spread"),
        _("Reviews"),
        _("Disagreement"),
    ]
    for line in ranking_of(committee):
        yield [
            line.position,
            line.application.reference,
            line.application.team_name,
            line.percent,
            line.spread_percent,
            line.review_count,
            _("yes") if line.disagreement else "",
        ]


def response(committee, fmt, filename):
    if fmt == "xlsx":
        sheets = {_("Ranking"): ranking_rows(committee), _("Reviews"): review_rows(committee)}
        return xlsx_response(sheets, filename)
    return csv_response(review_rows(committee), filename)
