from django.urls import path

from jumelage.matchmaking import views

app_name = "matchmaking"
s = "<int:pk>/"
urlpatterns = [
    path(s, views.session, name="session"),
    path(f"{s}profile/", views.profile_edit, name="profile_edit"),
    path(f"{s}requests/send/", views.request_send, name="request_send"),
    path(f"{s}agenda/", views.my_agenda, name="agenda"),
    path(f"{s}agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(f"{s}grid/", views.grid, name="grid"),
    path(f"{s}meetings/add/", views.meeting_add, name="meeting_add"),
    path(f"{s}schedule/", views.schedule_run, name="schedule_run"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("meetings/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("meetings/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("feedback/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("calendar/<str:token>.ics", views.agenda_ical, name="agenda_ical"),
    path("new/<int:cycle>/", views.session_create, name="session_create"),
    path(f"{s}edit/", views.session_edit, name="session_edit"),
    path(f"{s}setup/", views.setup, name="setup"),
    path(f"{s}venues/add/", views.venue_add, name="venue_add"),
    path("venues/<int:pk>/edit/", views.venue_edit, name="venue_edit"),
    path(f"{s}places/add/", views.place_add, name="place_add"),
    path("places/<int:pk>/edit/", views.place_edit, name="place_edit"),
    path(f"{s}slots/add/", views.slots_add, name="slots_add"),
    path("slots/<int:pk>/delete/", views.slot_delete, name="slot_delete"),
    path(f"{s}invite/", views.invite, name="invite"),
    path(f"{s}partners/add/", views.partner_add, name="partner_add"),
]
