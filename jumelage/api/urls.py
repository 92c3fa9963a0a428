from django.urls import path

from jumelage.api import hooks, views

app_name = "api"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("new/", views.create, name="create"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("webhooks/", hooks.webhook_list, name="webhooks"),
    path("webhooks/<int:pk>/", hooks.webhook, name="webhook"),
    path("webhooks/<int:pk>/delete/", hooks.webhook_delete, name="webhook_delete"),
]
