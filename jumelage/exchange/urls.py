from django.urls import path

from jumelage.exchange import views

app_name = "exchange"
cycle = "<slug:partnership_slug>/<slug:cycle_slug>/"
d = "d/<slug:slug>/"
urlpatterns = [
    path("<slug:partnership_slug>/visits/", views.official_visits, name="official_visits"),
    path(f"{cycle}delegations/", views.delegations, name="delegations"),
    path(f"{cycle}delegations/add/", views.delegation_add, name="delegation_add"),
    path(f"{cycle}residencies/", views.residencies, name="residencies"),
    path(f"{cycle}residencies/<int:pk>/", views.residency_edit, name="residency_edit"),
    path(f"{cycle}residencies/<int:pk>/delete/", views.residency_delete, name="residency_delete"),
    path(d, views.delegation, name="delegation"),
    path(f"{d}edit/", views.delegation_edit, name="delegation_edit"),
    path(f"{d}travellers/add/", views.traveller_add, name="traveller_add"),
    path(f"{d}travellers/<int:pk>/", views.traveller_edit, name="traveller_edit"),
    path(f"{d}travellers/<int:pk>/details/", views.traveller_details, name="traveller_details"),
    path(f"{d}travellers/<int:pk>/export/", views.traveller_export, name="traveller_export"),
    path(f"{d}travellers/<int:pk>/erase/", views.traveller_erase, name="traveller_erase"),
    path(f"{d}travel/", views.travel, name="travel"),
    path(f"{d}travel/rates/", views.rate_set, name="rate_set"),
    path(f"{d}travel/legs/add/", views.leg_add, name="leg_add"),
    path(f"{d}travel/legs/<int:pk>/", views.leg_edit, name="leg_edit"),
    path(f"{d}travel/legs/<int:pk>/delete/", views.leg_delete, name="leg_delete"),
    path(f"{d}travel/stays/add/", views.stay_add, name="stay_add"),
    path(f"{d}travel/stays/<int:pk>/", views.stay_edit, name="stay_edit"),
    path(f"{d}travel/stays/<int:pk>/delete/", views.stay_delete, name="stay_delete"),
    path(f"{d}itinerary/", views.itinerary_page, name="itinerary"),
    path(f"{d}itinerary/add/", views.item_add, name="item_add"),
    path(f"{d}itinerary/<int:pk>/", views.item_edit, name="item_edit"),
    path(f"{d}itinerary/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path(f"{d}briefing/", views.briefing, name="briefing"),
    path(f"{d}briefing/edit/", views.briefing_edit, name="briefing_edit"),
    path(f"{d}briefing/acknowledge/", views.briefing_acknowledge, name="briefing_acknowledge"),
    path(f"{d}briefing/attendance/", views.briefing_attendance, name="briefing_attendance"),
    path("calendar/<str:token>.ics", views.delegation_ical, name="delegation_ical"),
    path("calendar/t/<str:token>.ics", views.traveller_ical, name="traveller_ical"),
]
