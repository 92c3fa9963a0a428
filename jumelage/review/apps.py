from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jumelage.review"

    def ready(self):
        from jumelage.review import panels, privacy

        panels.register()
        privacy.register()
