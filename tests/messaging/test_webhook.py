"""The inbound webhook: STOP / START / HELP recorded and answered, only with a valid signature."""

import hashlib
import hmac
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from messaging import services
from messaging.models import OptOut
from messaging.vocabulary import Channel, Purpose, Status, Suppression

pytestmark = pytest.mark.django_db

URL = "/messages/sms/inbound/"


def post(client, data, secret="test-webhook-secret"):
    body = urlencode(data)
    signature = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return client.post(
        URL, body, content_type="application/x-www-form-urlencoded", HTTP_X_SIGNATURE=signature
    )


def text(recipient="+15035550142"):
    message = services.message_queue(
        channel=Channel.SMS,
        recipient=recipient,
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language="es",
    )
    message.refresh_from_db()
    return message


def test_stop_opts_out_and_start_opts_back_in(client):
    text()
    response = post(client, {"From": "+15035550142", "Body": "Stop"})
    assert response.status_code == 200
    assert "START" in response.content.decode()  # in Spanish, the last message's language
    assert OptOut.objects.filter(channel=Channel.SMS, address="+15035550142").exists()
    held = text()
    assert (held.status, held.reason) == (Status.SUPPRESSED, Suppression.OPTED_OUT)

    post(client, {"From": "+15035550142", "Body": "START"})
    assert not OptOut.objects.exists()
    assert text().status == Status.SENT


def test_help_answers_how_to_reach_us(client, settings):
    settings.ORGANISATION_PHONE = "(503) 555-0100"
    response = post(client, {"From": "+15035550142", "Body": "help"})
    assert "(503) 555-0100" in response.content.decode()
    assert not OptOut.objects.exists()


def test_a_bad_signature_is_refused_and_changes_nothing(client):
    response = post(client, {"From": "+15035550142", "Body": "STOP"}, secret="wrong")
    assert response.status_code == 403
    unsigned = client.post(URL, {"From": "+15035550142", "Body": "STOP"})
    assert unsigned.status_code == 403
    assert not OptOut.objects.exists()


def test_twilio_signatures_are_checked_with_twilios_validator(client, settings):
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_AUTH_TOKEN = "twilio-test-token"
    data = {"From": "+15035550142", "Body": "STOP", "MessageSid": "SM123"}
    url = "http://testserver" + URL
    signature = RequestValidator("twilio-test-token").compute_signature(url, data)

    forged = client.post(URL, data, HTTP_X_TWILIO_SIGNATURE="bad")
    assert forged.status_code == 403 and not OptOut.objects.exists()

    response = client.post(URL, data, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert OptOut.objects.filter(address="+15035550142").exists()
