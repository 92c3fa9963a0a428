from django.db import migrations

from jumelage.matchmaking.messages import TEMPLATES
from jumelage.notifications.defaults import translated_columns


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


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0001_initial"),
        ("notifications", "0004_outbox_retries_and_side_templates"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
