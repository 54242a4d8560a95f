from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from omradesatsing import views
from omradesatsing.forms import LoginForm, PasswordResetForm

handler500 = "omradesatsing.views.server_error"

auth_patterns = [
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "glemt-passord/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "glemt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "glemt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(auth_patterns)),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    path("personvern/", views.privacy, name="privacy"),
    path("helse/", views.health, name="health"),
    path("sprak/", set_language, name="set_language"),
    path("program/", include("portfolio.urls")),
    path("nabolagspotten/", include("nabolagspotten.urls")),
    path("admin/", admin.site.urls),
]
