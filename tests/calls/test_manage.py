import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jumelage.calls.models import Application
from jumelage.calls.queries import forget_form_definitions
from tests import factories as f


@pytest.fixture
def tina(client, world):
    client.force_login(world.users.tina)
    return client


def submitted(world, n, **fields):
    return f.ApplicationFactory.create_batch(
        n,
        call=world.call_tc,
        state="submitted",
        submitted_at=timezone.now(),
        theme=world.theme,
        **fields,
    )


def list_url(world, **query):
    url = reverse("calls:manage", kwargs={"slug": world.call_tc.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def count_queries(client, url):
    cache.clear()  # measure the cold path, statistics included
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_applications(tina, world):
    submitted(world, 3)
    few = count_queries(tina, list_url(world))
    submitted(world, 120)
    assert count_queries(tina, list_url(world)) == few
    assert count_queries(tina, list_url(world, page=3)) == few


def test_drafts_are_counted_but_not_listed(tina, world):
    submitted(world, 2)
    f.ApplicationFactory(call=world.call_tc, team_name="Secret Draft")
    response = tina.get(list_url(world))
    assert b"Secret Draft" not in response.content
    assert response.context["counts"]["draft"] == 1
    assert response.context["page"].paginator.count == 2


def test_search_and_filters_narrow_the_list(tina, world):
    submitted(world, 3)
    f.ApplicationFactory(
        call=world.call_tc,
        state="submitted",
        team_name="Jade Drones",
        language="zh-hant",
        submitted_at=timezone.now(),
    )
    assert tina.get(list_url(world, q="jade")).context["page"].paginator.count == 1
    assert tina.get(list_url(world, language="zh-hant")).context["page"].paginator.count == 1
    assert tina.get(list_url(world, theme=world.theme.pk)).context["page"].paginator.count == 3


def test_nonsense_filters_are_ignored_not_an_error(tina, world):
    submitted(world, 2)
    response = tina.get(list_url(world, theme="abc", state="nope", page="-5"))
    assert response.status_code == 200


def test_counts_per_theme_and_per_day_are_shown(tina, world):
    submitted(world, 4)
    response = tina.get(list_url(world))
    assert response.context["themes"] == [("Internet of Things", 4)]
    chart = response.context["chart"]
    assert sum(sum(row[1:]) for row in chart.rows) == 4
    assert "<text" in chart.svg and "<script" not in chart.svg
    assert "submissions-per-day-title" in response.content.decode()


def test_the_themes_are_named_in_each_reader_s_language_from_one_shared_count(tina, world):
    theme = world.cycle.themes.get()
    theme.title_fr = "Internet des objets"
    theme.save(update_fields=["title_fr"])
    submitted(world, 2)
    assert tina.get(list_url(world)).context["themes"] == [("Internet of Things", 2)]
    french = tina.get(list_url(world).replace("/en/", "/fr/"), HTTP_ACCEPT_LANGUAGE="fr")
    assert french.context["themes"] == [("Internet des objets", 2)]


def test_another_sides_manager_is_refused(client, world):
    client.force_login(world.users.theo)
    assert client.get(list_url(world)).status_code == 403


def test_csv_export_has_every_application_and_neutralises_formulas(tina, world):
    submitted(world, 2)
    f.ApplicationFactory(
        call=world.call_tc,
        state="submitted",
        team_name="=HYPERLINK(1)",
        submitted_at=timezone.now(),
    )
    response = tina.get(reverse("calls:export", kwargs={"slug": world.call_tc.slug, "fmt": "csv"}))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 4
    assert "'=HYPERLINK(1)" in [row[1] for row in rows]


def export_queries(client, world, fmt):
    url = reverse("calls:export", kwargs={"slug": world.call_tc.slug, "fmt": fmt})
    forget_form_definitions()  # each export reads the form, as a fresh process would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        # A CSV is streamed: its rows are read from the database as they are sent.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body
    return len(queries)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_queries_do_not_grow_with_the_number_of_applications(tina, world, fmt):
    submitted(world, 2)
    few = export_queries(tina, world, fmt)
    submitted(world, 5)
    assert export_queries(tina, world, fmt) == few


def test_xlsx_export_opens_and_respects_filters(tina, world):
    submitted(world, 2)
    f.ApplicationFactory(
        call=world.call_tc, state="submitted", team_name="Jade Drones", submitted_at=timezone.now()
    )
    url = reverse("calls:export", kwargs={"slug": world.call_tc.slug, "fmt": "xlsx"}) + "?q=jade"
    sheet = load_workbook(io.BytesIO(tina.get(url).content)).active
    assert [row[1] for row in sheet.iter_rows(values_only=True)] == ["Team name", "Jade Drones"]


def test_unknown_export_format_is_404(tina, world):
    url = reverse("calls:manage", kwargs={"slug": world.call_tc.slug}) + "export.exe"
    assert tina.get(url).status_code == 404


def test_manager_sees_answers_of_shown_questions_only(tina, world):
    parent = f.QuestionFactory(call=world.call_tc, key="partner", kind="yes_no")
    f.QuestionFactory(
        call=world.call_tc, key="who", label="Who is it?", show_if=parent, show_if_value="yes"
    )
    application = f.ApplicationFactory(
        call=world.call_tc,
        state="submitted",
        answers={"partner": "no", "who": "stale"},
        submitted_at=timezone.now(),
    )
    url = reverse(
        "calls:manage_application", kwargs={"slug": world.call_tc.slug, "pk": application.pk}
    )
    content = tina.get(url).content.decode()
    assert "Who is it?" not in content and "stale" not in content


def test_statistics_follow_a_withdrawal_at_once(tina, world):
    applications = submitted(world, 3)
    assert tina.get(list_url(world)).context["counts"]["submitted"] == 3
    Application.objects.filter(pk=applications[0].pk).update(
        state="withdrawn", updated=timezone.now()
    )
    counts = tina.get(list_url(world)).context["counts"]
    assert (counts["submitted"], counts["withdrawn"]) == (2, 1)


def test_choice_answers_are_shown_and_exported_as_their_labels(tina, world):
    stage = f.QuestionFactory(call=world.call_tc, key="stage", kind="single_choice")
    f.QuestionChoiceFactory(question=stage, value="revenue", label="Already selling")
    f.QuestionFactory(call=world.call_tc, key="partner", kind="yes_no", label="Partner?")
    application = f.ApplicationFactory(
        call=world.call_tc,
        state="submitted",
        answers={"stage": "revenue", "partner": "yes"},
        submitted_at=timezone.now(),
    )
    url = reverse(
        "calls:manage_application", kwargs={"slug": world.call_tc.slug, "pk": application.pk}
    )
    content = tina.get(url).content.decode()
    assert "Already selling" in content and ">revenue<" not in content
    export = reverse("calls:export", kwargs={"slug": world.call_tc.slug, "fmt": "csv"})
    text = b"".join(tina.get(export).streaming_content).decode("utf-8-sig")
    assert "Already selling" in text and "Yes" in text
