"""The text provider's inbound webhook: replies such as STOP, with the provider's signature checked."""

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .inbound import inbound_handle
from .sms import sms_backend


@csrf_exempt
@require_POST
def sms_inbound(request):
    backend = sms_backend()
    if not backend.inbound_verify(request):
        return HttpResponseForbidden("Signature not valid.")
    inbound = backend.inbound_read(request)
    body, content_type = backend.reply(inbound_handle(sender=inbound.sender, text=inbound.text))
    return HttpResponse(body, content_type=content_type)
