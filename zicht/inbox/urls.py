from django.urls import path

from zicht.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/nieuw/", views.conversation_poll, name="poll"),
    path("<int:pk>/antwoord/", views.reply, name="reply"),
    path("<int:pk>/notitie/", views.note, name="note"),
    path("<int:pk>/bijwerken/", views.update, name="update"),
]
