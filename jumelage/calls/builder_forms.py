"""The form builder's forms and rules: a question, its options, the order of a call's questions.

Answers are stored under a question's key, so the rules here protect that link: a key in use
cannot change, and a question cannot be edited into a shape its conditional dependents no
longer fit.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import QuestionKind
from jumelage.calls.forms import YES_NO
from jumelage.calls.models import (
    PITCH_DECK_KEY,
    Application,
    Attachment,
    Call,
    Question,
    QuestionChoice,
)
from jumelage.calls.signals import touch_calls

LANGUAGE_NAMES = dict(settings.LANGUAGES)
LANGUAGE_COLUMNS = [(code, code.replace("-", "_")) for code, _name in settings.LANGUAGES]
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
CONDITION_KINDS = {QuestionKind.YES_NO, *QuestionKind.with_choices()}
# Fields that mean something for some kinds only; cleared for the others so that a question
# changed from "number" to "email" keeps no stale limit.
KIND_FIELDS = {
    "min_length": TEXT_KINDS,
    "max_length": TEXT_KINDS,
    "min_value": {QuestionKind.NUMBER},
    "max_value": {QuestionKind.NUMBER},
}


class ReorderRefused(Exception):
    """The posted order does not name exactly the call's questions."""


def translated(field: str) -> list[str]:
    return [f"{field}_{column}" for _code, column in LANGUAGE_COLUMNS]


def _label_by_language(form, field: str, verbose: str) -> None:
    for code, column in LANGUAGE_COLUMNS:
        form.fields[f"{field}_{column}"].label = f"{verbose} ({LANGUAGE_NAMES[code]})"


def accepted_answers(kind, options) -> list[tuple[str, str]]:
    """(value, label) pairs a conditional question may wait for, given its parent's kind."""
    if kind == QuestionKind.YES_NO:
        return [(value, str(label)) for value, label in YES_NO]
    if kind in QuestionKind.with_choices():
        return list(options)
    return []


def descendants(call, question) -> set[int]:
    """Ids of the questions shown, directly or not, only after an answer to `question`."""
    children = {}
    for pk, parent_id in call.questions.values_list("pk", "show_if_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), [question.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def key_has_answers(call_id, key) -> bool:
    """Whether some application of the call holds an answer or a file under `key`."""
    answered = Application.objects.filter(call=call_id, answers__has_key=key)
    uploaded = Attachment.objects.filter(application__call=call_id, question_key=key)
    return answered.exists() or uploaded.exists()


def key_in_use(question) -> bool:
    return question.pk is not None and key_has_answers(question.call_id, question.key)


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.key})"


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "required",
            "identifying",
            "key",
            *translated("label"),
            *translated("help_text"),
            "min_length",
            "max_length",
            "min_value",
            "max_value",
            "file_kind",
            "show_if",
            "show_if_value",
        ]
        field_classes = {"show_if": ParentChoiceField}
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in translated("help_text")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = self.instance.call
        self.fields["kind"].choices = QuestionKind.choices
        _label_by_language(self, "label", _("Question"))
        _label_by_language(self, "help_text", _("Help text"))
        self.fields["key"].required = False
        self.fields["key"].help_text = _(
            "Names the answer in exports. Leave empty to make one from the English question."
        )
        self.key_locked = key_in_use(self.instance)
        if self.key_locked:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = _(
                "Applications already hold answers under this key, so it can no longer change."
            )
        parents = self.call.questions.filter(kind__in=CONDITION_KINDS).prefetch_related("choices")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["show_if"].queryset = parents
        self.fields["show_if"].empty_label = _("Always shown")

    def posted_kind(self):
        return self["kind"].value()

    def wording(self):
        """(language name, question field, help text field), one per language."""
        return [
            (LANGUAGE_NAMES[code], self[f"label_{column}"], self[f"help_text_{column}"])
            for code, column in LANGUAGE_COLUMNS
        ]

    def condition_hints(self):
        """Each possible parent with the answers that may show this question."""
        return [
            (parent, accepted_answers(parent.kind, _options_of(parent)))
            for parent in self.fields["show_if"].queryset
        ]

    def clean_key(self):
        if self.key_locked:
            return self.instance.key
        key = self.cleaned_data["key"] or self._proposed_key()
        if key in self._taken_keys():
            raise forms.ValidationError(_("Another question of this call already uses this key."))
        if key != self.instance.key and key_has_answers(self.call.pk, key):
            # Answers of a deleted question would reappear as answers to this one.
            raise forms.ValidationError(
                _("Applications hold answers to a deleted question under this key: choose another.")
            )
        return key

    def _taken_keys(self) -> set[str]:
        return set(self.call.questions.exclude(pk=self.instance.pk).values_list("key", flat=True))

    def _proposed_key(self) -> str:
        labels = [
            self.data.get(self.add_prefix(name), "") for name in reversed(translated("label"))
        ]
        base = next((slugify(text) for text in labels if slugify(text)), "") or "question"
        base = base.replace("-", "_")[:40]
        taken = self._taken_keys() | {PITCH_DECK_KEY}
        key, n = base, 1
        while key in taken or key_has_answers(self.call.pk, key):
            n += 1
            key = f"{base}_{n}"
        return key

    def clean_show_if(self):
        parent = self.cleaned_data["show_if"]
        if parent and self.instance.pk and parent.pk in descendants(self.call, self.instance):
            raise forms.ValidationError(
                _(
                    "“%(parent)s” is itself shown only after an answer to this question: "
                    "that would make a loop."
                )
                % {"parent": parent.label}
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in translated("label")):
            raise forms.ValidationError(_("Write the question in at least one language."))
        kind = cleaned.get("kind")
        if self._newly(kind) in QuestionKind.identifying_by_default():
            cleaned["identifying"] = True
        for name, kinds in KIND_FIELDS.items():
            if kind not in kinds:
                cleaned[name] = None
        self._clean_condition(cleaned)
        return cleaned

    def _newly(self, kind):
        """The kind if the question is new or takes it now (an address or a link starts as
        identifying; the manager may untick it afterwards), else None."""
        return kind if self.instance.pk is None or self.instance.kind != kind else None

    def _clean_condition(self, cleaned):
        parent = cleaned.get("show_if")
        if parent is None:
            cleaned["show_if_value"] = ""
            return
        value = cleaned.get("show_if_value", "").strip()
        cleaned["show_if_value"] = value
        if not value:
            return  # Question.clean asks for one.
        accepted = accepted_answers(parent.kind, _options_of(parent))
        if value not in {v for v, _label in accepted}:
            # Question.clean would otherwise see a blank and ask for an answer a second time.
            self.instance.show_if_value = value
            self.add_error("show_if_value", _not_an_answer(parent, accepted))

    def save(self, commit=True):
        if self.instance.pk is None:
            last = self.call.questions.aggregate(last=Max("order"))["last"]
            self.instance.order = (last or 0) + 1
        return super().save(commit)


