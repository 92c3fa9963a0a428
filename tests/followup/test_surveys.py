"""Outcome surveys: sent to the selected teams or their hosts' staff, in each recipient's
language, reminded on a clock the tests move, answered only by their recipient while open;
the answers feed the team's outcome record."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jumelage.calls.enums import QuestionKind
from jumelage.followup import surveys
from jumelage.followup.enums import SurveyAudience, SurveyMoment
from jumelage.followup.models import Event, Outcome, Survey, SurveyInvitation
from jumelage.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2020, 1, 6, 9, tzinfo=dt.UTC)
CLOSES = OPENS + dt.timedelta(days=30)


def _survey(world, audience=SurveyAudience.TEAMS, **fields):
    survey = Survey.objects.create(
        cycle=world.cycle,
        moment=SurveyMoment.SIX_MONTHS,
        audience=audience,
        title_en="Six months on",
        title_fr="Six mois après",
        title_zh_hant="六個月後",
        **{"opens_at": OPENS, "closes_at": CLOSES, "remind_every_days": 7, "most_reminders": 2}
        | fields,
    )
    survey.questions.create(
        key="jobs", kind=QuestionKind.NUMBER, label="Jobs created", feeds="jobs_created", order=1
    )
    survey.questions.create(
        key="active",
        kind=QuestionKind.YES_NO,
        label="Still active in Toulouse?",
        feeds="active_after_6_months",
        required=True,
        order=2,
    )
    survey.questions.create(key="story", kind=QuestionKind.LONG_TEXT, label="What worked", order=3)
    return survey


def _messages(key):
    return OutboxMessage.objects.filter(template_key=key).order_by("pk")


def test_a_survey_goes_to_each_selected_team_in_its_language(world, team):
    team.language = "fr"
    team.save()
    survey = _survey(world)
    assert surveys.send_survey(world.users.tina, survey, now=OPENS) == 1
    [message] = _messages("survey-invitation")
    assert message.recipient == world.users.alice and message.language == "fr"
    assert "Six mois après" in message.subject
    invitation = SurveyInvitation.objects.get()
    assert f"/fr/followup/surveys/{invitation.pk}/" in message.body
    assert surveys.send_survey(world.users.tina, survey, now=OPENS) == 0  # once each


def test_a_hosts_survey_goes_to_the_staff_of_the_teams_host(world, team):
    survey = _survey(world, audience=SurveyAudience.HOSTS)
    surveys.send_survey(world.users.theo, survey, now=OPENS)
    assert [m.recipient for m in _messages("survey-invitation")] == [world.users.hana]


def test_only_the_partnerships_managers_send_a_survey(world, team):
    with pytest.raises(PermissionDenied):
        surveys.send_survey(world.users.hana, _survey(world), now=OPENS)


def test_reminders_follow_the_clock_and_stop_after_the_answer(world, team):
    survey = _survey(world)
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    day = dt.timedelta(days=1)
    assert surveys.send_reminders(now=OPENS + 6 * day) == 0  # not a week yet
    assert surveys.send_reminders(now=OPENS + 7 * day) == 1
    assert surveys.send_reminders(now=OPENS + 8 * day) == 0  # a week from the reminder
    assert surveys.send_reminders(now=OPENS + 14 * day) == 1
    assert surveys.send_reminders(now=OPENS + 21 * day) == 0  # at most two
    assert _messages("survey-reminder").count() == 2
    invitation = SurveyInvitation.objects.get()
    assert invitation.reminders == 2


def test_no_reminder_once_answered_or_closed(world, team):
    survey = _survey(world, most_reminders=5)
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    invitation = SurveyInvitation.objects.get()
    surveys.answer(world.users.alice, invitation, {"active": "yes"}, now=OPENS + dt.timedelta(1))
    assert surveys.send_reminders(now=OPENS + dt.timedelta(days=7)) == 0
    SurveyInvitation.objects.update(answered_at=None)
    assert surveys.send_reminders(now=CLOSES) == 0
    assert surveys.send_reminders(now=CLOSES - dt.timedelta(seconds=1)) == 1


def test_the_answers_feed_the_outcome_record(world, team):
    survey = _survey(world)
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    invitation = SurveyInvitation.objects.get()
    answers = {"jobs": "4", "active": "yes", "story": "The roadmap"}
    surveys.answer(world.users.alice, invitation, answers, now=OPENS + dt.timedelta(days=2))
    outcome = Outcome.objects.get(application=team)
    assert outcome.jobs_created == 4 and outcome.active_after_6_months is True
    assert Event.objects.filter(application=team, action="outcome_from_survey").exists()
    invitation.refresh_from_db()
    assert invitation.answers == answers and invitation.answered_at is not None


def _url(invitation):
    return reverse("followup:survey_answer", args=[invitation.pk])


@pytest.fixture
def invited(world, team):
    survey = _survey(world, closes_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    return SurveyInvitation.objects.get()


def test_the_recipient_answers_on_the_page(client, world, invited):
    client.force_login(world.users.alice)
    page = client.get(_url(invited))
    assert page.status_code == 200 and "Still active in Toulouse?" in page.content.decode()
    response = client.post(_url(invited), {"jobs": "2", "active": "no"})
    assert response.status_code == 302
    assert Outcome.objects.get(application=invited.application).active_after_6_months is False


def test_a_bad_answer_is_a_400_with_the_message(client, world, invited):
    client.force_login(world.users.alice)
    response = client.post(_url(invited), {"jobs": "many"})
    assert response.status_code == 400
    assert not Outcome.objects.filter(application=invited.application).exists()
    assert "Enter a number." in response.content.decode()


def test_someone_the_survey_was_not_sent_to_gets_a_403_that_says_so(client, world, invited):
    client.force_login(world.users.tina)  # a manager of the team, but not the recipient
    response = client.post(_url(invited), {"jobs": "9", "active": "yes"})
    assert response.status_code == 403
    assert "This survey was not sent to you." in response.content.decode()
    assert not Outcome.objects.filter(application=invited.application).exists()


def test_an_answer_after_the_survey_closed_is_a_410_that_says_so(client, world, invited):
    Survey.objects.update(closes_at=dt.datetime(2020, 2, 1, tzinfo=dt.UTC))
    client.force_login(world.users.alice)
    response = client.post(_url(invited), {"jobs": "9", "active": "yes"})
    assert response.status_code == 410
    assert "it takes no answers now" in response.content.decode()
    assert not Outcome.objects.filter(application=invited.application).exists()


def test_answering_after_the_close_is_refused_by_the_service_too(world, invited):
    with pytest.raises(surveys.SurveyClosed):
        surveys.answer(
            world.users.alice,
            invited,
            {"active": "yes"},
            now=dt.datetime(2999, 1, 2, tzinfo=dt.UTC),
        )


def test_the_managers_page_counts_the_answers_in_few_queries(
    client, world, invited, django_assert_max_num_queries
):
    client.force_login(world.users.theo)
    url = reverse("followup:survey_list", args=["taichung-toulouse", world.cycle.slug])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    [survey] = page.context["surveys"]
    assert (survey.invited, survey.answered) == (1, 0)


def test_a_manager_sends_from_the_page_and_a_closed_survey_is_a_409(client, world, team):
    survey = _survey(world, closes_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    client.force_login(world.users.tina)
    send = reverse("followup:survey_send", args=["taichung-toulouse", world.cycle.slug, survey.pk])
    assert client.post(send).status_code == 302
    assert SurveyInvitation.objects.filter(survey=survey).count() == 1
    Survey.objects.update(closes_at=OPENS + dt.timedelta(days=1))
    response = client.post(send)
    assert response.status_code == 409
    assert "This survey is closed" in response.content.decode()


def test_a_negative_amount_fed_to_the_outcome_is_a_400_and_nothing_is_kept(client, world, team):
    survey = _survey(world, closes_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    survey.questions.create(
        key="funds", kind=QuestionKind.NUMBER, label="Funds", feeds="funds_raised"
    )
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    invitation = SurveyInvitation.objects.get()
    client.force_login(world.users.alice)
    response = client.post(_url(invitation), {"active": "yes", "funds": "-5"})
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.answered_at is None
    assert not Outcome.objects.filter(application=team).exists()


def test_the_cron_command_sends_the_due_reminders(world, team):
    sent = timezone.now() - dt.timedelta(days=8)
    survey = _survey(world, opens_at=sent, closes_at=sent + dt.timedelta(days=30))
    surveys.send_survey(world.users.tina, survey, now=sent)
    out = io.StringIO()
    call_command("send_survey_reminders", stdout=out)
    assert out.getvalue().strip() == "1 reminders sent."
    assert _messages("survey-reminder").count() == 1


def _setup(world, **changes):
    data = {
        "moment": SurveyMoment.SIX_MONTHS,
        "audience": SurveyAudience.TEAMS,
        "title_en": "Six months on",
        "title_fr": "Six mois après",
        "opens_at": "2027-06-01T09:00",
        "closes_at": "2027-06-30T17:00",
        "remind_every_days": "7",
        "most_reminders": "2",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-key": "active",
        "questions-0-kind": QuestionKind.YES_NO,
        "questions-0-label_en": "Still active in Toulouse?",
        "questions-0-feeds": "active_after_6_months",
        "questions-0-order": "1",
        "questions-1-key": "help",
        "questions-1-kind": QuestionKind.SINGLE_CHOICE,
        "questions-1-label_fr": "Qu'est-ce qui vous a le plus aidé ?",
        "questions-1-choices": "Les mentors\nLes rendez-vous d'affaires",
        "questions-1-order": "2",
    }
    return {**data, **changes}


def _add_url(world):
    return reverse("followup:survey_add", args=[world.partnership.slug, world.cycle.slug])


def test_a_manager_sets_up_a_survey_with_its_questions(client, world):
    client.force_login(world.users.tina)
    response = client.post(_add_url(world), _setup(world))
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert (survey.title_fr, survey.created_by) == ("Six mois après", world.users.tina)
    active, helped = survey.questions.order_by("order")
    assert active.feeds == "active_after_6_months"
    assert helped.options == [
        ["les-mentors", "Les mentors"],
        ["les-rendez-vous-daffaires", "Les rendez-vous d'affaires"],
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_at": "2027-05-01T09:00"}, "The survey must close after it opens."),
        ({"questions-1-choices": "Only one"}, "A choice question needs at least two options."),
        ({"questions-0-kind": QuestionKind.FILE}, "Select a valid choice."),
        ({"title_en": "", "title_fr": ""}, "Fill in at least one of the languages."),
    ],
)
def test_a_bad_survey_is_refused_with_a_message_and_nothing_saved(client, world, changes, message):
    client.force_login(world.users.tina)
    response = client.post(_add_url(world), _setup(world, **changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Survey.objects.exists()


def _as_posted(formset) -> dict:
    """The formset's saved questions as the page posts them back, without the empty ones."""
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
    for form in formset.initial_forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False):
                data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data


def test_a_sent_survey_keeps_its_questions(client, world, team):
    survey = _survey(world)
    surveys.send_survey(world.users.tina, survey, now=OPENS)
    client.force_login(world.users.tina)
    url = reverse(
        "followup:survey_edit", args=[world.partnership.slug, world.cycle.slug, survey.pk]
    )
    page = client.get(url)
    settings = {k: v for k, v in _setup(world).items() if not k.startswith("questions-")}
    data = settings | _as_posted(page.context["questions"])
    assert client.post(url, data).status_code == 302  # its settings may change
    data["questions-0-label_en"] = "A new question"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "its questions can no longer change" in response.content.decode()
    assert not survey.questions.filter(label_en="A new question").exists()
