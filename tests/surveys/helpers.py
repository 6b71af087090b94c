"""Walking the pet support survey as a visitor: one POST per step, as the browser sends it."""

from django.urls import reverse
from django.utils import translation

PET = {"species": "dog", "name": "Nalla", "age_group": "adult", "size": "medium"}


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"surveys:{name}", kwargs=kwargs or None)


def step_url(step, lang="en"):
    return url("step", lang, step=step)


def post_step(client, step, data=None, lang="en", extra=None):
    """Send one step's answers (``data`` without the step's prefix)."""
    payload = {"survey-current_step": step}
    for name, value in (data or {}).items():
        payload[f"{step}-{name}"] = value
    payload.update(extra or {})
    return client.post(step_url(step, lang), payload)


def pets_data(*pets):
    data = {
        "TOTAL_FORMS": str(len(pets)),
        "INITIAL_FORMS": "0",
        "MIN_NUM_FORMS": "1",
        "MAX_NUM_FORMS": "6",
    }
    for i, pet in enumerate(pets):
        data.update({f"{i}-{k}": v for k, v in pet.items()})
    return data


CONTACT = {
    "name": "Maria",
    "preferred_language": "en",
    "phone": "(916) 555-0142",
    "email": "maria@example.org",
    "contact_method": "",
    "safe_to_leave_message": "yes",
    "best_time_to_contact": "",
    "zip_code": "95814",
    "message_consent": "yes",
}


def walk(
    client,
    *,
    lang="en",
    needs=("food_supplies",),
    urgency="high",
    reasons=("cost",),
    pets=(PET,),
    care=None,
    rehoming=None,
    safety="no",
    living="rent_allowed",
    contact=None,
):
    """Answer every step the visitor sees up to the review; returns the responses by step."""
    responses = {"start": client.get(url("start", lang))}
    responses["needs"] = post_step(client, "needs", {"needs": list(needs)}, lang)
    responses["situation"] = post_step(
        client,
        "situation",
        {"urgency": urgency, "reasons": list(reasons), "keep_pet": "yes"},
        lang,
    )
    responses["pets"] = post_step(client, "pets", pets_data(*pets), lang)
    if care is not None:
        responses["care"] = post_step(client, "care", care, lang)
    if rehoming is not None:
        responses["rehoming"] = post_step(client, "rehoming", rehoming, lang)
    responses["home"] = post_step(client, "home", {"living": living, "safety": safety}, lang)
    contact = {**CONTACT, "preferred_language": lang, **(contact or {})}
    responses["contact"] = post_step(client, "contact", contact, lang)
    return responses


def send(client, lang="en"):
    """Send the review step and follow the redirects to the confirmation page."""
    response = post_step(client, "review", {}, lang)
    assert response.status_code == 302, response.content[:2000]
    return client.get(response["Location"], follow=True)
