import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jumelage.accounts.models import Role
from jumelage.partnerships.enums import StageKind, ThemeState
from jumelage.partnerships.models import ThemeDecision
from jumelage.partnerships.services import (
    create_cycle,
    decide_theme,
    propose_theme,
    side_todo,
    withdraw_theme,
)
from jumelage.partnerships.timeline import TEMPLATE
from tests import factories as f


@pytest.fixture
def proposal(world):
    return f.ThemeFactory(
        cycle=world.cycle, proposed_by=world.taichung, title="Smart city", state="proposed"
    )


@pytest.fixture
def third(world):
    """A third city joins the partnership, with its own manager."""
    side = f.SideFactory(partnership=world.partnership, slug="kaohsiung", city="Kaohsiung")
    manager = f.UserFactory()
    f.MembershipFactory(user=manager, side=side, role=Role.MANAGER)
    return side, manager


def test_create_cycle_makes_the_eleven_stages_in_order_with_the_template_spacing(world):
    start = dt.date(2030, 3, 15)
    cycle = create_cycle(world.partnership, slug="2031", name="2031", start=start)
    stages = list(cycle.stages.order_by("order"))
    assert [stage.kind for stage in stages] == [kind for kind, _begin, _end in TEMPLATE]
    assert [stage.order for stage in stages] == list(range(1, 12))
    assert stages[0].starts_on == start
    template_start = TEMPLATE[0][1]
    for stage, (_kind, begin, end) in zip(stages, TEMPLATE, strict=True):
        assert stage.starts_on - start == begin - template_start
        assert stage.ends_on - stage.starts_on == end - begin


def test_a_manager_proposes_a_theme_in_several_languages(world):
    theme = propose_theme(
        world.users.tina, world.cycle, world.taichung, title_zh_hant="智慧城市", title_fr="Ville"
    )
    assert theme.state == ThemeState.PROPOSED
    assert theme.proposer == world.users.tina
    assert (theme.title_zh_hant, theme.title_fr) == ("智慧城市", "Ville")


def test_a_manager_cannot_propose_for_the_partner_side(world):
    with pytest.raises(PermissionDenied):
        propose_theme(world.users.tina, world.cycle, world.toulouse, title_en="Aerospace")


def test_a_side_of_another_partnership_cannot_propose(world):
    elsewhere = f.SideFactory(partnership=f.PartnershipFactory(slug="other"))
    with pytest.raises(ValidationError):
        propose_theme(world.users.olga, world.cycle, elsewhere, title_en="Aerospace")


def test_the_partner_agreeing_makes_a_two_side_theme_agreed(world, proposal):
    theme = decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree")
    assert theme.state == ThemeState.AGREED
    decision = ThemeDecision.objects.get(theme=proposal)
    assert (decision.side, decision.actor) == (world.toulouse, world.users.theo)


def test_declining_needs_a_comment(world, proposal):
    with pytest.raises(ValidationError) as error:
        decide_theme(world.users.theo, proposal.pk, world.toulouse, "decline", "  ")
    assert "comment" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.state == ThemeState.PROPOSED


def test_declining_with_a_comment_declines_the_theme(world, proposal):
    theme = decide_theme(world.users.theo, proposal.pk, world.toulouse, "decline", "Too broad")
    assert theme.state == ThemeState.DECLINED
    assert theme.decisions.get().comment == "Too broad"


def test_the_proposer_side_cannot_answer_its_own_theme(world, proposal):
    with pytest.raises(PermissionDenied):
        decide_theme(world.users.tina, proposal.pk, world.taichung, "agree")


def test_a_manager_cannot_answer_for_a_side_they_do_not_manage(world, proposal):
    with pytest.raises(PermissionDenied):
        decide_theme(world.users.tina, proposal.pk, world.toulouse, "agree")


def test_host_staff_cannot_answer_for_their_side(world, proposal):
    with pytest.raises(PermissionDenied):
        decide_theme(world.users.hana, proposal.pk, world.toulouse, "agree")


def test_a_decided_theme_cannot_be_answered_again(world, proposal):
    decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree")
    with pytest.raises(ValidationError):
        decide_theme(world.users.theo, proposal.pk, world.toulouse, "decline", "Changed my mind")


def test_a_three_side_theme_needs_every_other_side_to_agree(world, proposal, third):
    side, manager = third
    assert decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree").state == "proposed"
    assert decide_theme(manager, proposal.pk, side, "agree").state == ThemeState.AGREED


def test_one_decline_among_three_sides_declines_the_theme(world, proposal, third):
    side, manager = third
    decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree")
    theme = decide_theme(manager, proposal.pk, side, "decline", "Not for us")
    assert theme.state == ThemeState.DECLINED


def test_the_proposer_side_withdraws_a_theme_under_discussion(world, proposal):
    assert withdraw_theme(world.users.tina, proposal.pk).state == ThemeState.WITHDRAWN


def test_the_partner_side_cannot_withdraw_a_theme(world, proposal):
    with pytest.raises(PermissionDenied):
        withdraw_theme(world.users.theo, proposal.pk)


