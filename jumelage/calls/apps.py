from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "jumelage.calls"

    def ready(self):
        from jumelage.calls import signals  # noqa: F401  (connects the receivers)
