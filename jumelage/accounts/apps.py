from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jumelage.accounts"

    def ready(self):
        from jumelage.accounts import retention

        retention.register()
