from django.db import migrations

from jumelage.notifications.defaults import TEMPLATES, translated_columns

KEY = "registration-attempt"


def load(apps, schema_editor):
    spec = TEMPLATES[KEY]
    apps.get_model("notifications", "MessageTemplate").objects.update_or_create(
        key=KEY,
        side=None,
        defaults={
            "description": spec["description"],
            **translated_columns("subject", spec["subject"]),
            **translated_columns("body", spec["body"]),
        },
    )


def unload(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_outbox_retries_and_side_templates")]
    operations = [migrations.RunPython(load, unload)]
