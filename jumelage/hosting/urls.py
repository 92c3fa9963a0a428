from django.urls import path

from jumelage.hosting import views

app_name = "hosting"
urlpatterns = []
