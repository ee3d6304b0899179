from django.urls import path

from zicht.observations import views

app_name = "observations"

urlpatterns = [
    path("", views.observation_list, name="list"),
    path("nieuw/", views.observation_new, name="new"),
    path("<int:pk>/", views.observation_detail, name="detail"),
    path("<int:pk>/schermafbeelding/", views.observation_screenshot, name="screenshot"),
]
