from django.urls import path

from zicht.youth import views

app_name = "youth"

urlpatterns = [
    path("", views.youth_list, name="list"),
    path("nieuw/", views.youth_new, name="new"),
    path("<int:pk>/", views.youth_detail, name="detail"),
    path("<int:pk>/bewerken/", views.youth_edit, name="edit"),
    path("<int:pk>/accounts/", views.youth_handle_add, name="handle_add"),
    path("<int:pk>/samenvoegen/", views.youth_merge_view, name="merge"),
    path("<int:pk>/inzage/", views.youth_export, name="export"),
    path("<int:pk>/wissen/", views.youth_erase_request, name="erase"),
    path("wissen/", views.erasure_list, name="erasures"),
    path("wissen/<int:pk>/", views.erasure_decide, name="erasure_decide"),
]
