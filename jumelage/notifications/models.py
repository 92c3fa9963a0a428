from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageTemplate(models.Model):
    """A multilingual message that managers may edit; rendered into the outbox.

    The shared template of a key (no side) is the default; a side may keep its own copy, in
    its own voice and languages, which its messages use instead.
    """

    key = models.SlugField()
    side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        help_text=_("The side whose own copy this is; empty for the shared default."),
    )
    description = models.CharField(_("used for"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["key", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(side__isnull=True), name="one_shared_template"
            ),
            models.UniqueConstraint(fields=["key", "side"], name="one_template_per_side"),
        ]

    def __str__(self):
        return self.key


class OutboxState(models.TextChoices):
    # A draft waits for a manager to read and release it; nothing dispatches a draft.
    DRAFT = "draft", _("Draft, to review")
    QUEUED = "queued", _("Queued")
    # Handed to the mail server; until the lease runs out no other worker sends it.
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Its news no longer held when it was due to go out (a decision changed meanwhile).
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def unsent(cls):
        return [cls.DRAFT, cls.QUEUED]


class OutboxMessage(models.Model):
    """A message rendered in its recipient's language, kept after it is sent."""

    template_key = models.SlugField()
    side = models.ForeignKey(
        "partnerships.Side",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox",
        help_text=_("Whose managers can read it."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recipient_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    state = models.CharField(
        _("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.QUEUED
    )
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    slot = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Messages of one slot replace each other until one of them is sent."),
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # Set on the first attempt and kept for every retry, so that a mail server (or the
    # recipient's client) sees a resend after an unknown outcome as the same message.
    message_id = models.CharField(max_length=255, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["side", "-created"], name="outbox_by_side"),
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
        ]
        constraints = [
            # One unsent message per slot (e.g. one decision per applicant and cycle), so a
            # recipient is never sent two contradicting versions of the same news.
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(state__in=["draft", "queued"]) & ~models.Q(slot=""),
                name="one_unsent_message_per_slot",
            ),
        ]

    def __str__(self):
        return self.subject
