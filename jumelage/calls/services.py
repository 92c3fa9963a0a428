"""Decisions about applications. Every status change goes through `_move`, inside a
transaction, leaving an ApplicationTransition row."""

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.permissions import is_manager
from jumelage.calls.enums import ApplicationState
from jumelage.calls.forms import (
    BUILT_IN_FIELDS,
    CONSENT_FIELDS,
    ApplicationForm,
    application_as_data,
    file_digest,
)
from jumelage.calls.models import Application, ApplicationTransition, Attachment, Call
from jumelage.calls.queries import form_definition
from jumelage.core import events, moments
from jumelage.notifications.services import queue_message
from jumelage.partnerships.enums import StageKind


class ApplicationClosed(Exception):
    """The application cannot change now: the call is closed, or it was withdrawn."""


@dataclass
class SaveResult:
    application: Application
    errors: dict = field(default_factory=dict)
    repeated: bool = False  # the same form page was sent before: nothing changed now

    @property
    def ok(self):
        return not self.errors


def questions_of(call):
    return list(form_definition(call).questions)


def _locked(application_id, actor) -> Application:
    # Only the application's row: locking the joined call too would queue every applicant's
    # save behind the others' on the same call.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__side")
        .get(pk=application_id)
    )
    if application.applicant_id != actor.pk:
        raise PermissionDenied(_("This application belongs to someone else."))
    application.applicant = actor  # already loaded: spares a query when confirming
    return application


def _require_open(application):
    if not application.call.is_open():
        raise ApplicationClosed(_("The call is closed: the application can no longer change."))


def _move(application, actor, to_state, save_all=False, form_token="") -> ApplicationTransition:
    """The one place where an application's status changes. `save_all` saves the caller's
    other changes in the same UPDATE; `form_token` names the form page that asked."""
    from_state = application.state
    if (from_state, to_state) not in ApplicationState.allowed_moves():
        raise ApplicationClosed(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": ApplicationState(from_state).label, "to": ApplicationState(to_state).label}
        )
    application.state = to_state
    fields = ["state", "updated"]
    if to_state == ApplicationState.SUBMITTED:
        application.submitted_at = timezone.now()
        fields.append("submitted_at")
        events.announce(
            events.APPLICATION_SUBMITTED, [application.call.side_id], application_id=application.pk
        )
    application.save(update_fields=None if save_all else fields)
    return ApplicationTransition.objects.create(
        application=application,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        form_token=form_token,
    )


def _sent_before(application, form_token) -> bool:
    """Whether the form page with `form_token` already changed the application's status.
    Read under the application's lock, so a repeat waits for the first to commit."""
    return bool(form_token) and application.transitions.filter(form_token=form_token).exists()


def start_application(actor, call: Call, language: str) -> Application:
    """The applicant's application to `call`, created on first use. Two clicks, two tabs or a
    retry all land on the same row: the database allows one per applicant and call."""
    if not actor.email_verified:
        raise PermissionDenied(_("Confirm your email address before you apply."))
    if not call.is_open():
        existing = Application.objects.filter(call=call, applicant=actor).first()
        if existing:
            return existing
        raise ApplicationClosed(_("This call is not open for applications."))
    # Insert first: most who press "apply" have no application yet, and the unique
    # constraint answers the others without a look-up beforehand.
    try:
        with transaction.atomic():
            return Application.objects.create(
                call=call,
                applicant=actor,
                language=language,
                contact_name=actor.full_name,
                contact_email=actor.email,
            )
    except IntegrityError:
        return Application.objects.get(call=call, applicant=actor)


def _apply_cleaned(application, form, names) -> None:
    for name in names:
        if name == "theme":
            application.theme = form.cleaned_data["theme"]
        elif name in BUILT_IN_FIELDS:
            setattr(application, name, form.cleaned_data[name] or "")
    if "privacy_consent" in names:
        _record_privacy_consent(application, form.cleaned_data["privacy_consent"])
    if "investor_consent" in names:
        _record_investor_consent(application, form.cleaned_data["investor_consent"])
    if "keep_on_file" in names:
        _record_keep_on_file(application, form.cleaned_data["keep_on_file"])
    answers = dict(application.answers)
    answers.update(form.answers())
    application.answers = {key: value for key, value in answers.items() if value is not None}


