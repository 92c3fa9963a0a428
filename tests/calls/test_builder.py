import json
import re

import pytest
from django.urls import reverse

from jumelage.calls.enums import ApplicationState, FileKind, QuestionKind
from jumelage.calls.models import Question, QuestionChoice
from tests import factories as f


def url(name, call, **kwargs):
    return reverse(f"calls:{name}", kwargs={"slug": call.slug, **kwargs})


def question_data(options=(), **fields):
    """A question form as the browser posts it, with `options` as (value, English label)."""
    data = {
        "kind": QuestionKind.SHORT_TEXT,
        "key": "",
        "label_zh_hant": "",
        "label_fr": "",
        "label_en": "Team size",
        "help_text_zh_hant": "",
        "help_text_fr": "",
        "help_text_en": "",
        "min_length": "",
        "max_length": "",
        "min_value": "",
        "max_value": "",
        "file_kind": FileKind.PDF,
        "show_if": "",
        "show_if_value": "",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for n, (value, label) in enumerate(options):
        data |= {
            f"options-{n}-value": value,
            f"options-{n}-label_en": label,
            f"options-{n}-label_fr": "",
            f"options-{n}-label_zh_hant": "",
            f"options-{n}-order": "",
        }
    data.update(fields)
    return data


def choice_question(call, key="stage", kind=QuestionKind.SINGLE_CHOICE, values=("idea", "poc")):
    question = f.QuestionFactory(call=call, key=key, kind=kind)
    for order, value in enumerate(values):
        f.QuestionChoiceFactory(question=question, value=value, label=value.title(), order=order)
    return question


@pytest.fixture
def tina(client, world):
    client.force_login(world.users.tina)
    return client


EXTRA_FIELDS = {
    QuestionKind.LONG_TEXT: {"min_length": "10", "max_length": "500"},
    QuestionKind.NUMBER: {"min_value": "0", "max_value": "100"},
    QuestionKind.FILE: {"file_kind": FileKind.PDF_OR_IMAGE},
}


@pytest.mark.parametrize("kind", list(QuestionKind))
def test_every_kind_of_question_can_be_added(tina, world, kind):
    options = [("a", "A"), ("b", "B")] if kind in QuestionKind.with_choices() else []
    data = question_data(options, kind=kind, key="asked", **EXTRA_FIELDS.get(kind, {}))
    response = tina.post(url("builder_add", world.call_tc), data)
    assert response.status_code == 302
    question = world.call_tc.questions.get(key="asked")
    assert question.kind == kind
    assert question.choices.count() == len(options)


def test_limits_are_kept_for_their_kind_only(tina, world):
    data = question_data(
        kind=QuestionKind.LONG_TEXT, min_length="10", max_length="500", min_value="3"
    )
    tina.post(url("builder_add", world.call_tc), data)
    question = world.call_tc.questions.get()
    assert (question.min_length, question.max_length, question.min_value) == (10, 500, None)


def test_new_questions_go_last(tina, world):
    f.QuestionFactory(call=world.call_tc, order=7)
    tina.post(url("builder_add", world.call_tc), question_data(key="last"))
    assert world.call_tc.questions.get(key="last").order == 8


def test_key_is_proposed_from_the_english_label(tina, world):
    f.QuestionFactory(call=world.call_tc, key="team_size")
    tina.post(url("builder_add", world.call_tc), question_data(label_en="Team size"))
    assert world.call_tc.questions.filter(key="team_size_2").exists()


def test_labels_in_every_language_are_saved(tina, world):
    data = question_data(
        label_en="Team size", label_fr="Taille de l’équipe", label_zh_hant="團隊人數"
    )
    tina.post(url("builder_add", world.call_tc), data)
    question = world.call_tc.questions.get()
    assert (question.label_fr, question.label_zh_hant) == ("Taille de l’équipe", "團隊人數")


def test_a_question_needs_a_label(tina, world):
    response = tina.post(url("builder_add", world.call_tc), question_data(label_en=""))
    assert response.status_code == 400
    assert "at least one language" in response.content.decode()


@pytest.mark.parametrize("key", ["pitch_deck", "taken"])
def test_reserved_and_taken_keys_are_refused(tina, world, key):
    f.QuestionFactory(call=world.call_tc, key="taken")
    response = tina.post(url("builder_add", world.call_tc), question_data(key=key))
    assert response.status_code == 400
    assert "key" in response.context["form"].errors


def test_the_same_key_may_serve_in_another_call(tina, world):
    f.QuestionFactory(call=world.call_tl, key="budget")
    response = tina.post(url("builder_add", world.call_tc), question_data(key="budget"))
    assert response.status_code == 302


@pytest.mark.parametrize("kind", sorted(QuestionKind.with_choices()))
def test_choice_questions_need_two_options(tina, world, kind):
    data = question_data([("only", "Only one")], kind=kind)
    response = tina.post(url("builder_add", world.call_tc), data)
    assert response.status_code == 400
    assert "at least two options" in response.content.decode()
    assert not world.call_tc.questions.exists()


def test_options_need_distinct_values(tina, world):
    data = question_data([("same", "One"), ("same", "Two")], kind=QuestionKind.SINGLE_CHOICE)
    response = tina.post(url("builder_add", world.call_tc), data)
    assert response.status_code == 400
    assert not world.call_tc.questions.exists()


def test_options_are_dropped_when_a_question_stops_being_a_choice(tina, world):
    question = choice_question(world.call_tc)
    data = question_data(key=question.key, kind=QuestionKind.SHORT_TEXT)
    tina.post(url("builder_edit", world.call_tc, pk=question.pk), data)
    assert not QuestionChoice.objects.filter(question=question).exists()


def test_condition_on_a_choice_value(tina, world):
    parent = choice_question(world.call_tc)
    data = question_data(key="poc_partner", show_if=parent.pk, show_if_value="poc")
    assert tina.post(url("builder_add", world.call_tc), data).status_code == 302
    assert world.call_tc.questions.get(key="poc_partner").show_if == parent


def test_condition_on_an_unknown_value_is_refused_next_to_the_field(tina, world):
    parent = choice_question(world.call_tc)
    data = question_data(show_if=parent.pk, show_if_value="series-b")
    response = tina.post(url("builder_add", world.call_tc), data)
    assert response.status_code == 400
    assert "show_if_value" in response.context["form"].errors
    field = re.search(r'id="field-show_if_value".*?</div>', response.content.decode(), re.S)
    assert "cannot have this answer" in field.group(0)


@pytest.mark.parametrize(("value", "status"), [("yes", 302), ("no", 302), ("maybe", 400)])
def test_condition_on_a_yes_no_question_is_yes_or_no(tina, world, value, status):
    parent = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.YES_NO)
    data = question_data(show_if=parent.pk, show_if_value=value)
    assert tina.post(url("builder_add", world.call_tc), data).status_code == status


