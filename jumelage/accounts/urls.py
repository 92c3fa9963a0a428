from django.urls import path

from jumelage.accounts import views

app_name = "accounts"
urlpatterns = []
