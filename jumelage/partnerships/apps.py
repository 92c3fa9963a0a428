from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "jumelage.partnerships"

    def ready(self):
        from jumelage.partnerships import panels, services

        services.register_todo_checks()
        panels.register_home_section()
        panels.register_my_space_section()