@pytest.mark.parametrize("kind", [QuestionKind.SHORT_TEXT, QuestionKind.NUMBER])
def test_condition_on_a_question_without_choices_is_refused(tina, world, kind):
    parent = f.QuestionFactory(call=world.call_tc, kind=kind)
    data = question_data(show_if=parent.pk, show_if_value="x")
    response = tina.post(url("builder_add", world.call_tc), data)
    assert "show_if" in response.context["form"].errors


def test_condition_on_another_calls_question_is_refused(tina, world):
    foreign = f.QuestionFactory(call=world.call_tl, kind=QuestionKind.YES_NO)
    data = question_data(show_if=foreign.pk, show_if_value="yes")
    response = tina.post(url("builder_add", world.call_tc), data)
    assert "show_if" in response.context["form"].errors


def test_condition_loops_are_refused(tina, world):
    first = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.YES_NO, key="first")
    second = f.QuestionFactory(
        call=world.call_tc, kind=QuestionKind.YES_NO, show_if=first, show_if_value="yes"
    )
    data = question_data(
        kind=QuestionKind.YES_NO, key="first", show_if=second.pk, show_if_value="yes"
    )
    response = tina.post(url("builder_edit", world.call_tc, pk=first.pk), data)
    assert response.status_code == 400
    assert "loop" in str(response.context["form"].errors["show_if"])


