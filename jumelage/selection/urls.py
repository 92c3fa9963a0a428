from django.urls import path

from jumelage.selection import views

app_name = "selection"
cycle = "<slug:partnership_slug>/<slug:cycle_slug>/"
side = f"{cycle}<slug:side_slug>/"
urlpatterns = [
    path("places/<int:pk>/", views.place, name="place"),
    path(cycle, views.overview, name="overview"),
    path(f"{cycle}results/", views.results, name="results"),
    path(f"{side}nominate/", views.nominate, name="nominate"),
    path(f"{side}nominate/decide/", views.decide_pick, name="decide_pick"),
    path(f"{side}decisions/", views.decisions, name="decisions"),
    path(f"{side}pick/", views.pick, name="pick"),
    path(f"{side}pick/<int:pk>/", views.nominated_application, name="application"),
    path(f"{side}pick/<int:pk>/files/<slug:key>/", views.attachment, name="attachment"),
]
