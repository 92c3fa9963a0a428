import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import BudgetLine, Theme
from tests import factories as f

EVERYONE = ["anonymous", "alice", "tina", "theo", "hana", "olga"]


def login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world.users, who))
    return client


def url(world, name, *more):
    return reverse(f"partnerships:{name}", args=[world.partnership.slug, world.cycle.slug, *more])


def is_login_redirect(response):
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.fixture
def proposal(world):
    return f.ThemeFactory(
        cycle=world.cycle, proposed_by=world.taichung, title="Smart machinery", state="proposed"
    )


def count_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context)


# The partnership page


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_the_partnership_with_its_sides_and_cycles(client, world, who):
    login(client, world, who)
    response = client.get(reverse("partnerships:detail", args=[world.partnership.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "臺中" not in page and "Taichung" in page and "Toulouse" in page
    assert "Asia/Taipei" in page and "Français" in page
    assert url(world, "cycle") in page


def test_an_unknown_partnership_is_404(client, world):
    assert client.get(reverse("partnerships:detail", args=["nowhere"])).status_code == 404


def test_the_partnership_page_shows_sides_in_chinese_in_chinese(client, world):
    address = reverse("partnerships:detail", args=[world.partnership.slug])
    assert address.startswith("/en/")
    response = client.get(address.replace("/en/", "/zh-hant/", 1))
    assert "臺中" in response.content.decode()


def test_the_partnership_page_does_not_query_per_cycle(
    client, world, django_assert_max_num_queries
):
    address = reverse("partnerships:detail", args=[world.partnership.slug])
    queries = count_queries(client, address)
    for year in range(2020, 2030):
        f.cycle_factory(world.partnership, slug=str(year), start=dt.date(year, 7, 1))
    with django_assert_max_num_queries(queries):
        client.get(address)


# The cycle page


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_the_timeline_with_the_current_stage(client, world, who):
    login(client, world, who)
    response = client.get(url(world, "cycle"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg class="gantt"' in page and 'class="bar-rect current"' in page
    assert 'class="today"' in page
    assert '<span class="badge open">Open call</span>' in page
    assert "<title>Open call:" in page
    assert reverse("calls:detail", kwargs={"slug": "taichung-2019"}) in page
    assert "Internet of Things" in page


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("alice", False),
        ("hana", False),
        ("tina", True),
        ("theo", True),
        ("olga", True),
    ],
)
def test_only_managers_see_what_each_side_still_has_to_do(client, world, who, sees):
    login(client, world, who)
    page = client.get(url(world, "cycle")).content.decode()
    assert ("What each side still has to do" in page) is sees
    assert ("Draft this side&#x27;s budget for the cycle." in page) is sees


def test_the_svg_numbers_are_not_localized_in_french(client, world):
    address = url(world, "cycle").replace("/en/", "/fr/", 1)
    page = client.get(address).content.decode()
    assert 'x="300.0"' in page and 'x="300,0"' not in page


def test_an_unpublished_call_is_shown_to_managers_only(client, world):
    world.call_tl.published = False
    world.call_tl.save()
    address = reverse("calls:detail", kwargs={"slug": "toulouse-2019"})
    assert address not in client.get(url(world, "cycle")).content.decode()
    login(client, world, "tina")
    assert address in client.get(url(world, "cycle")).content.decode()


def test_a_manager_gets_links_to_their_own_budget_only(client, world):
    page = login(client, world, "tina").get(url(world, "cycle")).content.decode()
    assert url(world, "budget", "taichung") in page
    assert url(world, "budget", "toulouse") not in page


def test_the_cycle_page_does_not_query_per_theme(client, world, django_assert_max_num_queries):
    login(client, world, "tina")
    queries = count_queries(client, url(world, "cycle"))
    f.ThemeFactory.create_batch(10, cycle=world.cycle, proposed_by=world.toulouse)
    with django_assert_max_num_queries(queries):
        client.get(url(world, "cycle"))


def test_an_unknown_cycle_is_404(client, world):
    address = reverse("partnerships:cycle", args=[world.partnership.slug, "1999"])
    assert client.get(address).status_code == 404


def test_a_cycle_of_another_partnership_is_404(client, world):
    other = f.PartnershipFactory(slug="other")
    f.cycle_factory(other, slug="2030")
    address = reverse("partnerships:cycle", args=[world.partnership.slug, "2030"])
    assert client.get(address).status_code == 404


# Themes


@pytest.mark.parametrize(
    ("who", "sees_proposals"),
    [
        ("anonymous", False),
        ("alice", False),
        ("hana", False),
        ("tina", True),
        ("theo", True),
        ("olga", True),
    ],
)
def test_only_managers_see_themes_under_discussion(client, world, proposal, who, sees_proposals):
    login(client, world, who)
    response = client.get(url(world, "themes"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Internet of Things" in page
    assert ("Smart machinery" in page) is sees_proposals
    assert ("Propose a theme" in page) is sees_proposals


def test_the_partner_manager_gets_the_answer_form_and_the_proposer_the_withdraw_button(
    client, world, proposal
):
    decide = url(world, "theme_decide", proposal.pk)
    withdraw = url(world, "theme_withdraw", proposal.pk)
    page = login(client, world, "theo").get(url(world, "themes")).content.decode()
    assert decide in page and withdraw not in page
    page = login(client, world, "tina").get(url(world, "themes")).content.decode()
    assert decide not in page and withdraw in page


def test_the_history_shows_each_answer_with_its_comment(client, world, proposal):
    f.SideFactory(partnership=world.partnership, slug="kaohsiung", city="Kaohsiung")
    login(client, world, "theo").post(
        url(world, "theme_decide", proposal.pk),
        {"side": world.toulouse.pk, "decision": "agree", "comment": "Bien volontiers"},
    )
    page = client.get(url(world, "themes")).content.decode()
    assert "Bien volontiers" in page and "Théo Manager" in page
    assert "Waiting for an answer" in page  # Kaohsiung has not answered yet


def test_a_manager_proposes_a_theme(client, world):
    response = login(client, world, "tina").post(
        url(world, "theme_propose"),
        {"side": world.taichung.pk, "title_zh_hant": "智慧製造", "description_en": "Factories"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(title_zh_hant="智慧製造")
    assert (theme.proposed_by, theme.proposer, theme.state) == (
        world.taichung,
        world.users.tina,
        ThemeState.PROPOSED,
    )


def test_a_proposal_without_any_title_is_shown_again_with_the_error(client, world):
    response = login(client, world, "tina").post(
        url(world, "theme_propose"), {"side": world.taichung.pk, "description_en": "Factories"}
    )
    assert response.status_code == 200
    assert "Fill in at least one of the languages." in response.content.decode()
    assert not Theme.objects.filter(description_en="Factories").exists()


def test_a_proposal_for_the_partner_side_is_refused_next_to_the_field(client, world):
    response = login(client, world, "tina").post(
        url(world, "theme_propose"), {"side": world.toulouse.pk, "title_en": "Aerospace"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Theme.objects.filter(title_en="Aerospace").exists()


@pytest.mark.parametrize("who", ["alice", "hana"])
def test_people_who_manage_no_side_cannot_propose(client, world, who):
    response = login(client, world, who).post(url(world, "theme_propose"), {"title_en": "X"})
    assert response.status_code == 403


def test_anonymous_posts_are_sent_to_log_in(client, world, proposal):
    for address in (
        url(world, "theme_propose"),
        url(world, "theme_decide", proposal.pk),
        url(world, "theme_withdraw", proposal.pk),
    ):
        assert is_login_redirect(client.post(address, {"decision": "agree"}))
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.PROPOSED


def test_the_actions_only_accept_post(client, world, proposal):
    login(client, world, "tina")
    assert client.get(url(world, "theme_propose")).status_code == 405
    assert client.get(url(world, "theme_withdraw", proposal.pk)).status_code == 405


def test_the_partner_manager_agrees(client, world, proposal):
    response = login(client, world, "theo").post(
        url(world, "theme_decide", proposal.pk), {"side": world.toulouse.pk, "decision": "agree"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.AGREED


def test_declining_without_a_comment_shows_the_error_next_to_the_comment(client, world, proposal):
    response = login(client, world, "theo").post(
        url(world, "theme_decide", proposal.pk),
        {"side": world.toulouse.pk, "decision": "decline", "comment": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say why you decline" in page
    assert f'id="id_theme{proposal.pk}_side{world.toulouse.pk}_comment_error"' in page
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.PROPOSED


def test_an_unknown_decision_is_refused_with_a_message(client, world, proposal):
    response = login(client, world, "theo").post(
        url(world, "theme_decide", proposal.pk), {"side": world.toulouse.pk, "decision": "maybe"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_answering_an_already_decided_theme_says_so(client, world):
    response = login(client, world, "theo").post(
        url(world, "theme_decide", world.theme.pk), {"side": world.toulouse.pk, "decision": "agree"}
    )
    assert response.status_code == 200
    assert "already been decided" in response.content.decode()


@pytest.mark.parametrize("who", ["tina", "alice", "hana"])
def test_the_proposer_and_outsiders_cannot_answer(client, world, proposal, who):
    response = login(client, world, who).post(
        url(world, "theme_decide", proposal.pk), {"side": world.toulouse.pk, "decision": "agree"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.PROPOSED


def test_a_theme_of_another_cycle_is_404(client, world):
    other_cycle = f.cycle_factory(world.partnership, slug="2030", start=dt.date(2029, 7, 1))
    foreign = f.ThemeFactory(cycle=other_cycle, proposed_by=world.taichung, state="proposed")
    login(client, world, "theo")
    data = {"side": world.toulouse.pk, "decision": "agree"}
    assert client.post(url(world, "theme_decide", foreign.pk), data).status_code == 404
    assert client.post(url(world, "theme_decide", 999999), data).status_code == 404
    login(client, world, "tina")
    assert client.post(url(world, "theme_withdraw", foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.state == ThemeState.PROPOSED


def test_the_proposer_withdraws_their_theme(client, world, proposal):
    response = login(client, world, "tina").post(url(world, "theme_withdraw", proposal.pk))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.WITHDRAWN


def test_the_partner_cannot_withdraw_a_theme(client, world, proposal):
    response = login(client, world, "theo").post(url(world, "theme_withdraw", proposal.pk))
    assert response.status_code == 403


def test_withdrawing_an_agreed_theme_says_why_not(client, world):
    response = login(client, world, "tina").post(url(world, "theme_withdraw", world.theme.pk))
    assert response.status_code == 200
    assert "Only a theme still under discussion can be withdrawn." in response.content.decode()


def test_the_themes_page_does_not_query_per_theme(client, world, django_assert_max_num_queries):
    login(client, world, "theo")
    queries = count_queries(client, url(world, "themes"))
    for number in range(10):
        theme = f.ThemeFactory(cycle=world.cycle, proposed_by=world.taichung, state="proposed")
        theme.decisions.create(side=world.toulouse, actor=world.users.theo, decision="agree")
        f.ThemeFactory(
            cycle=world.cycle, proposed_by=world.taichung, title=f"Open {number}", state="proposed"
        )
    with django_assert_max_num_queries(queries):
        client.get(url(world, "themes"))


# Stages


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("hana", 403),
        ("tina", 200),
        ("theo", 200),
        ("olga", 200),
    ],
)
def test_managers_of_either_side_edit_the_timeline(client, world, who, status):
    assert login(client, world, who).get(url(world, "stages")).status_code == status


def test_anonymous_visitors_are_sent_to_log_in_for_the_timeline(client, world):
    assert is_login_redirect(client.get(url(world, "stages")))


def stage_data(world, **changes):
    stages = list(world.cycle.stages.order_by("order"))
    data = {
        "form-TOTAL_FORMS": len(stages),
        "form-INITIAL_FORMS": len(stages),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, stage in enumerate(stages):
        data[f"form-{index}-id"] = stage.pk
        data[f"form-{index}-starts_on"] = stage.starts_on.isoformat()
        data[f"form-{index}-ends_on"] = stage.ends_on.isoformat()
    data.update(changes)
    return data


def test_a_manager_moves_a_stage_and_describes_it(client, world):
    new_end = world.cycle.stages.get(order=1).ends_on + dt.timedelta(days=5)
    response = login(client, world, "theo").post(
        url(world, "stages"),
        stage_data(
            world, **{"form-0-ends_on": new_end.isoformat(), "form-0-description_fr": "Réunions"}
        ),
    )
    assert response.status_code == 302
    stage = world.cycle.stages.get(order=1)
    assert (stage.ends_on, stage.description_fr) == (new_end, "Réunions")


def test_a_stage_ending_before_it_starts_is_refused_next_to_its_end(client, world):
    start = world.cycle.stages.get(order=1).starts_on
    early = (start - dt.timedelta(days=1)).isoformat()
    response = login(client, world, "tina").post(
        url(world, "stages"), stage_data(world, **{"form-0-ends_on": early})
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors
    assert list(errors) == ["ends_on"]
    assert "A stage cannot end before it starts." in response.content.decode()


def test_a_malformed_date_is_refused_with_a_message(client, world):
    response = login(client, world, "tina").post(
        url(world, "stages"), stage_data(world, **{"form-0-starts_on": "soon"})
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_a_stage_of_another_cycle_cannot_be_slipped_into_the_formset(client, world):
    other_cycle = f.cycle_factory(world.partnership, slug="2030", start=dt.date(2029, 7, 1))
    foreign = other_cycle.stages.get(order=1)
    response = login(client, world, "tina").post(
        url(world, "stages"),
        stage_data(world, **{"form-0-id": foreign.pk, "form-0-ends_on": "2040-01-01"}),
    )
    assert response.status_code == 200
    assert "The timeline changed while you were editing it" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.ends_on != dt.date(2040, 1, 1)


def test_a_tampered_formset_is_refused_without_a_crash(client, world):
    response = login(client, world, "tina").post(url(world, "stages"), {"form-0-id": "x"})
    assert response.status_code == 200


# Budget


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("hana", 403),
        ("theo", 403),
        ("tina", 200),
        ("olga", 200),
    ],
)
def test_only_the_side_managers_see_its_budget(client, world, who, status):
    f.BudgetLineFactory(cycle=world.cycle, side=world.taichung, label="Flights to Toulouse")
    response = login(client, world, who).get(url(world, "budget", "taichung"))
    assert response.status_code == status
    assert ("Flights to Toulouse" in response.content.decode()) is (status == 200)


def test_partner_manager_cannot_see_budget(client, world):
    response = login(client, world, "tina").get(url(world, "budget", "toulouse"))
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_for_a_budget(client, world):
    assert is_login_redirect(client.get(url(world, "budget", "taichung")))


def test_an_unknown_side_budget_is_404(client, world):
    assert login(client, world, "olga").get(url(world, "budget", "paris")).status_code == 404


def test_the_budget_totals_each_currency(client, world):
    line = {"cycle": world.cycle, "side": world.taichung}
    f.BudgetLineFactory(**line, estimate=100000, actual=110000)
    f.BudgetLineFactory(**line, estimate=50000, actual=None)
    f.BudgetLineFactory(**line, estimate=1000, actual=900, currency="EUR")
    totals = login(client, world, "tina").get(url(world, "budget", "taichung")).context["totals"]
    by_currency = {row["currency"]: row for row in totals}
    assert by_currency["TWD"]["total_estimate"] == 150000
    assert by_currency["TWD"]["total_actual"] == 110000
    assert by_currency["TWD"]["difference"] == 10000
    assert by_currency["TWD"]["pending"] == 1
    assert by_currency["EUR"]["difference"] == -100


def test_a_manager_adds_a_budget_line(client, world):
    response = login(client, world, "tina").post(
        url(world, "budget", "taichung"),
        {"category": "lodging", "label": "Hotel", "estimate": "45000", "currency": "TWD"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(label="Hotel")
    assert (line.cycle, line.side, line.actual) == (world.cycle, world.taichung, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("estimate", "-5", "greater than or equal to 0"),
        ("estimate", "lots", "Enter a number."),
        ("category", "caviar", "Select a valid choice"),
        ("currency", "USD", "Select a valid choice"),
    ],
)
def test_a_bad_budget_line_is_shown_again_with_the_error(client, world, field, value, message):
    data = {"category": "lodging", "label": "Hotel", "estimate": "45000", "currency": "TWD"}
    response = login(client, world, "tina").post(
        url(world, "budget", "taichung"), {**data, field: value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(response.context["form"].errors) == [field]
    assert not BudgetLine.objects.exists()


def test_a_manager_edits_and_deletes_a_line(client, world):
    line = f.BudgetLineFactory(cycle=world.cycle, side=world.taichung)
    login(client, world, "tina")
    edit = url(world, "budget_line_edit", "taichung", line.pk)
    assert client.get(edit).status_code == 200
    data = {
        "category": "flights",
        "label": "Flights",
        "estimate": "1",
        "actual": "2",
        "currency": "TWD",
    }
    assert client.post(edit, data).status_code == 302
    line.refresh_from_db()
    assert line.actual == 2
    delete = url(world, "budget_line_delete", "taichung", line.pk)
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not BudgetLine.objects.exists()


def test_a_line_of_the_partner_cannot_be_reached_through_ones_own_budget(client, world):
    theirs = f.BudgetLineFactory(cycle=world.cycle, side=world.toulouse, currency="EUR")
    login(client, world, "tina")
    assert client.get(url(world, "budget_line_edit", "taichung", theirs.pk)).status_code == 404
    assert client.post(url(world, "budget_line_delete", "taichung", theirs.pk)).status_code == 404
    assert client.post(url(world, "budget_line_delete", "toulouse", theirs.pk)).status_code == 403
    assert BudgetLine.objects.filter(pk=theirs.pk).exists()


def test_the_budget_page_does_not_query_per_line(client, world, django_assert_max_num_queries):
    login(client, world, "tina")
    f.BudgetLineFactory(cycle=world.cycle, side=world.taichung)
    queries = count_queries(client, url(world, "budget", "taichung"))
    f.BudgetLineFactory.create_batch(10, cycle=world.cycle, side=world.taichung)
    with django_assert_max_num_queries(queries):
        client.get(url(world, "budget", "taichung"))
