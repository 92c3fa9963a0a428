from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jumelage.accounts import privacy as privacy_services
from jumelage.accounts import second_factor, services, throttle
from jumelage.accounts.forms import (
    EmailAuthenticationForm,
    EnrolmentForm,
    ErasureForm,
    RegistrationForm,
    SecondFactorForm,
)
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
    """Django's login, with axes counting failures per address and client, and the wider
    per-account and per-client counters of `throttle` beside it. A person whose role needs
    a second factor goes on to give it (SecondFactorMiddleware) before any other page."""

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not throttle.login_allowed(request, request.POST.get("username", "")):
            return render(request, "accounts/locked_out.html", {"wider": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.count_failed_login(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def get_success_url(self):
        url = super().get_success_url()
        if second_factor.owes_second_factor(self.request.user):
            return second_factor.verify_url(self.request.user, url)
        return url


@login_required
def two_factor(request):
    """Give the second factor: a code of the authenticator app or a recovery code."""
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    if second_factor.is_verified(request.user):
        return redirect(next_url or "accounts:home")
    if not second_factor.has_second_factor(request.user):
        return redirect(second_factor.verify_url(request.user, next_url))
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        waiting = second_factor.throttled(request.user)
        device = second_factor.verify(request, form.cleaned_data["code"])
        if device is not None:
            if device.name == second_factor.RECOVERY_NAME:
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)s are left. Set up your app again.")
                    % {"left": left},
                )
                return redirect("accounts:two_factor_enrol")
            return redirect(next_url or "accounts:home")
        refusal = _("This code is not valid. Wait for the next one and try again.")
        if waiting:
            refusal = _("Too many wrong codes: wait a few seconds, then try again.")
        form.add_error("code", refusal)
    status = 400 if form.errors else 200
    return render(
        request, "accounts/two_factor.html", {"form": form, "next": next_url}, status=status
    )


@login_required
def two_factor_enrol(request):
    """Set up an authenticator app: a QR code (drawn here, as SVG) and the key to type in,
    then a first code to confirm; the recovery codes are shown once, on the answer."""
    user = request.user
    if second_factor.has_second_factor(user) and not second_factor.is_verified(user):
        # Replacing a device takes the current one (or a recovery code) first.
        return redirect("accounts:two_factor")
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    device = second_factor.pending_authenticator(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_authenticator(request, device, form.cleaned_data["code"])
        if codes is not None:
            response = render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": next_url or reverse("accounts:home")},
            )
            response["Cache-Control"] = "no-store"
            return response
        form.add_error("code", _("This code is not valid. Check the clock of your phone."))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "replacing": second_factor.has_authenticator(user),
    }
    response = render(
        request, "accounts/two_factor_enrol.html", context, status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def home(request):
    user = request.user
    enrolled = second_factor.has_authenticator(user)
    security = None
    if enrolled or second_factor.needs_second_factor(user):
        security = {"enrolled": enrolled, "codes_left": second_factor.recovery_codes_left(user)}
    context = {"sections": MY_SPACE.shown(user), "second_factor": security}
    return render(request, "accounts/home.html", context)


@login_required
@require_safe
def privacy(request):
    return render(request, "accounts/privacy.html", {"form": ErasureForm(request.user)})


@login_required
@require_safe
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
