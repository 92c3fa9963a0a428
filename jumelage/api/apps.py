from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jumelage.api"

    def ready(self):
        from jumelage.api import panels, receivers

        panels.register()
        receivers.connect()
