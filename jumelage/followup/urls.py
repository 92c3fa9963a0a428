from django.urls import path

from jumelage.followup import views

app_name = "followup"
urlpatterns = [
    path("teams/<int:pk>/", views.team, name="team"),
    path("teams/<int:pk>/milestones/", views.milestone_validate, name="milestone_validate"),
    path("teams/<int:pk>/outcome/", views.outcome_save, name="outcome_save"),
]
