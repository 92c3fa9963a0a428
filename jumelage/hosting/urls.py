from django.urls import path

from jumelage.hosting import views

app_name = "hosting"
partnership = "<slug:partnership_slug>/"
urlpatterns = [
    path(partnership, views.organisations, name="organisations"),
    path(f"{partnership}schemes/", views.schemes, name="schemes"),
    path(f"{partnership}org/add/", views.organisation_add, name="organisation_add"),
    path(f"{partnership}org/<int:pk>/", views.organisation, name="organisation"),
    path(f"{partnership}org/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(f"{partnership}org/<int:pk>/offers/add/", views.offer_add, name="offer_add"),
    path(f"{partnership}offer/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path(f"{partnership}offer/<int:pk>/delete/", views.offer_delete, name="offer_delete"),
    path(f"{partnership}<slug:cycle_slug>/offers/", views.offers, name="offers"),
]
