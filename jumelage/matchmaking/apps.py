from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "jumelage.matchmaking"

    def ready(self):
        from jumelage.matchmaking import conflicts, panels, privacy

        conflicts.connect()
        panels.register()
        privacy.register()
