"""Next year's cycle from the demo's current one: every setting carried over, nothing
personal, nothing of this edition's results."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jumelage.accounts.models import User
from jumelage.calls.models import Application, Call, Question, QuestionChoice
from jumelage.exchange.models import Delegation, Traveller
from jumelage.followup.models import Milestone, Outcome
from jumelage.hosting.models import HostingOffer
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.partnerships.copying import a_year_later, start_next_cycle
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Stage, Theme
from jumelage.review.models import Committee, Conflict, Criterion, Member, Review, ReviewerQuestion
from jumelage.selection.models import Nomination, Pick
from tests.demo.cycles import current_cycle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def manager():
    return User.objects.get(email="manager@toulouse.demo")


def copy_of(source):
    plan = start_next_cycle(manager(), source, slug="next", name="Next year")
    return plan.target, plan


def test_the_copy_carries_every_setting_a_year_later():
    source = current_cycle()
    target, plan = copy_of(source)
    stages = {s.kind: s for s in Stage.objects.filter(cycle=source)}
    copied = {s.kind: s for s in Stage.objects.filter(cycle=target)}
    assert copied.keys() == stages.keys() and stages
    assert all(copied[k].starts_on == a_year_later(stages[k].starts_on) for k in stages)
    agreed = Theme.objects.filter(cycle=source, state=ThemeState.AGREED)
    themes = Theme.objects.filter(cycle=target)
    assert sorted(themes.values_list("title_fr", flat=True)) == sorted(
        agreed.values_list("title_fr", flat=True)
    )
    assert agreed.exists() and {t.state for t in themes} == {ThemeState.PROPOSED}
    assert target.nominations_per_side == source.nominations_per_side
    assert plan.notes


def test_each_call_comes_with_its_texts_and_form_unpublished():
    source = current_cycle()
    target, _plan = copy_of(source)
    for call in Call.objects.filter(cycle=source):
        new = Call.objects.get(cycle=target, side=call.side)
        assert not new.published and new.closes_at.year == call.closes_at.year + 1
        assert new.introduction_fr == call.introduction_fr
        assert new.privacy_notice_en == call.privacy_notice_en
        columns = ("key", "kind", "label_zh_hant", "identifying")
        assert list(new.questions.values_list(*columns)) == list(
            call.questions.values_list(*columns)
        )
        choices = QuestionChoice.objects.filter(question__call=call).count()
        assert QuestionChoice.objects.filter(question__call=new).count() == choices
        for question in new.questions.filter(show_if__isnull=False):
            assert question.show_if.call == new
    assert Call.objects.filter(cycle=source).count() == Call.objects.filter(cycle=target).count()
    assert Question.objects.filter(call__cycle=target).exists()


def test_committees_keep_their_criteria_and_invite_their_members_again():
    source = current_cycle()
    seats = Member.objects.filter(committee__cycle=source)
    target, _plan = copy_of(source)
    assert Committee.objects.filter(cycle=target).count() == source.committees.count() > 0
    assert Criterion.objects.filter(committee__cycle=target).count() == (
        Criterion.objects.filter(committee__cycle=source).count()
    )
    assert ReviewerQuestion.objects.filter(committee__cycle=target).count() == (
        ReviewerQuestion.objects.filter(committee__cycle=source).count()
    )
    new_seats = Member.objects.filter(committee__cycle=target)
    assert sorted(new_seats.values_list("email", flat=True)) == sorted(
        seats.values_list("email", flat=True)
    )
    assert not new_seats.filter(joined_at__isnull=False).exists()
    assert not new_seats.filter(user__isnull=False).exists()
    for seat in new_seats.prefetch_related("themes"):
        assert all(theme.cycle_id == target.pk for theme in seat.themes.all())
    drafts = OutboxMessage.objects.filter(
        template_key="committee-invitation", state=OutboxState.DRAFT, slot__startswith="invitation:"
    )
    assert drafts.count() == new_seats.count()


def test_hosting_offers_wait_for_their_hosts_to_confirm():
    source = current_cycle()
    target, _plan = copy_of(source)
    offers = HostingOffer.objects.filter(cycle=target)
    assert offers.count() == HostingOffer.objects.filter(cycle=source).count() > 0
    assert not offers.filter(confirmed=True).exists()


def test_nothing_personal_and_no_result_is_copied():
    source = current_cycle()
    before = {
        model: model.objects.count()
        for model in (Application, Review, Conflict, Nomination, Pick, Delegation, Traveller)
    }
    before.update({Milestone: Milestone.objects.count(), Outcome: Outcome.objects.count()})
    target, _plan = copy_of(source)
    assert {model: model.objects.count() for model in before} == before
    assert not Application.objects.filter(call__cycle=target).exists()


def test_only_the_partnerships_managers_may_start_a_cycle():
    applicant = User.objects.get(email="applicant@jumelage.demo")
    with pytest.raises(PermissionDenied):
        start_next_cycle(applicant, current_cycle(), slug="next", name="Next")


def test_an_address_already_taken_is_refused_with_a_message():
    source = current_cycle()
    with pytest.raises(ValidationError, match="already has a cycle"):
        start_next_cycle(manager(), source, slug=source.slug, name="Again")


def test_the_page_starts_the_cycle_and_says_what_it_carried(client):
    source = current_cycle()
    url = reverse("partnerships:next_cycle", args=[source.partnership.slug, source.slug])
    client.force_login(manager())
    page = client.get(url)
    assert page.status_code == 200 and "Nothing personal" in page.content.decode()
    assert "data-once" in page.content.decode().split("Start the new cycle</button>")[0][-80:]
    taken = client.post(url, {"name": "Again", "slug": source.slug})
    assert taken.status_code == 400 and "already has this address" in taken.content.decode()
    response = client.post(url, {"name": "Next year", "slug": "next"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/{source.partnership.slug}/next/")
    assert "Carried over" in response.content.decode()


def test_people_outside_the_partnership_team_cannot_open_the_page(client):
    source = current_cycle()
    url = reverse("partnerships:next_cycle", args=[source.partnership.slug, source.slug])
    client.force_login(User.objects.get(email="applicant@jumelage.demo"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "N", "slug": "n"}).status_code == 403


def test_the_form_explains_a_bad_address_in_plain_words(client):
    source = current_cycle()
    url = reverse("partnerships:next_cycle", args=[source.partnership.slug, source.slug])
    client.force_login(manager())
    page = client.post(url, {"name": "Next year", "slug": "Année 2028"})
    html = page.content.decode()
    assert page.status_code == 400 and "“slug”" not in html
    assert "Use only letters without accents, digits and hyphens" in html
    taken = client.post(url, {"name": "Again", "slug": source.slug}).content.decode()
    assert f"The {source.name} cycle already has this address" in taken


def test_the_page_points_to_next_year_s_cycle_once_it_exists(client):
    source = current_cycle()
    partnership = source.partnership
    url = reverse("partnerships:next_cycle", args=[partnership.slug, source.slug])
    client.force_login(manager())
    suggested = client.get(url).context["form"].initial["slug"]
    assert suggested and 'id="existing-cycle"' not in client.get(url).content.decode()
    client.post(url, {"name": "Next year", "slug": suggested})
    again = client.get(url)
    assert again.context["form"].initial["slug"] == ""
    notice = again.content.decode().split('id="existing-cycle"')[1].split("</p>")[0]
    assert reverse("partnerships:cycle", args=[partnership.slug, suggested]) in notice


def test_the_offers_to_confirm_link_to_their_form_for_whoever_may_confirm_them(client):
    target, _plan = copy_of(current_cycle())
    client.force_login(manager())
    url = reverse("hosting:offers", args=[target.partnership.slug, target.slug])
    html = client.get(url).content.decode()
    own = HostingOffer.objects.filter(cycle=target, organisation__side__slug="toulouse").first()
    edit = reverse("hosting:offer_edit", args=[target.partnership.slug, own.pk])
    assert f'<a href="{edit}">check it and save it</a>' in html
    assert "its host has not confirmed it yet" in html  # the partner side's offers
