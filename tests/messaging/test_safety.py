"""The one safety rule, its whole matrix: confidential × channel marked safe × consent × opt-out
× purpose. Every refusal is recorded as a suppressed message with its reason."""

import itertools

import pytest

from messaging import services
from messaging.models import Message
from messaging.safety import send_refusal
from messaging.vocabulary import FOLLOW_UP_PURPOSES, Channel, Purpose, Status, Suppression

pytestmark = pytest.mark.django_db

ADDRESSES = {Channel.SMS: "+15035550142", Channel.EMAIL: "rosalind@example.org"}


def expected(*, channel, purpose, confidential, safe, consent, opted_out):
    if opted_out:
        return Suppression.OPTED_OUT
    if purpose == Purpose.STAFF:
        return ""
    if confidential and not safe:
        return Suppression.NOT_SAFE
    if purpose in FOLLOW_UP_PURPOSES and consent is not True:
        return Suppression.NO_CONSENT
    return ""


MATRIX = list(
    itertools.product(
        Channel.values,
        Purpose.values,
        [False, True],
        [False, True],
        [None, False, True],
        [False, True],
    )
)


@pytest.mark.parametrize(
    ("channel", "purpose", "confidential", "safe", "consent", "opted_out"), MATRIX
)
def test_the_whole_matrix(channel, purpose, confidential, safe, consent, opted_out):
    address = ADDRESSES[channel]
    if opted_out:
        services.optout_record(channel=channel, address=address, source="test")
    facts = {
        "confidential": confidential,
        "safe_channels": {channel} if safe else set(),
        "consent": consent,
    }
    want = expected(
        channel=channel,
        purpose=purpose,
        confidential=confidential,
        safe=safe,
        consent=consent,
        opted_out=opted_out,
    )
    assert send_refusal(channel=channel, recipient=address, purpose=purpose, **facts) == want

    message = services.message_queue(
        channel=channel,
        recipient=address,
        template="messaging/callback" if channel == Channel.SMS else "messaging/personal",
        purpose=purpose,
        language="en",
        context={"body": "Hello"},
        **facts,
    )
    # What the INSERT decided (the opt-out is read by that statement) is what the caller gets.
    assert (message.status, message.reason) == (
        (Status.SUPPRESSED, want) if want else (Status.QUEUED, "")
    )
    message.refresh_from_db()
    if want:
        assert (message.status, message.reason) == (Status.SUPPRESSED, want)
    else:
        assert message.status == Status.SENT


def test_a_channel_marked_safe_is_only_that_channel():
    assert (
        send_refusal(
            channel=Channel.SMS,
            recipient="+15035550142",
            purpose=Purpose.CONFIRMATION,
            confidential=True,
            safe_channels={Channel.EMAIL},
        )
        == Suppression.NOT_SAFE
    )


def test_no_address_or_a_bad_one_is_recorded_as_suppressed():
    none = services.message_queue(
        channel=Channel.SMS,
        recipient="",
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language="en",
    )
    bad = services.message_queue(
        channel=Channel.SMS,
        recipient="12",
        template="messaging/callback",
        purpose=Purpose.REQUESTED,
        language="en",
    )
    assert (none.status, none.reason) == (Status.SUPPRESSED, Suppression.NO_ADDRESS)
    assert (bad.status, bad.reason) == (Status.SUPPRESSED, Suppression.BAD_ADDRESS)
    assert Message.objects.count() == 2
