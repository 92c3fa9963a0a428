from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "jumelage.partnerships"
