from django.db import migrations, models

from jumelage.matchmaking.messages import TEMPLATES
from jumelage.notifications.defaults import translated_columns

NEW = ("matchmaking-outcome-due", "matchmaking-itinerary-conflict")


def load(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key in NEW:
        spec = TEMPLATES[key]
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
        ("matchmaking", "0002_message_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="conflict",
            field=models.CharField(blank=True, max_length=300, verbose_name="conflict"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
