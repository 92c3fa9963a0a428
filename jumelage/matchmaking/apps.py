from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "jumelage.matchmaking"