def _options_of(question) -> list[tuple[str, str]]:
    return [(choice.value, choice.label) for choice in question.choices.all()]


def _not_an_answer(parent, accepted):
    values = ", ".join(f"{value} ({label})" for value, label in accepted)
    return _("“%(parent)s” cannot have this answer. Use one of: %(values)s.") % {
        "parent": parent.label,
        "values": values,
    }


class OptionForm(forms.ModelForm):
    class Meta:
        model = QuestionChoice
        fields = ["value", *translated("label"), "order"]
        widgets = {"order": forms.NumberInput(attrs={"min": 0})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_by_language(self, "label", _("Label"))
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.initial["order"] = None  # left empty, a new option takes its row's place

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in translated("label")):
            raise forms.ValidationError(_("Give the option a label in at least one language."))
        return cleaned


class BaseOptionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    @property
    def needed(self) -> bool:
        return self.kind in QuestionKind.with_choices()

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.is_valid() and form.cleaned_data and not self._should_delete_form(form)
        ]

    def values(self) -> set[str]:
        return {form.cleaned_data["value"] for form in self.kept_forms()}

    def clean(self):
        super().clean()
        if not self.needed or any(self.errors):
            return
        kept = self.kept_forms()
        if len(kept) < 2:
            raise forms.ValidationError(_("A choice question needs at least two options."))
        for position, form in enumerate(kept, start=1):
            if form.cleaned_data.get("order") is None:
                form.instance.order = position


OptionFormSet = forms.inlineformset_factory(
    Question, QuestionChoice, form=OptionForm, formset=BaseOptionFormSet, extra=3, can_delete=True
)


def options_formset(question, data=None, kind=None):
    return OptionFormSet(data, instance=question, prefix="options", kind=kind)


def broken_dependents(question, kind, option_values) -> list[Question]:
    """Questions waiting for an answer that `question`, as edited, could no longer give."""
    if question.pk is None:
        return []
    options = [(value, value) for value in option_values]  # labels do not matter here
    accepted = {value for value, _label in accepted_answers(kind, options)}
    return [q for q in question.dependents.all() if q.show_if_value not in accepted]


def validate_question(form, options) -> bool:
    """Both forms valid, and the question's dependents still reachable."""
    form_ok = form.is_valid()
    options_ok = not options.needed or options.is_valid()
    if not (form_ok and options_ok):
        return False
    values = options.values() if options.needed else set()
    broken = broken_dependents(form.instance, form.cleaned_data["kind"], values)
    if broken:
        form.add_error(None, _dependents_message(broken))
    return not broken


def _dependents_message(dependents):
    names = ", ".join(f"“{q.label}” ({q.show_if_value})" for q in dependents)
    return _(
        "These questions are shown only after an answer this question would no longer offer: "
        "%(names)s. Change their condition first."
    ) % {"names": names}


@transaction.atomic
def save_question(form, options) -> Question:
    question = form.save()
    if options.needed:
        options.save()
    else:
        question.choices.all().delete()
    return question


def delete_refusal(question):
    """Why `question` cannot be deleted, or None: a conditional question would be orphaned."""
    dependents = list(question.dependents.all())
    if not dependents:
        return None
    names = ", ".join(f"“{q.label}”" for q in dependents)
    return _(
        "Other questions are shown only after an answer to this one: %(names)s. "
        "Change or remove their condition first."
    ) % {"names": names}


def order_from_numbers(data) -> list[int]:
    """Question ids sorted by the numbers typed beside them (ties keep the page's order)."""
    numbered = []
    for position, (name, raw) in enumerate(data.items()):
        if not name.startswith("order-"):
            continue
        pk, number = name.removeprefix("order-"), raw.strip()
        if not (pk.isdigit() and number.isdigit()):
            raise ReorderRefused(_("Give every question a whole number."))
        numbered.append((int(number), position, int(pk)))
    return [pk for _number, _position, pk in sorted(numbered)]


@transaction.atomic
def reorder_questions(call, ordered_ids) -> None:
    """Number the call's questions 1, 2, 3… in the given order: all of them, each once."""
    questions = {q.pk: q for q in call.questions.select_for_update()}
    if len(ordered_ids) != len(set(ordered_ids)) or set(ordered_ids) != set(questions):
        raise ReorderRefused(
            _("The form changed since the page was loaded. Reload the page and try again.")
        )
    for position, pk in enumerate(ordered_ids, start=1):
        questions[pk].order = position
    Question.objects.bulk_update(questions.values(), ["order"])
    touch_calls(Call.objects.filter(pk=call.pk))  # bulk_update sends no signal
