from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "jumelage.selection"

    def ready(self):
        from jumelage.selection import outbox, panels

        outbox.register()
        panels.register()
        panels.register_outcomes()
