from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "jumelage.calls"

    def ready(self):
        from jumelage.calls import copying, panels, privacy, signals  # noqa: F401  (signals connects the receivers)

        copying.register()
        panels.register()
        privacy.register()
