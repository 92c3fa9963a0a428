from django.urls import path

from jumelage.partnerships import views

app_name = "partnerships"
cycle = "<slug:partnership_slug>/<slug:cycle_slug>/"
budget = f"{cycle}budget/<slug:side_slug>/"
urlpatterns = [
    path("<slug:partnership_slug>/", views.detail, name="detail"),
    path(cycle, views.cycle_detail, name="cycle"),
    path(f"{cycle}themes/", views.themes, name="themes"),
    path(f"{cycle}themes/propose/", views.theme_propose, name="theme_propose"),
    path(f"{cycle}themes/<int:theme_id>/decide/", views.theme_decide, name="theme_decide"),
    path(f"{cycle}themes/<int:theme_id>/withdraw/", views.theme_withdraw, name="theme_withdraw"),
    path(f"{cycle}stages/", views.stages, name="stages"),
    path(f"{cycle}next/", views.next_cycle, name="next_cycle"),
    path(budget, views.budget, name="budget"),
    path(f"{budget}<int:line_id>/", views.budget_line_edit, name="budget_line_edit"),
    path(f"{budget}<int:line_id>/delete/", views.budget_line_delete, name="budget_line_delete"),
]
