"""Factories for every model; tests build exactly the data they speak of."""

import datetime as dt

import factory
from django.utils import timezone

from jumelage.accounts.models import Membership, Role, User
from jumelage.calls.enums import QuestionKind
from jumelage.calls.models import Application, Call, Question, QuestionChoice
from jumelage.hosting.enums import OrganisationKind, SchemeKind, Service
from jumelage.hosting.models import HostingOffer, HostOrganisation, SupportScheme
from jumelage.partnerships.enums import BudgetCategory, Currency
from jumelage.partnerships.models import BudgetLine, Partnership, Side, Theme
from jumelage.partnerships.services import create_cycle

PASSWORD = "correct horse battery staple"
# The smallest file whose content is recognised as a PDF.
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    slug = "taichung-toulouse"
    name = "Taichung – Toulouse"


class SideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Side

    partnership = factory.SubFactory(PartnershipFactory)
    slug = factory.Sequence(lambda n: f"city-{n}")
    city = factory.Sequence(lambda n: f"City {n}")
    country_code = "TW"
    timezone = "Asia/Taipei"
    languages = ["zh-hant", "en"]
    currency = Currency.TWD


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    side = factory.SubFactory(SideFactory)
    role = Role.MANAGER


def cycle_factory(partnership, slug="2019", start=None, **options):
    return create_cycle(
        partnership, slug=slug, name=slug, start=start or dt.date(2018, 7, 1), **options
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    title = factory.Sequence(lambda n: f"Theme {n}")
    state = "agreed"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    category = BudgetCategory.FLIGHTS
    label = "Flights for two teams"
    estimate = 120000
    currency = Currency.TWD


class HostOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.INCUBATOR


class HostingOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostingOffer

    services = [Service.COWORKING, Service.PITCH_TRAINING]
    teams = 2
    desks = 4
    starts_on = dt.date(2019, 10, 1)
    ends_on = dt.date(2019, 10, 14)


class SupportSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportScheme

    name = factory.Sequence(lambda n: f"Scheme {n}")
    kind = SchemeKind.GRANT


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    published = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    key = factory.Sequence(lambda n: f"q{n}")
    kind = QuestionKind.SHORT_TEXT
    label = factory.Sequence(lambda n: f"Question {n}")
    order = factory.Sequence(lambda n: n)


class QuestionChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionChoice

    value = factory.Sequence(lambda n: f"option-{n}")
    label = factory.Sequence(lambda n: f"Option {n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    applicant = factory.SubFactory(UserFactory)
    language = "en"
    team_name = factory.Sequence(lambda n: f"Team {n}")
    organisation = "Fictional Labs"
    contact_name = "Ada Example"
    contact_email = factory.Sequence(lambda n: f"team{n}@example.org")
