from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "jumelage.matchmaking"

    def ready(self):
        from jumelage.matchmaking import panels, privacy

        panels.register()
        privacy.register()
