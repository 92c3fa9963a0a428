from django.urls import path

from jumelage.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message, name="message"),
    path("<int:pk>/release/", views.release, name="release"),
    path("release/", views.release_all, name="release_all"),
    path("templates/", views.templates, name="templates"),
    path("templates/<slug:key>/", views.edit_template, name="edit_template"),
    path(
        "templates/<slug:key>/side/<int:side_id>/",
        views.edit_side_template,
        name="edit_side_template",
    ),
]
