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
    path("calendar/<str:token>.ics", views.agenda_ical, name="agenda_ical"),
]
