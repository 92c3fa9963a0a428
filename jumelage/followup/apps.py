from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jumelage.followup"
