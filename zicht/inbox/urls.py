from django.urls import path

from zicht.inbox import contact_views, import_views, views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="list"),
    path("contact/", contact_views.contact_new, name="contact"),
    path("zoeken/", views.search, name="search"),
    path("standaardantwoorden/", views.canned_replies, name="canned"),
    path("importeren/", import_views.import_upload, name="import"),
    path("importeren/bevestigen/", import_views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/nieuw/", views.conversation_poll, name="poll"),
    path("<int:pk>/antwoord/", views.reply, name="reply"),
    path("<int:pk>/notitie/", views.note, name="note"),
    path("<int:pk>/bijwerken/", views.update, name="update"),
]
