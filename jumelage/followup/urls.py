from django.urls import path

from jumelage.followup import views

app_name = "followup"
cycle = "cycle/<slug:partnership_slug>/<slug:cycle_slug>/"
urlpatterns = [
    path("teams/<int:pk>/", views.team, name="team"),
    path("teams/<int:pk>/milestones/", views.milestone_validate, name="milestone_validate"),
    path(
        "teams/<int:pk>/milestones/<slug:stage>/evidence/",
        views.milestone_evidence,
        name="milestone_evidence",
    ),
    path("teams/<int:pk>/journey/", views.journey_record, name="journey_record"),
    path("teams/<int:pk>/roadmap/", views.roadmap_step_add, name="roadmap_step_add"),
    path("teams/<int:pk>/tools/", views.tool_record, name="tool_record"),
    path("teams/<int:pk>/outcome/", views.outcome_save, name="outcome_save"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey_answer"),
    path(f"{cycle}surveys/", views.survey_list, name="survey_list"),
    path(f"{cycle}surveys/new/", views.survey_edit, name="survey_add"),
    path(f"{cycle}surveys/<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path(
        f"{cycle}surveys/<int:pk>/send/",
        views.survey_send,
        name="survey_send",
    ),
]
