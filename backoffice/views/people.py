"""A person's record: their page, contact details, access-request export, and merging duplicates."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import IdField

from .. import permissions, selectors, services
from ..forms import MergeForm
from ..intake import PersonForm
from ..models import Person
from .base import BackofficeView, form_errors_from


class PersonDetailView(BackofficeView):
    def get(self, request, person_id):
        person, cases = selectors.person_get(user=request.user, person_id=person_id)
        is_supervisor = permissions.user_is_supervisor(request.user)
        return self.render(
            "backoffice/person_detail.html",
            {
                "person": person,
                "cases": cases,
                "pets": person.pets.all(),
                "duplicates": selectors.person_duplicates(person=person) if is_supervisor else [],
                "today": timezone.localdate(),
            },
        )


class PersonEditView(BackofficeView):
    template = "backoffice/person_form.html"

    def get(self, request, person_id):
        person, _cases = selectors.person_get(user=request.user, person_id=person_id)
        return self.render(self.template, {"person": person, "form": PersonForm(instance=person)})

    def post(self, request, person_id):
        # The change is recorded (person_update), not a view.
        person, _cases = selectors.person_visible(user=request.user, person_id=person_id)
        form = PersonForm(request.POST, instance=Person.objects.get(pk=person.pk))
        if form.is_valid():
            try:
                services.person_update(person=person, actor=request.user, details=form.details())
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Contact details saved."))
                return HttpResponseRedirect(reverse("backoffice:person", args=[person.pk]))
        return self.render(self.template, {"person": person, "form": form}, status=400)


class PersonExportView(BackofficeView):
    """Everything held about a person, as JSON, for an access request (supervisors)."""

    supervisor_only = True

    def get(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id)
        data = selectors.person_export(user=request.user, person=person)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response


class PersonMergeView(BackofficeView):
    """Fold a duplicate record into another that staff pick from a list: the records that may be
    the same person, or those a search by name, phone or email finds (never a typed number)."""

    supervisor_only = True
    template = "backoffice/person_merge.html"

    def _render(self, request, person, form, *, chosen=None, status=200):
        """``chosen``: the id of the record ticked (already read as a record number)."""
        query = (request.POST.get("q") or request.GET.get("q") or "").strip()[:200]
        candidates = selectors.person_merge_candidates(
            user=request.user, person=person, query=query
        )
        if chosen is not None and not any(c.pk == chosen for c in candidates):
            # The record offered from the person page ("Merge into this record"), kept on top.
            picked = selectors.person_merge_target(
                user=request.user, person=person, target_id=chosen
            )
            candidates = [picked, *candidates] if picked is not None else candidates
        chosen = "" if chosen is None else str(chosen)
        return self.render(
            self.template,
            {
                "person": person,
                "form": form,
                "query": query,
                "candidates": candidates,
                "chosen": chosen,
            },
            status=status,
        )

    def get(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id, merged_into__isnull=True)
        try:
            chosen = IdField(required=False).clean(request.GET.get("target"))
        except ValidationError:
            chosen = None
        return self._render(request, person, MergeForm(), chosen=chosen)

    def post(self, request, person_id):
        person = get_object_or_404(Person, pk=person_id, merged_into__isnull=True)
        form = MergeForm(request.POST)
        if form.is_valid():
            target = selectors.person_merge_target(
                user=request.user, person=person, target_id=form.cleaned_data["target"]
            )
            if target is None:
                form.add_error("target", _("Choose one of the records offered."))
            else:
                try:
                    services.person_merge(source=person, target=target, actor=request.user)
                except ValidationError as exc:
                    form_errors_from(exc, form)
                else:
                    messages.success(request, _("Records merged."))
                    return HttpResponseRedirect(reverse("backoffice:person", args=[target.pk]))
        chosen = form.cleaned_data.get("target") if hasattr(form, "cleaned_data") else None
        return self._render(request, person, form, chosen=chosen, status=400)