def test_a_question_cannot_depend_on_itself(tina, world):
    question = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.YES_NO)
    data = question_data(
        kind=QuestionKind.YES_NO, key=question.key, show_if=question.pk, show_if_value="yes"
    )
    response = tina.post(url("builder_edit", world.call_tc, pk=question.pk), data)
    assert "show_if" in response.context["form"].errors


def test_removing_an_option_a_condition_uses_is_refused(tina, world):
    parent = choice_question(world.call_tc, values=("idea", "poc", "pob"))
    dependent = f.QuestionFactory(
        call=world.call_tc, show_if=parent, show_if_value="poc", label="Which partner?"
    )
    data = question_data([("idea", "Idea"), ("pob", "POB")], kind=parent.kind, key=parent.key)
    data = {k: v for k, v in data.items() if not k.startswith("options-")} | {
        "options-TOTAL_FORMS": "3",
        "options-INITIAL_FORMS": "3",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for n, choice in enumerate(parent.choices.all()):
        data |= {
            f"options-{n}-id": choice.pk,
            f"options-{n}-value": choice.value,
            f"options-{n}-label_en": choice.label,
            f"options-{n}-order": choice.order,
        }
        if choice.value == "poc":
            data[f"options-{n}-DELETE"] = "on"
    response = tina.post(url("builder_edit", world.call_tc, pk=parent.pk), data)
    assert response.status_code == 400
    assert "Which partner?" in response.content.decode()
    assert parent.choices.filter(value="poc").exists()
    dependent.refresh_from_db()
    assert dependent.show_if_value == "poc"


def test_key_is_read_only_once_answered(tina, world):
    question = f.QuestionFactory(call=world.call_tc, key="budget")
    f.ApplicationFactory(call=world.call_tc, answers={"budget": "1000"})
    response = tina.get(url("builder_edit", world.call_tc, pk=question.pk))
    assert response.context["form"].fields["key"].disabled
    tina.post(url("builder_edit", world.call_tc, pk=question.pk), question_data(key="renamed"))
    question.refresh_from_db()
    assert question.key == "budget"


def test_key_of_a_deleted_answered_question_is_not_reused(tina, world):
    f.ApplicationFactory(call=world.call_tc, answers={"budget": "1000"})
    response = tina.post(url("builder_add", world.call_tc), question_data(key="budget"))
    assert "key" in response.context["form"].errors
    tina.post(url("builder_add", world.call_tc), question_data(label_en="Budget"))
    assert world.call_tc.questions.get().key == "budget_2"


def test_key_can_change_while_unanswered(tina, world):
    question = f.QuestionFactory(call=world.call_tc, key="budget")
    tina.post(url("builder_edit", world.call_tc, pk=question.pk), question_data(key="renamed"))
    question.refresh_from_db()
    assert question.key == "renamed"


def test_questions_of_another_call_are_not_found(tina, world):
    foreign = f.QuestionFactory(call=world.call_tl)
    assert tina.get(url("builder_edit", world.call_tc, pk=foreign.pk)).status_code == 404
    assert tina.post(url("builder_delete", world.call_tc, pk=foreign.pk)).status_code == 404
    assert Question.objects.filter(pk=foreign.pk).exists()


def test_list_shows_built_ins_then_questions_with_their_condition(tina, world):
    parent = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.YES_NO, label="Funded?")
    f.QuestionFactory(call=world.call_tc, label="By whom?", show_if=parent, show_if_value="yes")
    page = tina.get(url("builder", world.call_tc)).content.decode()
    assert page.index("Pitch deck") < page.index("Funded?") < page.index("By whom?")
    assert "cannot be edited here" in page
    assert "Shown if “Funded?” = “Yes”" in page


def test_list_warns_once_applications_are_submitted(tina, world):
    page = tina.get(url("builder", world.call_tc)).content.decode()
    assert 'id="answers-warning"' not in page
    f.ApplicationFactory(call=world.call_tc, state=ApplicationState.SUBMITTED)
    page = tina.get(url("builder", world.call_tc)).content.decode()
    assert 'id="answers-warning"' in page


