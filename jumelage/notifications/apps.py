from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jumelage.notifications"

    def ready(self):
        from jumelage.notifications import navigation

        navigation.register()
