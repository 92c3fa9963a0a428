import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.commands import runserver
from django.urls import reverse
from django.utils import timezone

from jumelage.calls.enums import ApplicationState, QuestionKind
from jumelage.calls.models import Application, Attachment, Call, Question
from jumelage.demo import loader
from jumelage.followup.models import JourneyStage, Milestone, RoadmapStep, ToolUse
from jumelage.hosting.models import HostingOffer
from jumelage.notifications.models import OutboxMessage
from jumelage.partnerships import timeline
from jumelage.partnerships.enums import StageKind, ThemeState
from jumelage.partnerships.models import BudgetLine, Cycle, Partnership, Side, Theme
from jumelage.review.models import Committee, Review
from jumelage.review.queries import ranking_of
from tests.demo.cycles import current_cycle, earlier_cycle

pytestmark = pytest.mark.usefixtures("demo_loaded")


def counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def never_serve(monkeypatch):
    def refuse(self, *args, **options):
        raise AssertionError("The demo started serving.")

    monkeypatch.setattr(runserver.Command, "handle", refuse)


@pytest.mark.django_db
def test_demo_creates_the_partnership_with_its_two_sides():
    partnership = Partnership.objects.get(slug="taichung-toulouse")
    assert partnership.name_zh_hant == "臺中—土魯斯新創交流計畫"
    sides = {side.slug: side for side in partnership.sides.all()}
    assert set(sides) == {"taichung", "toulouse"}
    assert sides["taichung"].languages == ["zh-hant", "en"]
    assert sides["toulouse"].timezone == "Europe/Paris"


@pytest.mark.django_db
def test_demo_cycle_has_the_eleven_stages_spaced_as_the_template():
    cycle = current_cycle()
    stages = list(cycle.stages.order_by("order"))
    shift = stages[0].starts_on - timeline.FIRST_CYCLE_START
    assert [(s.kind, s.starts_on - shift, s.ends_on - shift) for s in stages] == timeline.TEMPLATE
    assert all(s.description_en and s.description_fr and s.description_zh_hant for s in stages)
    assert cycle.slug == str(cycle.stages.get(kind=StageKind.EXCHANGE).starts_on.year)


@pytest.mark.django_db
def test_demo_calls_are_open_today_from_nine_to_five_local_time():
    calls = Call.objects.filter(cycle=current_cycle()).select_related("side", "cycle")
    assert {call.slug for call in calls} == {
        f"taichung-{calls[0].cycle.slug}",
        f"toulouse-{calls[0].cycle.slug}",
    }
    for call in calls:
        assert call.is_open()
        assert timezone.localtime(call.opens_at, call.side.tzinfo).hour == 9
        assert timezone.localtime(call.closes_at, call.side.tzinfo).hour == 17


@pytest.mark.django_db
def test_demo_themes_are_agreed_by_the_partner_manager_but_aerospace_is_pending():
    themes = Theme.objects.filter(cycle=current_cycle())
    agreed = themes.filter(state=ThemeState.AGREED).prefetch_related("decisions__actor")
    assert agreed.count() >= 4
    for theme in agreed:
        (decision,) = theme.decisions.all()
        assert decision.side != theme.proposed_by
        assert decision.actor.memberships.filter(side=decision.side, role="manager").exists()
    assert themes.get(title_en="Aerospace").state == ThemeState.PROPOSED


@pytest.mark.django_db
def test_demo_every_host_has_an_offer_within_the_exchange():
    exchange = current_cycle().stages.get(kind=StageKind.EXCHANGE)
    offers = HostingOffer.objects.filter(cycle=current_cycle())
    assert offers.count() == 8
    assert all(exchange.starts_on <= o.starts_on <= o.ends_on <= exchange.ends_on for o in offers)


@pytest.mark.django_db
def test_demo_each_side_has_at_least_35_applications():
    for call in Call.objects.all():
        assert call.applications.count() >= 35
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)


@pytest.mark.django_db
def test_demo_sent_applications_have_audit_rows_messages_and_a_pitch_deck():
    sent = Application.objects.exclude(state=ApplicationState.DRAFT)
    for application in sent:
        assert application.transitions.filter(to_state=ApplicationState.SUBMITTED).exists()
        assert application.attachments.filter(question_key="pitch_deck").exists()
    messages = OutboxMessage.objects.filter(template_key="application-submitted")
    assert messages.count() == sent.count()
    assert Attachment.objects.filter(application__state=ApplicationState.DRAFT).count() == 0