def test_an_agreed_theme_cannot_be_withdrawn(world):
    with pytest.raises(ValidationError):
        withdraw_theme(world.users.tina, world.theme.pk)


# side_todo: what each side still has to do, read from the data.


def stage_day(cycle, kind, end=False):
    stage = cycle.stages.get(kind=kind)
    return stage.ends_on if end else stage.starts_on


def texts(todos):
    return [todo.text for todo in todos]


def test_todo_asks_a_side_without_themes_to_propose_during_the_themes_stage(world):
    today = stage_day(world.cycle, StageKind.THEMES)
    todos = side_todo(world.cycle, world.toulouse, today)
    assert "Propose the themes this side wants." in texts(todos)
    assert todos[0].url == reverse("partnerships:themes", args=[world.partnership.slug, "2019"])


def test_todo_no_longer_asks_for_themes_once_the_side_proposed_one(world):
    today = stage_day(world.cycle, StageKind.THEMES)
    assert "Propose the themes this side wants." not in texts(
        side_todo(world.cycle, world.taichung, today)
    )


def test_todo_no_longer_asks_for_themes_after_the_themes_stage(world):
    today = stage_day(world.cycle, StageKind.HOSTING)
    assert "Propose the themes this side wants." not in texts(
        side_todo(world.cycle, world.toulouse, today)
    )


def test_todo_counts_the_partner_themes_waiting_for_this_side(world, proposal):
    f.ThemeFactory(cycle=world.cycle, proposed_by=world.taichung, state="proposed")
    todos = texts(side_todo(world.cycle, world.toulouse, timezone.localdate()))
    assert "Answer 2 themes proposed by a partner side." in todos
    assert not any(
        "Answer" in text
        for text in texts(side_todo(world.cycle, world.taichung, timezone.localdate()))
    )


def test_todo_forgets_a_theme_once_this_side_answered(world, proposal, third):
    side, _manager = third
    decide_theme(world.users.theo, proposal.pk, world.toulouse, "agree")
    today = timezone.localdate()
    assert not any(
        "Answer" in text for text in texts(side_todo(world.cycle, world.toulouse, today))
    )
    assert "Answer 1 theme proposed by a partner side." in texts(
        side_todo(world.cycle, side, today)
    )


def test_todo_asks_for_hosting_offers_until_the_side_lists_one(world):
    today = timezone.localdate()
    wanted = "List what this side's host organisations offer the partner's teams."
    assert wanted in texts(side_todo(world.cycle, world.toulouse, today))
    f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    assert wanted not in texts(side_todo(world.cycle, world.toulouse, today))
    assert wanted in texts(side_todo(world.cycle, world.taichung, today))


def test_todo_asks_to_prepare_a_call_when_the_side_has_none(world):
    world.call_tl.delete()
    todos = side_todo(world.cycle, world.toulouse, timezone.localdate())
    assert "Prepare this side's call for applications." in texts(todos)


def test_todo_asks_to_publish_an_unpublished_call(world):
    world.call_tl.published = False
    world.call_tl.save()
    todos = side_todo(world.cycle, world.toulouse, timezone.localdate())
    publish = next(todo for todo in todos if todo.text.startswith("Publish the call"))
    assert publish.url == reverse("calls:detail", kwargs={"slug": "toulouse-2019"})


def test_todo_asks_for_nominations_once_the_call_deadline_passed(world):
    world.call_tc.closes_at = timezone.now() - dt.timedelta(days=3)
    world.call_tc.save()
    todos = texts(side_todo(world.cycle, world.taichung, timezone.localdate()))
    assert any(
        text.startswith("The call closed on") and "nominate 5 teams" in text for text in todos
    )
    assert not any(
        text.startswith("The call closed")
        for text in texts(side_todo(world.cycle, world.toulouse, timezone.localdate()))
    )


def test_todo_stops_asking_for_nominations_after_the_nomination_stage(world):
    world.call_tc.closes_at = timezone.now() - dt.timedelta(days=3)
    world.call_tc.save()
    after = stage_day(world.cycle, StageKind.PICK, end=True)
    todos = texts(side_todo(world.cycle, world.taichung, after))
    assert not any(text.startswith("The call closed") for text in todos)


def test_todo_asks_for_a_budget_until_the_side_has_a_line(world):
    today = timezone.localdate()
    wanted = "Draft this side's budget for the cycle."
    assert wanted in texts(side_todo(world.cycle, world.taichung, today))
    f.BudgetLineFactory(cycle=world.cycle, side=world.taichung)
    assert wanted not in texts(side_todo(world.cycle, world.taichung, today))


def test_todo_is_empty_for_a_side_that_has_done_everything(world):
    f.HostingOfferFactory(cycle=world.cycle, organisation=world.host)
    f.BudgetLineFactory(cycle=world.cycle, side=world.toulouse, currency="EUR")
    f.ThemeFactory(cycle=world.cycle, proposed_by=world.toulouse)
    assert side_todo(world.cycle, world.toulouse, timezone.localdate()) == []
