from django.urls import path

from jumelage.calls import views

app_name = "calls"
urlpatterns = []
