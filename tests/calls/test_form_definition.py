"""The call's form is read once per process and version of the call; every change to a
question, an option or a theme is seen by the next form, in this process and in others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jumelage.calls import queries
from jumelage.calls.builder_forms import reorder_questions
from jumelage.calls.models import Call
from jumelage.partnerships import services as partnership_services
from tests import factories as f

pytestmark = pytest.mark.django_db


def fresh(call):
    """The call as a request reads it."""
    return Call.objects.get(pk=call.pk)


def keys(call):
    return [question.key for question in queries.form_definition(fresh(call)).questions]


def as_another_process(change):
    """Make `change` as if another process made it: the copies kept here stay as they were,
    so only the call's touched `updated` can tell them apart."""
    kept = dict(queries._definitions)
    change()
    queries._definitions.update(kept)


def test_a_second_read_of_the_same_version_asks_the_database_nothing(world):
    f.QuestionFactory(call=world.call_tc, key="pitch")
    call = fresh(world.call_tc)
    queries.form_definition(call)
    with CaptureQueriesContext(connection) as read:
        definition = queries.form_definition(call)
    assert len(read) == 0
    assert [question.key for question in definition.questions] == ["pitch"]


def test_a_new_question_is_in_the_next_form_even_for_a_call_read_before(world):
    call = fresh(world.call_tc)
    assert queries.form_definition(call).questions == ()
    f.QuestionFactory(call=world.call_tc, key="pitch")
    assert [question.key for question in queries.form_definition(call).questions] == ["pitch"]


def test_another_process_reads_the_form_again_after_a_question_is_added(world):
    assert keys(world.call_tc) == []
    as_another_process(lambda: f.QuestionFactory(call=world.call_tc, key="pitch"))
    assert keys(world.call_tc) == ["pitch"]


def test_another_process_sees_a_deleted_question_and_a_new_option(world):
    question = f.QuestionFactory(call=world.call_tc, key="sector", kind="single_choice")
    gone = f.QuestionFactory(call=world.call_tc, key="gone")
    assert keys(world.call_tc) == ["sector", "gone"]
    as_another_process(gone.delete)
    as_another_process(lambda: f.QuestionChoiceFactory(question=question, value="space"))
    (sector,) = queries.form_definition(fresh(world.call_tc)).questions
    assert [choice.value for choice in sector.choices.all()] == ["space"]


def test_another_process_sees_the_new_order(world):
    first = f.QuestionFactory(call=world.call_tc, key="first")
    second = f.QuestionFactory(call=world.call_tc, key="second")
    assert keys(world.call_tc) == ["first", "second"]
    as_another_process(lambda: reorder_questions(world.call_tc, [second.pk, first.pk]))
    assert keys(world.call_tc) == ["second", "first"]


def test_a_theme_agreed_later_reaches_every_call_of_the_cycle(world):
    def themes(call):
        return [theme.title for theme in queries.form_definition(fresh(call)).themes]

    assert themes(world.call_tc) == themes(world.call_tl) == ["Internet of Things"]
    theme = partnership_services.propose_theme(
        world.users.tina, world.cycle, world.taichung, title_en="Aerospace"
    )
    assert themes(world.call_tl) == ["Internet of Things"]  # proposed, not agreed yet
    as_another_process(
        lambda: partnership_services.decide_theme(
            world.users.theo, theme.pk, world.toulouse, "agree"
        )
    )
    assert sorted(themes(world.call_tc)) == sorted(themes(world.call_tl))
    assert sorted(themes(world.call_tl)) == ["Aerospace", "Internet of Things"]
