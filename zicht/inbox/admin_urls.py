from django.urls import path

from zicht.inbox import admin_views
from zicht.privacy import views as privacy_views

app_name = "beheer"

urlpatterns = [
    path("kanalen/", admin_views.channels, name="channels"),
    path("kanalen/<int:pk>/sjablonen/", admin_views.template_add, name="template_add"),
    path("webhooks/", admin_views.deliveries, name="deliveries"),
    path("webhooks/opnieuw/", admin_views.deliveries_retry, name="deliveries_retry"),
    path("audit/", privacy_views.audit_log, name="audit"),
    path("audit/export.csv", privacy_views.audit_log_csv, name="audit_csv"),
    path("bewaartermijnen/", privacy_views.retention_settings, name="retention"),
]
