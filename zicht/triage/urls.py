from django.urls import path

from zicht.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.board, name="board"),
    path("nieuw/", views.signal_new, name="new"),
    path("suggesties/", views.suggestions, name="suggestions"),
    path("suggesties/<int:pk>/", views.suggestion_decide, name="decide"),
    path("acuut/", views.acute_banner, name="acute"),
    path("<int:pk>/", views.signal_detail, name="signal"),
    path("<int:pk>/status/", views.signal_move, name="move"),
]
