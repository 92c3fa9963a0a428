from django.urls import path

from jumelage.review import views

app_name = "review"
committee = "<slug:partnership_slug>/<slug:cycle_slug>/<slug:side_slug>/"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path(committee, views.dashboard, name="dashboard"),
    path(f"{committee}setup/", views.setup, name="setup"),
    path(f"{committee}members/", views.members, name="members"),
    path(f"{committee}members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(f"{committee}criteria/", views.criteria, name="criteria"),
    path(f"{committee}criteria/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path(f"{committee}criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path(f"{committee}questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path(f"{committee}assignments/", views.assignments, name="assignments"),
    path(f"{committee}assignments/auto/", views.auto_assign, name="auto_assign"),
    path(
        f"{committee}assignments/auto/progress/",
        views.assignment_progress,
        name="assignment_progress",
    ),
    path(f"{committee}assignments/<int:pk>/remove/", views.unassign, name="unassign"),
    path(f"{committee}assignments/<int:pk>/pin/", views.pin, name="pin"),
    path(f"{committee}assignments/<int:pk>/forbid/", views.forbid, name="forbid"),
    path(f"{committee}wishes/", views.bids, name="bids"),
    path(f"{committee}ranking/", views.ranking, name="ranking"),
    path(f"{committee}export/<str:fmt>/", views.export, name="export"),
    path(f"{committee}remind/", views.remind, name="remind"),
    path(f"{committee}reviews/<int:pk>/reopen/", views.reopen, name="reopen"),
    path(f"{committee}queue/", views.queue, name="queue"),
    path(f"{committee}queue/<int:pk>/", views.review, name="review"),
    path(f"{committee}queue/<int:pk>/conflict/", views.conflict, name="conflict"),
    path(f"{committee}queue/<int:pk>/files/<slug:key>/", views.attachment, name="attachment"),
]
