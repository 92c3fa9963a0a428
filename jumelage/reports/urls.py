from django.urls import path

from jumelage.reports import dashboard_views, outcome_views, views

app_name = "reports"
trip = "trip/<slug:slug>/"
cycle = "cycle/<slug:partnership_slug>/<slug:cycle_slug>/"
urlpatterns = [
    path(trip, views.trip, name="trip"),
    path(f"{trip}pdf/", views.trip_pdf, name="trip_pdf"),
    path(f"{trip}edit/", views.trip_edit, name="trip_edit"),
    path(f"{trip}autosave/", views.trip_autosave, name="trip_autosave"),
    path(f"{trip}visits/add/", views.section_add, name="section_add"),
    path(f"{trip}visits/<int:pk>/", views.section_edit, name="section_edit"),
    path(f"{trip}visits/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path(f"{trip}photos/<int:pk>/", views.photo, name="photo"),
    path(f"{trip}photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path(f"{cycle}dashboard/", dashboard_views.dashboard, name="dashboard"),
    path(
        f"{cycle}dashboard/<slug:table>.<slug:fmt>",
        dashboard_views.dashboard_export,
        name="dashboard_export",
    ),
    path(f"{cycle}outcome/", outcome_views.outcome_report, name="outcome"),
    path(f"{cycle}outcome/edit/", outcome_views.outcome_edit, name="outcome_edit"),
    path(f"{cycle}outcome/autosave/", outcome_views.outcome_autosave, name="outcome_autosave"),
    path(
        f"{cycle}outcome/report.<slug:fmt>",
        outcome_views.outcome_download,
        name="outcome_download",
    ),
]
