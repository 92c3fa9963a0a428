from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "jumelage.exchange"

    def ready(self):
        from jumelage.exchange import panels, privacy

        panels.register()
        privacy.register()
