from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jumelage.api"

    def ready(self):
        from jumelage.api import panels

        panels.register()
