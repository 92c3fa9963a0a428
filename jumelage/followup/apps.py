from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jumelage.followup"

    def ready(self):
        from jumelage.followup import panels, past, privacy

        panels.register()
        past.register()
        privacy.register()
