from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "jumelage.selection"

    def ready(self):
        from jumelage.selection import outbox, panels, privacy

        outbox.register()
        panels.register()
        privacy.register()
        panels.register_outcomes()
