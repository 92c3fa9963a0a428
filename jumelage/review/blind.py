"""An application as a blind committee's reviewer reads it, and what its managers are told.

The reviewer never sees an identifying question (calls.Question.identifying); in the other
answers, every passage that names the team is masked; a file is served only when its
text could be read and names no one, and its metadata could be removed. The managers'
application page lists what was masked and withheld, so they can ask the team to fix it."""

import copy
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jumelage.calls.enums import QuestionKind
from jumelage.calls.files import text_of
from jumelage.calls.forms import readable_answers
from jumelage.calls.models import PITCH_DECK_KEY
from jumelage.calls.queries import pitch_of
from jumelage.calls.services import questions_of
from jumelage.review import identity as names

WITHHELD_NAMES = "names"
WITHHELD_UNREADABLE = "unreadable"
WITHHELD_UNCLEANABLE = "uncleanable"
WITHHELD_REASONS = {
    WITHHELD_NAMES: gettext_lazy("Withheld for blind review: the file names the team."),
    WITHHELD_UNREADABLE: gettext_lazy(
        "Withheld for blind review: the file's text cannot be read to check that it names "
        "no one (an image, a scan or a protected file)."
    ),
    WITHHELD_UNCLEANABLE: gettext_lazy(
        "Withheld for blind review: the file's author details cannot be removed from it."
    ),
}


@dataclass
class Answer:
    question: object
    text: object  # as a person reads it, None when unanswered
    hits: list = field(default_factory=list)  # what was masked, as the team wrote it


@dataclass
class File:
    attachment: object
    label: str
    withheld: str = ""  # a key of WITHHELD_REASONS, or "" when the file is served
    hits: list = field(default_factory=list)

    @property
    def reason(self):
        return WITHHELD_REASONS.get(self.withheld, "")


def mask() -> str:
    return _("[masked]")


def identity_of(application) -> names.Identity:
    """The strings that name the team: built-in fields, the applicant's account and every
    answer to an identifying question."""
    strings = names.Strings(
        names=[application.team_name, application.organisation],
        people=[application.contact_name, application.applicant.full_name],
        emails=[application.contact_email, application.applicant.email],
        urls=[],
        texts=[],
    )
    for question in questions_of(application.call):
        answer = application.answers.get(question.key)
        if question.identifying and isinstance(answer, str) and answer:
            _gather(strings, question.kind, answer)
    return names.identity_of(strings)


def _gather(strings, kind, answer) -> None:
    if kind == QuestionKind.EMAIL:
        strings.emails.append(answer)
    elif kind == QuestionKind.URL:
        strings.urls.append(answer)
    else:
        strings.texts.append(answer)


def answers(application, identity) -> list[Answer]:
    """The answers a blind reviewer reads: no identifying question, names masked."""
    hits = {}
    shown = copy.copy(application)
    shown.answers = dict(application.answers)
    for question in questions_of(application.call):
        answer = application.answers.get(question.key)
        if not question.identifying and isinstance(answer, str):
            hits[question.key] = names.hits(answer, identity)
            shown.answers[question.key] = names.masked(answer, identity, mask())
    return [
        Answer(question, text, hits.get(question.key, []))
        for question, text in readable_answers(shown)
        if not question.identifying
    ]


def pitch(application, identity) -> str:
    """The team's one-line pitch as a blind reviewer reads it."""
    return masked_text(pitch_of(application), identity)


def masked_text(text: str, identity) -> str:
    """Any other text a blind reviewer reads about the application (another reviewer's
    comment), names masked."""
    return names.masked(text, identity, mask())


def files(application, identity=None) -> list[File]:
    """Each file with what it is (the question's label names it, not the file's own name,
    which may name the team); with an `identity`, as a blind reviewer gets them: files of
    identifying questions left out, the others served or withheld."""
    questions = {q.key: q for q in questions_of(application.call)}
    found = []
    for attachment in application.attachments.order_by("question_key"):
        question = questions.get(attachment.question_key)
        if identity is not None and question is not None and question.identifying:
            continue
        label = _("Pitch deck") if attachment.question_key == PITCH_DECK_KEY else None
        label = label or (question.label if question else attachment.question_key)
        found.append(_checked(File(attachment, label), identity))
    return found


def _checked(file: File, identity) -> File:
    if identity is None:
        return file
    text = text_of(file.attachment)
    if text is None:
        file.withheld = WITHHELD_UNREADABLE
    elif hits := names.hits(text, identity):
        file.withheld, file.hits = WITHHELD_NAMES, hits
    return file


def findings(application) -> dict:
    """What blind review hides of this application beyond its identifying questions: the
    answers with masked passages and the files withheld, for its managers."""
    identity = identity_of(application)
    return {
        "answers": [a for a in answers(application, identity) if a.hits],
        "files": [f for f in files(application, identity) if f.withheld],
        "identifying": [q for q in questions_of(application.call) if q.identifying],
    }
