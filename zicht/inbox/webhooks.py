"""`/webhooks/meta/` (contracts.md): verify, store durably, answer, process afterwards."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from zicht.core.jobs import enqueue
from zicht.inbox import tasks
from zicht.inbox.channels.signature import verify
from zicht.inbox.services import MAX_BODY_BYTES, WebhookRejected, webhook_delivery_store


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def meta_webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return verification_handshake(request)
    header = request.headers.get("X-Hub-Signature-256")
    if not header:
        return JsonResponse({"detail": "missing X-Hub-Signature-256 header"}, status=401)
    try:
        body = read_body(request)
    except WebhookRejected as rejection:
        return JsonResponse({"detail": str(rejection)}, status=rejection.status)
    if not settings.META_APP_SECRET or not verify(body, header, settings.META_APP_SECRET):
        return JsonResponse({"detail": "signature does not match the body"}, status=403)
    try:
        with transaction.atomic():
            delivery = webhook_delivery_store(body=body)
            transaction.on_commit(lambda: enqueue(tasks.process_delivery, delivery.pk), robust=True)
    except WebhookRejected as rejection:
        return JsonResponse({"detail": str(rejection)}, status=rejection.status)
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")


def read_body(request: HttpRequest) -> bytes:
    too_big = WebhookRejected(f"body larger than {MAX_BODY_BYTES} bytes", status=413)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        raise too_big
    try:
        return request.body
    except RequestDataTooBig as error:
        raise too_big from error


def verification_handshake(request: HttpRequest) -> HttpResponse:
    mode = request.GET.get("hub.mode")
    token = request.GET.get("hub.verify_token", "")
    challenge = request.GET.get("hub.challenge", "")
    expected = settings.META_VERIFY_TOKEN
    if mode == "subscribe" and expected and constant_time_compare(token, expected):
        return HttpResponse(challenge, content_type="text/plain")
    return HttpResponse("verification failed", status=403, content_type="text/plain")
