"""The application form's widgets, written in Python, are the HTML of Django's templates."""

import pytest
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict

from jumelage.calls import services
from jumelage.calls.enums import QuestionKind
from jumelage.calls.forms import ApplicationForm
from tests import factories as f

TRICKY = "<b>\"Tom\" & 'Jerry'</b>"


@pytest.fixture
def application(world):
    call = world.call_tc
    call.privacy_notice, call.privacy_notice_version = TRICKY, 1
    call.save()
    for kind in QuestionKind:
        question = f.QuestionFactory(
            call=call, key=kind.value.replace("_", "-"), kind=kind, label=TRICKY
        )
        if kind in QuestionKind.with_choices():
            f.QuestionChoiceFactory(question=question, value="first", label=TRICKY)
            f.QuestionChoiceFactory(question=question, value="second", label="Second")
    f.QuestionFactory(call=call, key="counted", kind=QuestionKind.SHORT_TEXT, max_length=20)
    return services.start_application(world.users.alice, call, "en")


def answers(application):
    data = MultiValueDict(
        {
            "team_name": [TRICKY],
            "contact_email": ["not an email"],
            "theme": [str(application.call.cycle.themes.first().pk)],
            "q_long-text": [TRICKY],
            "q_number": ["12.50"],
            "q_date": ["2026-01-31"],
            "q_single-choice": ["first"],
            "q_yes-no": ["no"],
            "q_counted": ["much longer than twenty characters"],
            "investor_consent": ["on"],
        }
    )
    data.setlist("q_multiple-choice", ["first", "second"])
    return data


def page_rows(application, data, renderer=None):
    questions = services.questions_of(application.call)
    form = ApplicationForm(application, data, questions=questions, attachments=[], strict=True)
    if renderer is not None:
        form.renderer = renderer
    form.is_valid()
    return [
        render_to_string("core/_field.html", {"field": row["field"], "field_row": row})
        for row in form.rows()
    ]


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled with errors"])
def test_application_form_renders_as_django_templates_do(application, filled):
    data = answers(application) if filled else MultiValueDict()
    written = page_rows(application, data)
    templated = page_rows(application, data, DjangoTemplates())
    # the questions, the counted one, the built-in fields, the deck and three consents
    assert len(written) == len(QuestionKind) + 12
    assert written == templated


def test_tricky_text_is_escaped_in_the_written_widgets(application):
    page = "".join(page_rows(application, answers(application)))
    assert TRICKY not in page
    assert "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;" in page