@pytest.mark.parametrize("count", [2, 25])
def test_list_queries_do_not_grow_with_questions(tina, world, django_assert_max_num_queries, count):
    parent = choice_question(world.call_tc)
    for _n in range(count):
        f.QuestionFactory(call=world.call_tc, show_if=parent, show_if_value="poc")
    with django_assert_max_num_queries(8):
        assert tina.get(url("builder", world.call_tc)).status_code == 200


def test_reorder_by_numbers(tina, world):
    a, b, c = (f.QuestionFactory(call=world.call_tc, key=key) for key in "abc")
    data = {f"order-{a.pk}": "3", f"order-{b.pk}": "1", f"order-{c.pk}": "2"}
    response = tina.post(url("builder_reorder", world.call_tc), data)
    assert response.status_code == 302
    assert list(world.call_tc.questions.values_list("key", flat=True)) == ["b", "c", "a"]


def test_reorder_by_drag_posts_json(tina, world):
    a, b, c = (f.QuestionFactory(call=world.call_tc, key=key) for key in "abc")
    response = tina.post(
        url("builder_reorder", world.call_tc),
        json.dumps({"order": [c.pk, a.pk, b.pk]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert list(world.call_tc.questions.values_list("key", "order")) == [
        ("c", 1),
        ("a", 2),
        ("b", 3),
    ]


def _post_order(client, call, ids, as_json):
    if as_json:
        body = json.dumps({"order": ids})
        return client.post(url("builder_reorder", call), body, content_type="application/json")
    numbers = {f"order-{pk}": str(n) for n, pk in enumerate(ids, start=1)}
    return client.post(url("builder_reorder", call), numbers)


@pytest.mark.parametrize("as_json", [True, False])
@pytest.mark.parametrize("case", ["foreign", "missing", "unknown"])
def test_reorder_with_foreign_or_missing_ids_is_refused(tina, world, as_json, case):
    a, b = (f.QuestionFactory(call=world.call_tc, key=key, order=n) for n, key in enumerate("ab"))
    foreign = f.QuestionFactory(call=world.call_tl, order=0)
    ids = {
        "foreign": [b.pk, a.pk, foreign.pk],
        "missing": [b.pk],
        "unknown": [b.pk, a.pk, 999999],
    }[case]
    assert _post_order(tina, world.call_tc, ids, as_json).status_code == 400
    assert list(world.call_tc.questions.values_list("key", flat=True)) == ["a", "b"]
    foreign.refresh_from_db()
    assert (foreign.call, foreign.order) == (world.call_tl, 0)


def test_reorder_naming_a_question_twice_is_refused(tina, world):
    a, b = (f.QuestionFactory(call=world.call_tc) for _n in range(2))
    response = _post_order(tina, world.call_tc, [b.pk, b.pk, a.pk], as_json=True)
    assert response.status_code == 400


def test_reorder_with_a_number_missing_is_refused(tina, world):
    a, b = (f.QuestionFactory(call=world.call_tc) for _n in range(2))
    data = {f"order-{a.pk}": "2", f"order-{b.pk}": "first"}
    response = tina.post(url("builder_reorder", world.call_tc), data)
    assert response.status_code == 400
    assert "whole number" in response.content.decode()


@pytest.mark.parametrize("body", ["not json", '{"order": "1,2"}', '{"order": ["a"]}', "[]"])
def test_reorder_with_unreadable_json_is_refused(tina, world, body):
    f.QuestionFactory(call=world.call_tc)
    response = tina.post(
        url("builder_reorder", world.call_tc), body, content_type="application/json"
    )
    assert response.status_code == 400


def test_delete_asks_first_then_deletes(tina, world):
    question = f.QuestionFactory(call=world.call_tc)
    page = tina.get(url("builder_delete", world.call_tc, pk=question.pk))
    assert page.status_code == 200
    assert Question.objects.filter(pk=question.pk).exists()
    response = tina.post(url("builder_delete", world.call_tc, pk=question.pk))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def test_deleting_a_question_others_depend_on_is_refused(tina, world):
    parent = f.QuestionFactory(call=world.call_tc, kind=QuestionKind.YES_NO)
    f.QuestionFactory(call=world.call_tc, label="Since when?", show_if=parent, show_if_value="yes")
    page = tina.get(url("builder_delete", world.call_tc, pk=parent.pk)).content.decode()
    assert "Since when?" in page
    assert "Delete the question" not in page
    response = tina.post(url("builder_delete", world.call_tc, pk=parent.pk), follow=True)
    assert "Since when?" in response.content.decode()
    assert Question.objects.filter(pk=parent.pk).exists()


def test_preview_hides_conditional_questions_and_sends_nothing(tina, world):
    parent = f.QuestionFactory(call=world.call_tc, key="funded", kind=QuestionKind.YES_NO)
    f.QuestionFactory(call=world.call_tc, key="investor", show_if=parent, show_if_value="yes")
    page = tina.get(url("builder_preview", world.call_tc)).content.decode()
    investor = re.search(r'class="field" id="field-q_investor"[^>]*>', page).group(0)
    funded = re.search(r'class="field" id="field-q_funded"[^>]*>', page).group(0)
    assert "hidden" in investor
    assert 'data-show-if="q_funded"' in investor
    assert "hidden" not in funded
    assert 'name="q_investor"' in page
    assert re.search(r'<input[^>]*name="team_name"[^>]*disabled', page)
    assert "<form" not in page.split('id="main"')[1]


def test_preview_creates_no_application(tina, world):
    tina.get(url("builder_preview", world.call_tc))
    assert not world.call_tc.applications.exists()


BUILDER_PAGES = [
    ("builder", "get", {}),
    ("builder_add", "get", {}),
    ("builder_add", "post", {}),
    ("builder_edit", "get", {"pk": True}),
    ("builder_edit", "post", {"pk": True}),
    ("builder_delete", "get", {"pk": True}),
    ("builder_delete", "post", {"pk": True}),
    ("builder_reorder", "post", {}),
    ("builder_preview", "get", {}),
]


def _builder_url(world, name, needs_pk):
    question = f.QuestionFactory(call=world.call_tc)
    return url(name, world.call_tc, **({"pk": question.pk} if needs_pk else {}))


@pytest.mark.parametrize(("name", "method", "kwargs"), BUILDER_PAGES)
@pytest.mark.parametrize("user", ["theo", "alice", "hana"])
def test_others_are_forbidden(client, world, name, method, kwargs, user):
    target = _builder_url(world, name, bool(kwargs))
    client.force_login(getattr(world.users, user))
    response = getattr(client, method)(target, question_data(key="intruder"))
    assert response.status_code == 403
    assert world.call_tc.questions.count() == 1


@pytest.mark.parametrize(("name", "method", "kwargs"), BUILDER_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, world, name, method, kwargs):
    target = _builder_url(world, name, bool(kwargs))
    response = getattr(client, method)(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method", "kwargs"), BUILDER_PAGES)
def test_operators_may_use_every_page(client, world, name, method, kwargs):
    target = _builder_url(world, name, bool(kwargs))
    client.force_login(world.users.olga)
    response = getattr(client, method)(target)
    assert response.status_code in (200, 302, 400)


def test_theo_builds_toulouse_form(client, world):
    client.force_login(world.users.theo)
    response = client.post(url("builder_add", world.call_tl), question_data(key="budget"))
    assert response.status_code == 302
    assert world.call_tl.questions.filter(key="budget").exists()


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, json.dumps({"order": list(range(20_000))}), "{not json"],
    ids=["deeply-nested", "oversized", "malformed"],
)
def test_a_hostile_reorder_body_is_refused_with_400(tina, world, body):
    f.QuestionFactory(call=world.call_tc, key="a", order=0)
    response = tina.post(
        url("builder_reorder", world.call_tc), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"error": "The order could not be read."}
    assert list(world.call_tc.questions.values_list("key", flat=True)) == ["a"]
