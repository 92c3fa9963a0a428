from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "jumelage.selection"

    def ready(self):
        from jumelage.selection import panels

        panels.register()
