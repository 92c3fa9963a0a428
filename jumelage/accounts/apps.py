from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jumelage.accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from jumelage.accounts import retention, second_factor, sessions

        retention.register()
        second_factor.register_personal_data()
        user_logged_in.connect(sessions.start_clock, dispatch_uid="accounts-session-clock")
