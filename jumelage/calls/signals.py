"""Keep the cached forms honest: a changed question or option moves its call's version."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jumelage.calls.models import Call, Question, QuestionChoice


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance, **kwargs):
    Call.mark_changed(instance.call_id)


@receiver([post_save, post_delete], sender=QuestionChoice)
def option_changed(sender, instance, **kwargs):
    Call.mark_changed(Question.objects.filter(pk=instance.question_id).values("call_id")[:1])
