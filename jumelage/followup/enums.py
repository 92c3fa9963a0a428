from django.db import models
from django.utils.translation import gettext_lazy as _


class InOrder:
    """Choices whose order is a path: each one follows the one before it."""

    @classmethod
    def previous(cls, stage):
        order = list(cls)
        index = order.index(cls(stage))
        return order[index - 1] if index else None


class Stage(InOrder, models.TextChoices):
    """The industrialisation path, in its order: a stage follows the one before it."""

    PROOF_OF_CONCEPT = "concept", _("Proof of concept")
    PROOF_OF_SERVICE = "service", _("Proof of service")
    PROOF_OF_BUSINESS = "business", _("Proof of business")


class InvestorType(models.TextChoices):
    PUBLIC = "public", _("Public funding")
    ANGEL = "angel", _("Business angels")
    VENTURE = "venture", _("Venture capital")
    CORPORATE = "corporate", _("Corporate investor")
    BANK = "bank", _("Bank loan")


class SupportStage(InOrder, models.TextChoices):
    """A host's support journey, in its order: a stage follows the one before it."""

    INTAKE = "intake", _("Intake interview")
    STRESS_TEST = "stress_test", _("Stress test")
    ROADMAP = "roadmap", _("Roadmap")
    INTRODUCTIONS = "introductions", _("Network introductions")


class SupportTool(models.TextChoices):
    EXPERT_MEETING = "expert_meeting", _("Expert meeting")
    CONSULTING = "consulting", _("Consulting")
    TRAINING = "training", _("Training")
    VISIBILITY = "visibility", _("Visibility")
    PRODUCT = "product", _("Product improvement")
    TECHNOLOGY = "technology", _("Tools and technology")


class SurveyMoment(models.TextChoices):
    """When a survey asks: just after the exchange, then six and twelve months on."""

    AFTER = "after", _("After the exchange")
    SIX_MONTHS = "6_months", _("Six months on")
    TWELVE_MONTHS = "12_months", _("Twelve months on")


class SurveyAudience(models.TextChoices):
    TEAMS = "teams", _("The teams")
    HOSTS = "hosts", _("The hosts")


class OutcomeField(models.TextChoices):
    """The outcome a survey question's answer is written to."""

    FUNDS_RAISED = "funds_raised", _("Funds raised")
    PILOTS = "pilots", _("Pilots or contracts with local companies")
    PARTNERSHIPS = "partnerships", _("Partnerships and MOUs")
    JOBS_CREATED = "jobs_created", _("Jobs created")
    ENTITIES_OPENED = "entities_opened", _("Entities opened in the partner country")
    MEDIA_COVERAGE = "media_coverage", _("Media coverage")
    ACTIVE_AFTER_6_MONTHS = "active_after_6_months", _("Still active after 6 months")
    ACTIVE_AFTER_12_MONTHS = "active_after_12_months", _("Still active after 12 months")