def _record_privacy_consent(application, agreed) -> None:
    """Which version of the notice was agreed to, and when. An unticked box withdraws a
    current consent; an earlier version's consent stays on record as it was given."""
    current = application.has_current_privacy_consent
    if agreed and not current:
        application.privacy_notice_version = application.call.privacy_notice_version
        application.privacy_consent_at = timezone.now()
    elif current and not agreed:
        application.privacy_notice_version = application.privacy_consent_at = None


def _record_investor_consent(application, agreed) -> None:
    if agreed != application.investor_consent:
        application.investor_consent = agreed
        application.investor_consent_at = timezone.now() if agreed else None


def _record_keep_on_file(application, agreed) -> None:
    if agreed != application.keep_on_file:
        application.keep_on_file = agreed
        application.keep_on_file_at = timezone.now() if agreed else None


# The files a save wrote to storage: its transaction may still roll back after them, and a
# row that was never committed must not leave its file behind (save_application).
_written: ContextVar[list | None] = ContextVar("written_uploads", default=None)


def _store_uploads(application, uploads, attachments) -> None:
    """`attachments` are the application's files, read under the lock."""
    current = {attachment.question_key: attachment for attachment in attachments}
    written = _written.get()
    for key, uploaded in uploads.items():
        if key in current:
            _discard_attachment(current[key])
        attachment = Attachment.objects.create(
            application=application,
            question_key=key,
            file=uploaded,
            original_name=uploaded.name[:255],
            content_type=uploaded.detected_type,
            size=uploaded.size,
            sha256=file_digest(uploaded),
        )
        if written is not None:
            written.append(attachment.file)


def _discard_attachment(old) -> None:
    """Replace, never pile up: the old file goes once the new one is safely recorded."""
    stored = old.file
    old.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def save_application(actor, application_id, data, files, *, only=None, submit=False, form_token=""):
    """Save what the applicant typed, and submit it when `submit` is set and it is complete.

    A draft keeps every valid field and reports the others. A submitted application must
    stay complete: the change is kept only if the whole application is still valid.
    `only` limits a draft save to the named fields (autosave sends what changed).
    Saving and submitting happen under one lock, in one transaction: the answers, the
    files, the status change and the queued confirmation are all kept, or none.
    A submission sent again with the same `form_token` (the form page's) changes nothing.
    """
    written = []
    token = _written.set(written)
    try:
        return _saved(actor, application_id, data, files, only, submit, form_token)
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise
    finally:
        _written.reset(token)


@transaction.atomic
def _saved(actor, application_id, data, files, only, submit, form_token) -> SaveResult:
    application = _locked(application_id, actor)
    if submit and _sent_before(application, form_token):
        return SaveResult(application, repeated=True)
    if application.state == ApplicationState.WITHDRAWN:
        raise ApplicationClosed(_("This application was withdrawn; reopen it to edit it."))
    _require_open(application)
    questions = questions_of(application.call)
    attachments = list(application.attachments.all())
    if application.state == ApplicationState.SUBMITTED:
        return _save_submitted(application, questions, attachments, data, files, only)
    if submit:
        submitted = _save_and_submit(
            actor, application, (questions, attachments), data, files, form_token
        )
        if submitted.ok:
            return submitted
    draft = _save_draft(application, questions, attachments, data, files, only)
    return SaveResult(draft.application, submitted.errors if submit else draft.errors)


def _save_and_submit(actor, application, stored, data, files, form_token) -> SaveResult:
    questions, attachments = stored
    form = ApplicationForm(
        application, data, files, questions=questions, attachments=attachments, strict=True
    )
    if not form.is_valid():
        return SaveResult(application, dict(form.errors))
    _apply_cleaned(application, form, list(form.fields))
    _store_uploads(application, form.uploads(), attachments)
    application.revision += 1  # the row is locked: counting in Python is safe
    transition = _move(
        application, actor, ApplicationState.SUBMITTED, save_all=True, form_token=form_token
    )
    _confirm(application, "application-submitted", transition)
    return SaveResult(application)


def _save_draft(application, questions, attachments, data, files, only) -> SaveResult:
    form = ApplicationForm(
        application,
        data,
        files,
        questions=questions,
        attachments=attachments,
        strict=False,
        only=only,
    )
    form.is_valid()
    valid = [name for name in form.fields if name not in form.errors]
    _apply_cleaned(application, form, valid)
    _store_uploads(application, form.uploads(), attachments)
    _bump(application)
    return SaveResult(application, dict(form.errors))


def _sent_values(data, name) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    return [data[name]] if name in data else []


