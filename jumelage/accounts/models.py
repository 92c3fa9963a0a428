from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, email_verified=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: applicant, manager, host staff or operator. They log in with their email."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    time_zone = models.CharField(
        _("timezone"),
        max_length=64,
        blank=True,
        help_text=_("Dates and times are shown in this zone. Empty: the zone of your browser."),
    )
    email_verified = models.BooleanField(_("email verified"), default=False)
    is_staff = models.BooleanField(_("operator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email


class Role(models.TextChoices):
    MANAGER = "manager", _("Programme manager")
    HOST_STAFF = "host_staff", _("Host organisation staff")


class Membership(models.Model):
    """Who holds which role on which side. Applicants need none: their applications say it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    side = models.ForeignKey(
        "partnerships.Side", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "hosting.HostOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("For host organisation staff: the organisation they speak for."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "side"],
                condition=models.Q(role="manager"),
                name="unique_manager_membership",
            ),
            models.UniqueConstraint(
                fields=["user", "side", "organisation"],
                condition=models.Q(role="host_staff"),
                name="unique_host_staff_membership",
            ),
            models.CheckConstraint(
                condition=models.Q(role="host_staff", organisation__isnull=False)
                | models.Q(role="manager", organisation__isnull=True),
                name="host_staff_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.side}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Someone who works for a side reads its dates in its zone, unless they chose one.
        User.objects.filter(pk=self.user_id, time_zone="").update(time_zone=self.side.timezone)


class RetentionRecord(models.Model):
    """One run of a retention rule: what was purged or anonymised, when and by whose
    schedule. It names records by reference only, never by what they held."""

    rule = models.SlugField(_("rule"), max_length=60)
    label = models.CharField(_("what"), max_length=300)
    count = models.PositiveIntegerField(_("records"))
    references = models.JSONField(_("references"), default=list)
    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    run_for = models.DateField(_("schedule date"))

    class Meta:
        verbose_name = _("retention record")
        verbose_name_plural = _("retention records")
        ordering = ["-ran_at", "rule"]

    def __str__(self):
        return f"{self.rule} · {self.count}"