@pytest.mark.django_db
def test_demo_submissions_are_spread_over_the_days_the_call_has_been_open():
    submitted = Application.objects.filter(state=ApplicationState.SUBMITTED)
    days = {
        timezone.localdate(moment) for moment in submitted.values_list("submitted_at", flat=True)
    }
    assert len(days) >= 10
    assert all(application.submitted_at <= timezone.now() for application in submitted)


@pytest.mark.django_db
def test_demo_forms_use_every_question_kind_and_a_conditional_question():
    assert set(Question.objects.values_list("kind", flat=True)) == set(QuestionKind.values)
    conditional = Question.objects.filter(show_if__isnull=False).select_related("show_if")
    assert conditional.exists()
    assert all(
        q.show_if.kind == QuestionKind.YES_NO and q.show_if_value == "yes" for q in conditional
    )


@pytest.mark.django_db
def test_loading_again_on_a_later_day_changes_nothing():
    before = counts()
    cycles = list(Cycle.objects.order_by("pk"))
    loader.load(today=timezone.localdate() + dt.timedelta(days=40))
    assert counts() == before
    assert list(Cycle.objects.order_by("pk")) == cycles


@pytest.mark.django_db
def test_load_only_prints_the_logins_and_does_not_serve(never_serve):
    out = StringIO()
    call_command("demo", "--load-only", stdout=out)
    assert "manager@taichung.demo" in out.getvalue()
    assert "http://127.0.0.1:8000/" in out.getvalue()


@pytest.mark.django_db
def test_demo_serves_at_the_given_address_after_loading(monkeypatch):
    served = []
    monkeypatch.setattr(runserver.Command, "handle", lambda self, *a, **kw: served.append(kw))
    call_command("demo", "--addrport", "127.0.0.1:8123", stdout=StringIO())
    assert served[0]["addrport"] == "127.0.0.1:8123"
    assert served[0]["use_reloader"] is False


@pytest.mark.django_db
def test_demo_each_side_has_budget_lines_in_its_own_currency():
    for side in Side.objects.all():
        lines = BudgetLine.objects.filter(side=side)
        assert lines.exists()
        assert set(lines.values_list("currency", flat=True)) == {side.currency}


@pytest.mark.django_db
def test_the_earlier_cycle_is_closed_reviewed_and_ranked():
    earlier = earlier_cycle()
    assert earlier.slug == str(int(current_cycle().slug) - 1)
    assert all(call.has_closed() for call in Call.objects.filter(cycle=earlier))
    for committee in Committee.objects.filter(cycle=earlier):
        ranking = ranking_of(committee)
        assert len(ranking) >= 35
        assert all(line.review_count == 3 for line in ranking)
        assert not Review.objects.filter(member__committee=committee, state="draft").exists()


@pytest.mark.django_db
def test_the_current_cycle_has_committees_waiting_for_the_call_to_close():
    committees = Committee.objects.filter(cycle=current_cycle())
    assert committees.count() == 2
    assert all(c.members.count() == 4 and c.criteria.count() == 4 for c in committees)
    assert not Review.objects.filter(member__committee__in=committees).exists()


@pytest.mark.django_db
def test_the_earlier_cycles_results_page_shows_the_four_teams(client):
    earlier = earlier_cycle()
    url = reverse(
        "selection:results",
        kwargs={"partnership_slug": earlier.partnership.slug, "cycle_slug": earlier.slug},
    )
    page = client.get(url).content.decode()
    selected = Application.objects.filter(place__isnull=False, call__cycle=earlier)
    assert selected.count() == 4
    assert all(application.team_name in page for application in selected)


@pytest.mark.django_db
def test_the_earlier_cycles_four_teams_have_their_journey_and_milestone_evidence():
    selected = Application.objects.filter(place__isnull=False, call__cycle=earlier_cycle())
    assert JourneyStage.objects.filter(application__in=selected).count() == 4 * 4
    assert RoadmapStep.objects.filter(application__in=selected).count() == 4 * 3
    assert ToolUse.objects.filter(application__in=selected).count() == 4 * 3
    milestones = Milestone.objects.filter(application__in=selected)
    assert milestones.exists() and not milestones.filter(link="").exists()