def _save_submitted(application, questions, attachments, data, files, only) -> SaveResult:
    """Checked whole: what was sent, over what is stored. Autosave names what it sends in
    `only`, an unticked box among them without a value; a full page sends every field,
    but nothing for an unticked box."""
    merged = application_as_data(application, questions)
    for name in set(data) | (only if only is not None else set(CONSENT_FIELDS)):
        merged.setlist(name, _sent_values(data, name))
    form = ApplicationForm(
        application, merged, files, questions=questions, attachments=attachments, strict=True
    )
    if not form.is_valid():
        return SaveResult(application, dict(form.errors))
    _apply_cleaned(application, form, list(form.fields))
    _store_uploads(application, form.uploads(), attachments)
    _bump(application)
    return SaveResult(application)


def _bump(application) -> None:
    # The row is locked (select_for_update), so counting in Python is safe.
    application.revision += 1
    application.save()


def validate_for_submission(application) -> dict:
    """Every problem that keeps the stored application from being submitted, by field."""
    questions = questions_of(application.call)
    form = ApplicationForm(
        application,
        application_as_data(application, questions),
        questions=questions,
        attachments=list(application.attachments.all()),
        strict=True,
    )
    form.is_valid()
    return dict(form.errors)


@transaction.atomic
def submit_application(actor, application_id, form_token="") -> SaveResult:
    """Submit once. Submitting again (a double click, a retry) changes nothing and succeeds;
    so does sending the same form page (`form_token`) again after a withdrawal."""
    application = _locked(application_id, actor)
    if _sent_before(application, form_token):
        return SaveResult(application, repeated=True)
    if application.state == ApplicationState.SUBMITTED:
        return SaveResult(application)
    _require_open(application)
    errors = validate_for_submission(application)
    if errors:
        return SaveResult(application, errors)
    transition = _move(application, actor, ApplicationState.SUBMITTED, form_token=form_token)
    _confirm(application, "application-submitted", transition)
    return SaveResult(application)


@transaction.atomic
def withdraw_application(actor, application_id) -> Application:
    application = _locked(application_id, actor)
    if application.state == ApplicationState.WITHDRAWN:
        return application
    _require_open(application)
    transition = _move(application, actor, ApplicationState.WITHDRAWN)
    _confirm(application, "application-withdrawn", transition)
    return application


@transaction.atomic
def reopen_application(actor, application_id) -> Application:
    """A withdrawn application becomes a draft again, while the call is open."""
    application = _locked(application_id, actor)
    if application.state != ApplicationState.WITHDRAWN:
        return application
    _require_open(application)
    _move(application, actor, ApplicationState.DRAFT)
    return application


def _confirm(application, key, transition) -> None:
    call = application.call
    deadline, zone = moments.moment_and_zone(call.closes_at, call.side.tzinfo, application.language)
    with translation.override(application.language):
        context = {
            "name": application.contact_name or application.applicant.full_name,
            "team": application.team_name,
            "call": call.title,
            "deadline": deadline,
            "timezone": zone,
            "reference": application.reference,
        }
    queue_message(
        key,
        recipient=application.applicant,
        language=application.language,
        context=context,
        side=call.side,
        dedupe_key=f"{key}:{transition.pk}",
    )


def create_call(actor, cycle, side) -> Call:
    """An unpublished call for `side`, open over the call stages of the cycle's timeline:
    from 09:00 on the first day to 17:00 on the last, in the side's own timezone."""
    if not is_manager(actor, side):
        raise PermissionDenied(_("Only the side's managers can open its call."))
    stages = {stage.kind: stage for stage in cycle.stages.all()}
    tz = side.tzinfo
    opens = dt.datetime.combine(stages[StageKind.CALL_OPEN].starts_on, dt.time(9), tz)
    closes = dt.datetime.combine(stages[StageKind.CALL_CLOSE].ends_on, dt.time(17), tz)
    call, _created = Call.objects.get_or_create(
        cycle=cycle,
        side=side,
        defaults={
            "slug": f"{side.slug}-{cycle.slug}",
            "opens_at": opens,
            "closes_at": closes,
            **_default_titles(side, cycle),
        },
    )
    return call


def _default_titles(side, cycle) -> dict:
    """A title in every language, to be rewritten by the managers before publishing."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[f"title_{code.replace('-', '_')}"] = _(
                "Call for startups: %(city)s %(cycle)s"
            ) % {"city": side.city, "cycle": cycle.name}
    titles["title"] = titles[f"title_{settings.LANGUAGE_CODE}"]
    return titles
