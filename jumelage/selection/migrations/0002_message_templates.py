from django.db import migrations

from jumelage.notifications.defaults import translated_columns
from jumelage.selection.messages import TEMPLATES


def load(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key, spec in TEMPLATES.items():
        MessageTemplate.objects.update_or_create(
            key=key,
            defaults={
                "description": spec["description"],
                **translated_columns("subject", spec["subject"]),
                **translated_columns("body", spec["body"]),
            },
        )


def unload(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(key__in=TEMPLATES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0001_initial"),
        ("notifications", "0002_default_templates"),
    ]
    operations = [migrations.RunPython(load, unload)]
