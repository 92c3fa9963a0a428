"""A call's form is its questions, their options and its cycle's agreed themes. Any change
to them, through a service or the admin, touches the call: other processes then read the
form again (queries.form_definition), and the cached public call page is refreshed. This
process forgets its copies at once, since the call it holds may predate the touch."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from jumelage.calls.models import Call, Question, QuestionChoice
from jumelage.calls.queries import forget_form_definitions
from jumelage.partnerships.models import Theme


def touch_calls(calls) -> None:
    calls.update(updated=timezone.now())
    forget_form_definitions()


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance, **kwargs):
    touch_calls(Call.objects.filter(pk=instance.call_id))


@receiver([post_save, post_delete], sender=QuestionChoice)
def choice_changed(sender, instance, **kwargs):
    touch_calls(Call.objects.filter(questions=instance.question_id))


@receiver([post_save, post_delete], sender=Theme)
def theme_changed(sender, instance, **kwargs):
    touch_calls(Call.objects.filter(cycle=instance.cycle_id))
