from django.db import migrations, models

from jumelage.matchmaking import messages

NEW = ("matchmaking-outcome-due", "matchmaking-itinerary-conflict")


def load(apps, schema_editor):
    messages.load(apps, NEW)


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
