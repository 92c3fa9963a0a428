from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jumelage.accounts import privacy as privacy_services
from jumelage.accounts import services, throttle
from jumelage.accounts.forms import EmailAuthenticationForm, ErasureForm, RegistrationForm
from jumelage.accounts.models import User
from jumelage.accounts.pages import MY_SPACE


def _safe_next(request, url):
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if url and allowed else ""


def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    form = RegistrationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The answer is the same whether or not the address has an account: the page that
        # asks to open the link sent to it. Nobody is logged in before the link is opened.
        services.register(
            email=data["email"],
            full_name=data["full_name"],
            language=data["language"],
            password=data["password1"],
            next_url=next_url,
            may_mail=throttle.allow_account_mail(request, data["email"]),
        )
        return redirect("accounts:verify_pending")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


def verify_pending(request):
    if request.user.is_authenticated and request.user.email_verified:
        return redirect("accounts:home")
    console = settings.EMAIL_BACKEND.endswith("console.EmailBackend")
    return render(request, "accounts/verify_pending.html", {"console_email": console})


@login_required
@require_POST
def resend_verification(request):
    if not request.user.email_verified:
        services.send_verification(request.user, _safe_next(request, request.POST.get("next", "")))
        messages.success(request, _("We sent you a new confirmation link."))
    return redirect("accounts:verify_pending")


def verify(request, token):
    try:
        user, next_url, first = services.verify_email(token)
    except signing.SignatureExpired:
        return _verify_failed(request, _("This confirmation link has expired. Ask for a new one."))
    except (signing.BadSignature, User.DoesNotExist):
        return _verify_failed(request, _("This confirmation link is not valid."))
    if request.user.is_authenticated and request.user.pk != user.pk:
        return _verify_failed(request, _("This link was sent to another account."))
    messages.success(request, _("Your email address is confirmed. You can now apply."))
    if not request.user.is_authenticated and first:
        # The first opening of the link proves the mailbox is theirs: it logs them in.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return redirect(_safe_next(request, next_url) or "accounts:home")


def _verify_failed(request, explanation):
    return render(
        request,
        "core/error.html",
        {"title": _("Confirmation failed"), "explanation": explanation},
        status=400,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, which answers the same for unknown addresses, throttled per address
    and per client; a throttled request is answered the same way and sends nothing."""

    def form_valid(self, form):
        if throttle.allow_account_mail(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        return redirect(self.get_success_url())


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    return render(request, "accounts/home.html", {"sections": MY_SPACE.shown(request.user)})


@login_required
@require_GET
def privacy(request):
    return render(request, "accounts/privacy.html", {"form": ErasureForm(request.user)})


@login_required
@require_GET
def data_export(request):
    data = privacy_services.export_personal_data(request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="jumelage-my-data.json"'
    return response


@login_required
@require_POST
def erase(request):
    form = ErasureForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/privacy.html", {"form": form}, status=400)
    privacy_services.erase(request.user)
    logout(request)
    messages.success(request, _("Your personal data is erased and your account closed."))
    return redirect("core:home")
