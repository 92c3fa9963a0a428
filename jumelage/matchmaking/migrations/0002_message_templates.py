from django.db import migrations

from jumelage.matchmaking import messages


def load(apps, schema_editor):
    messages.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0001_initial"),
        ("notifications", "0004_outbox_retries_and_side_templates"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
