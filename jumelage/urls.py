from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from jumelage.api.main import api
from jumelage.core import views as core_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.health, name="health"),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("jumelage.core.urls")),
    path("accounts/", include("jumelage.accounts.urls")),
    path("p/", include("jumelage.partnerships.urls")),
    path("hosting/", include("jumelage.hosting.urls")),
    path("calls/", include("jumelage.calls.urls")),
    path("outbox/", include("jumelage.notifications.urls")),
    path("review/", include("jumelage.review.urls")),
    path("selection/", include("jumelage.selection.urls")),
    path("exchange/", include("jumelage.exchange.urls")),
    path("matchmaking/", include("jumelage.matchmaking.urls")),
    path("followup/", include("jumelage.followup.urls")),
    path("reports/", include("jumelage.reports.urls")),
    path("api-tokens/", include("jumelage.api.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "jumelage.core.views.bad_request"
handler403 = "jumelage.core.views.permission_denied"
handler404 = "jumelage.core.views.page_not_found"
handler500 = "jumelage.core.views.server_error"
