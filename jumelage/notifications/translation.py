from modeltranslation.translator import TranslationOptions, register

from jumelage.notifications.models import MessageTemplate


@register(MessageTemplate)
class MessageTemplateTranslation(TranslationOptions):
    fields = ("subject", "body")
