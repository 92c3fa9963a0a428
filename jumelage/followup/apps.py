from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jumelage.followup"

    def ready(self):
        from jumelage.followup import panels, privacy

        panels.register()
        privacy.register()
