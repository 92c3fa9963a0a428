"""The form builder: a side's managers shape their call's questions and preview the result."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jumelage.calls import services
from jumelage.calls.builder_forms import (
    QuestionForm,
    ReorderRefused,
    accepted_answers,
    delete_refusal,
    key_in_use,
    options_formset,
    order_from_numbers,
    reorder_questions,
    save_question,
    validate_question,
)
from jumelage.calls.enums import ApplicationState
from jumelage.calls.forms import ApplicationForm
from jumelage.calls.models import Application, Question
from jumelage.calls.permissions import get_call_for_manager


def _question_of(call, pk) -> Question:
    return get_object_or_404(Question, call=call, pk=pk)


def describe_condition(question, by_pk) -> str:
    """“Shown if <question> = <answer>”, naming the answer by its label, or ""."""
    parent = by_pk.get(question.show_if_id)
    if parent is None:
        return ""
    labels = dict(accepted_answers(parent.kind, [(c.value, c.label) for c in parent.choices.all()]))
    answer = labels.get(question.show_if_value, question.show_if_value)
    return _("Shown if “%(question)s” = “%(answer)s”") % {
        "question": parent.label,
        "answer": answer,
    }


def _rows(asked):
    by_pk = {q.pk: q for q in asked}
    return [(q, describe_condition(q, by_pk)) for q in asked]


@login_required
@require_safe
def questions(request, slug):
    call = get_call_for_manager(request.user, slug)
    submitted = call.applications.filter(state=ApplicationState.SUBMITTED).count()
    return render(
        request,
        "calls/builder/questions.html",
        {
            "call": call,
            "rows": _rows(services.questions_of(call)),
            "submitted": submitted,
        },
    )


@login_required
def add_question(request, slug):
    call = get_call_for_manager(request.user, slug)
    return _question_page(request, call, Question(call=call))


@login_required
def edit_question(request, slug, pk):
    call = get_call_for_manager(request.user, slug)
    return _question_page(request, call, _question_of(call, pk))


def _question_page(request, call, question):
    data = request.POST if request.method == "POST" else None
    is_new = question.pk is None
    form = QuestionForm(data, instance=question)
    options = options_formset(question, data, kind=form.posted_kind())
    if data is not None and validate_question(form, options):
        saved = save_question(form, options)
        messages.success(request, _("The question “%(label)s” is saved.") % {"label": saved.label})
        return redirect("calls:builder", slug=call.slug)
    return render(
        request,
        "calls/builder/question_form.html",
        {"call": call, "question": question, "is_new": is_new, "form": form, "options": options},
        status=400 if data is not None else 200,
    )


@login_required
def delete_question(request, slug, pk):
    call = get_call_for_manager(request.user, slug)
    question = _question_of(call, pk)
    refusal = delete_refusal(question)
    if request.method == "POST" and refusal:
        messages.error(request, refusal)
        return redirect("calls:builder", slug=call.slug)
    if request.method == "POST":
        question.delete()
        messages.success(request, _("The question “%(label)s” is deleted.") % {"label": question})
        return redirect("calls:builder", slug=call.slug)
    answered = key_in_use(question)
    return render(
        request,
        "calls/builder/delete.html",
        {"call": call, "question": question, "refusal": refusal, "answered": answered},
    )


@login_required
@require_POST
def reorder(request, slug):
    """The order from the number inputs (a plain form post) or from a drag (JSON, by fetch)."""
    call = get_call_for_manager(request.user, slug)
    as_json = request.content_type == "application/json"
    try:
        ordered = _ids_from_json(request.body) if as_json else order_from_numbers(request.POST)
        reorder_questions(call, ordered)
    except ReorderRefused as refusal:
        return _reorder_refused(request, refusal, as_json)
    if as_json:
        return JsonResponse({"ok": True})
    messages.success(request, _("The new order is saved."))
    return redirect("calls:builder", slug=call.slug)


# A form of a few hundred questions sends a few kilobytes; anything larger is not an order.
MAX_ORDER_BYTES = 64 * 1024


def _ids_from_json(body) -> list[int]:
    if len(body) > MAX_ORDER_BYTES:
        raise ReorderRefused(_("The order could not be read."))
    try:
        ids = json.loads(body)["order"]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise ReorderRefused(_("The order could not be read.")) from error
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        raise ReorderRefused(_("The order could not be read."))
    return ids


def _reorder_refused(request, refusal, as_json):
    if as_json:
        return JsonResponse({"error": str(refusal)}, status=400)
    return render(
        request,
        "core/error.html",
        {"title": _("The order was not saved"), "explanation": str(refusal)},
        status=400,
    )


@login_required
@require_safe
def preview(request, slug):
    """The form as an applicant first sees it: conditional questions hidden, nothing sent."""
    call = get_call_for_manager(request.user, slug)
    asked = services.questions_of(call)
    application = Application(call=call, language=request.LANGUAGE_CODE)
    form = ApplicationForm(application, questions=asked, attachments=[], strict=False)
    for field in form.fields.values():
        field.disabled = True
    return render(
        request,
        "calls/builder/preview.html",
        {"call": call, "form": form, "conditional": [row for row in _rows(asked) if row[1]]},
    )
