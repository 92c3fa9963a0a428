from django.urls import path

from jumelage.notifications import views

app_name = "notifications"
urlpatterns = []
