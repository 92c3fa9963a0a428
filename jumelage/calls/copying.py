"""What the calls carry into next year's cycle: each side's call, its texts and its form,
unpublished and a year later. No application comes along."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from jumelage.calls.models import Call
from jumelage.partnerships.copying import CYCLE_COPY, a_year_later_at, copied_row


def register() -> None:
    CYCLE_COPY.register("calls", 300, copy_calls)


def copy_calls(plan) -> None:
    calls = list(Call.objects.filter(cycle=plan.source).select_related("side"))
    for call in calls:
        questions = list(call.questions.prefetch_related("choices").order_by("order", "id"))
        new = copied_row(
            call,
            cycle=plan.target,
            slug=_free_slug(f"{call.side.slug}-{plan.target.slug}"),
            opens_at=a_year_later_at(call.opens_at),
            closes_at=a_year_later_at(call.closes_at),
            published=False,
            **_titles_for(call, plan),
        )
        _copy_form(questions, new)
    plan.note(
        ngettext(
            "%(count)s call with its texts and form, unpublished, a year later.",
            "%(count)s calls with their texts and forms, unpublished, a year later.",
            len(calls),
        )
        % {"count": len(calls)}
    )
    if not calls:
        plan.note(_("No call to copy: this cycle had none."))


def _free_slug(wanted: str) -> str:
    slug, number = wanted, 2
    while Call.objects.filter(slug=slug).exists():
        slug, number = f"{wanted}-{number}", number + 1
    return slug


def _titles_for(call, plan) -> dict:
    """Each language's title with last year's cycle name or slug made this year's."""
    old, new = plan.source, plan.target
    titles = {}
    for code, _name in settings.LANGUAGES:
        column = build_localized_fieldname("title", code)
        title = getattr(call, column) or ""
        titles[column] = title.replace(old.name, new.name).replace(old.slug, new.slug)
    return titles


def _copy_form(questions, call) -> None:
    copies, conditions = {}, {}
    for question in questions:
        source_id, conditions[question.pk] = question.pk, question.show_if_id
        choices = list(question.choices.all())
        copies[source_id] = copied_row(question, call=call, show_if=None)
        for choice in choices:
            copied_row(choice, question=copies[source_id])
    for source_id, show_if_id in conditions.items():
        if show_if_id:
            copies[source_id].show_if = copies[show_if_id]
            copies[source_id].save(update_fields=["show_if"])
