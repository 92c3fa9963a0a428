from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jumelage.review"

    def ready(self):
        from jumelage.review import copying, panels, privacy

        copying.register()
        panels.register()
        privacy.register()
