from django.urls import path

from jumelage.partnerships import views

app_name = "partnerships"
urlpatterns = []
