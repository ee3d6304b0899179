from django.urls import path

from zicht.accounts import reauth, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("tweede-stap/instellen/", views.mfa_setup, name="mfa_setup"),
    path("tweede-stap/", views.mfa_verify, name="mfa_verify"),
    path("bevestigen/", reauth.reauthenticate, name="reauth"),
]
