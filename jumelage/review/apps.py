from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jumelage.review"

    def ready(self):
        from jumelage.accounts.second_factor import SECOND_FACTOR_ROLES
        from jumelage.review import copying, panels, privacy
        from jumelage.review.models import Member

        copying.register()
        panels.register()
        privacy.register()
        # Chairs and reviewers read applications: their seat needs a second factor.
        SECOND_FACTOR_ROLES.register(
            "committee seat", 30, lambda user: Member.objects.filter(user=user).exists()
        )
