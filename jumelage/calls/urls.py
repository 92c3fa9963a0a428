from django.urls import path, re_path

from jumelage.calls import builder, views

app_name = "calls"
urlpatterns = [
    path("new/<slug:partnership>/<slug:cycle>/<slug:side>/", views.create_call, name="create"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/autosave/", views.autosave, name="autosave"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("applications/<int:pk>/files/<slug:key>/", views.attachment, name="attachment"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/edit/", views.edit_call, name="edit"),
    path("<slug:slug>/applications/", views.manage, name="manage"),
    re_path(
        r"^(?P<slug>[-\w]+)/applications/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"
    ),
    path("<slug:slug>/form/", builder.questions, name="builder"),
    path("<slug:slug>/form/add/", builder.add_question, name="builder_add"),
    path("<slug:slug>/form/reorder/", builder.reorder, name="builder_reorder"),
    path("<slug:slug>/form/preview/", builder.preview, name="builder_preview"),
    path("<slug:slug>/form/<int:pk>/", builder.edit_question, name="builder_edit"),
    path("<slug:slug>/form/<int:pk>/delete/", builder.delete_question, name="builder_delete"),
    path("<slug:slug>/applications/<int:pk>/", views.manage_application, name="manage_application"),
]
