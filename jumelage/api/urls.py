from django.urls import path

from jumelage.api import views

app_name = "api"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("new/", views.create, name="create"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
