"""Named queries over calls and applications, for pages, exports and reports alike."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate

from jumelage.calls.enums import ApplicationState, QuestionKind
from jumelage.calls.models import Application
from jumelage.partnerships.models import Theme
from jumelage.partnerships.queries import agreed_themes


@dataclass(frozen=True)
class FormDefinition:
    """What a call's form asks: its questions (conditions and choices loaded) and the agreed
    themes of its cycle. Shared between requests: read it, never change it."""

    questions: tuple
    themes: tuple


# call pk -> (the call's `updated` when read, its definition), in this process only
_definitions: dict = {}


def form_definition(call) -> FormDefinition:
    """The call's form, read once per process and per version of the call.

    Every applicant's page, save and submission needs it, and it rarely changes. A change to
    a question, an option or a theme touches the call (calls.signals), so a process that
    reads the call afterwards sees a new `updated` and reads the form again.
    """
    kept = _definitions.get(call.pk)
    if kept is not None and kept[0] == call.updated:
        return kept[1]
    questions = call.questions.select_related("show_if").prefetch_related("choices")
    definition = FormDefinition(tuple(questions), tuple(agreed_themes(call.cycle_id)))
    _definitions[call.pk] = (call.updated, definition)
    return definition


def forget_form_definitions() -> None:
    _definitions.clear()


def pitch_of(application) -> str:
    """What the team does, in a line: its answer to the form's first short-text question
    that does not identify it (the one-sentence pitch most calls open with)."""
    for question in form_definition(application.call).questions:
        if question.kind == QuestionKind.SHORT_TEXT and not question.identifying:
            answer = application.answers.get(question.key)
            return answer if isinstance(answer, str) else ""
    return ""


def applications_of(user):
    return (
        Application.objects.filter(applicant=user)
        .select_related("call__side", "call__cycle")
        .order_by("-created")
    )


def applications_for_managers(call):
    """A call's applications as the managers' list shows them. Drafts are the applicants'
    own until submitted, so only their number is shown, never their content."""
    return (
        Application.objects.filter(call=call, state__in=ApplicationState.seen_by_managers())
        .select_related("theme")
        .defer("answers")
        .order_by("-submitted_at", "-id")
    )


def with_call(applications, call) -> list:
    """The rows of one call, given the call they belong to instead of a join per row."""
    rows = list(applications)
    for application in rows:
        application.call = call
    return rows


def search(applications, text: str):
    text = text.strip()
    if not text:
        return applications
    return applications.filter(
        Q(team_name__icontains=text)
        | Q(organisation__icontains=text)
        | Q(contact_name__icontains=text)
        | Q(contact_email__icontains=text)
    )


def call_statistics(call) -> dict:
    """Counts by state and theme and submissions per day, recomputed only when an
    application of the call changed: one indexed query decides whether the copy is fresh."""
    latest = Application.objects.filter(call=call).aggregate(n=Count("id"), at=Max("updated"))
    stamp = latest["at"].timestamp() if latest["at"] else 0
    key = f"call-statistics:{call.pk}:{latest['n']}:{stamp}"
    statistics = cache.get_or_set(
        key,
        lambda: {
            "counts": counts_by_state(call),
            "themes": counts_by_theme(call),
            "per_day": submissions_per_day(call),
        },
        timeout=3600,
    )
    # Shared by readers of every language: the themes are named in this reader's.
    titles = {theme.pk: theme.title for theme in Theme.objects.filter(cycle=call.cycle_id)}
    return {**statistics, "themes": [(titles.get(pk), n) for pk, n in statistics["themes"]]}


def counts_by_state(call) -> dict:
    rows = Application.objects.filter(call=call).values_list("state").annotate(n=Count("id"))
    return dict(rows)


def counts_by_theme(call) -> list[tuple]:
    """(theme id, count) for submitted applications, most popular first."""
    rows = (
        Application.objects.filter(call=call, state=ApplicationState.SUBMITTED)
        .values("theme")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [(row["theme"], row["n"]) for row in rows]


def submissions_per_day(call) -> dict:
    """{date: count} of submissions, days counted in the call side's timezone."""
    rows = (
        Application.objects.filter(call=call, state=ApplicationState.SUBMITTED)
        .annotate(day=TruncDate("submitted_at", tzinfo=call.side.tzinfo))
        .values_list("day")
        .annotate(n=Count("id"))
    )
    return dict(rows)
