from django.apps import AppConfig


class HostingConfig(AppConfig):
    name = "jumelage.hosting"

    def ready(self):
        from jumelage.hosting import copying, panels

        copying.register()
        panels.register()
