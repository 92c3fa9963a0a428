from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    INCUBATOR = "incubator", _("Incubator")
    COWORKING = "coworking", _("Coworking space")
    ACCELERATOR = "accelerator", _("Accelerator")
    CORPORATE = "corporate", _("Corporate")
    INVESTOR = "investor", _("Investor")
    LAW_FIRM = "law_firm", _("Law firm")
    PUBLIC_AGENCY = "agency", _("Public agency")


class Service(models.TextChoices):
    COWORKING = "coworking", _("Coworking space")
    COURSES = "courses", _("Startup courses")
    PITCH_TRAINING = "pitch", _("Pitch training")
    FUNDRAISING = "fundraising", _("Fundraising help")
    TEAM_BUILDING = "team_building", _("Team building")
    INTRODUCTIONS = "introductions", _("VC and corporate introductions")
    EXPERT_MEETINGS = "experts", _("Expert meetings")
    CONSULTING = "consulting", _("Consulting")
    VISIBILITY = "visibility", _("Visibility")
    TOOLS = "tools", _("Tools and technology")


class SchemeKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    LOAN_SUBSIDY = "loan_subsidy", _("Loan interest subsidy")
    RESIDENCY = "residency", _("Residency")
    TRAINING = "training", _("Training")
    PLATFORM = "platform", _("Support platform")
