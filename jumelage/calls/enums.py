from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")

    @classmethod
    def seen_by_managers(cls):
        """A draft is the applicant's own until it is submitted."""
        return [cls.SUBMITTED, cls.WITHDRAWN]

    @classmethod
    def allowed_moves(cls):
        """Every (from, to) pair the workflow permits; calls.services is its only user."""
        return {
            (cls.DRAFT, cls.SUBMITTED),
            (cls.DRAFT, cls.WITHDRAWN),
            (cls.SUBMITTED, cls.WITHDRAWN),
            (cls.WITHDRAWN, cls.DRAFT),
        }


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    EMAIL = "email", _("Email")
    URL = "url", _("Web address")
    DATE = "date", _("Date")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no")
    FILE = "file", _("File upload")

    @classmethod
    def with_choices(cls):
        return {cls.SINGLE_CHOICE, cls.MULTIPLE_CHOICE}

    @classmethod
    def identifying_by_default(cls):
        """An address or a link points at the team: hidden from blind reviewers unless the
        manager says otherwise."""
        return {cls.EMAIL, cls.URL}


class TextState(models.TextChoices):
    """Whether the text of an uploaded file could be read, to check it for names."""

    READ = "read", _("Read")
    UNREADABLE = "unreadable", _("Cannot be read")


class FileKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    PDF_OR_IMAGE = "pdf_image", _("PDF or image (PNG, JPEG)")
    DOCUMENT = "document", _("PDF, image or office document")


# MIME types, as detected from a file's content, that each FileKind accepts.
FILE_KIND_MIME_TYPES = {
    FileKind.PDF: {"application/pdf"},
    FileKind.PDF_OR_IMAGE: {"application/pdf", "image/png", "image/jpeg"},
    FileKind.DOCUMENT: {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.presentation",
    },
}
