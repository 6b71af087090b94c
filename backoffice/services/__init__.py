"""Every write to cases and people goes through these functions (keyword-only, atomic).

This package's ``__init__`` only re-exports the public names of its modules, so callers and tests
keep writing ``from backoffice import services`` / ``services.case_open(...)``:

- ``intake``: ``case_open``, the single door of every intake channel (the public survey,
  lost-and-found reports, hotline and walk-in intake), with ``PersonDetails``, ``PetDetails``,
  ``priority_compute``; ``case_details_update``, correcting what a case is about; and
  ``case_person_confirm`` / ``case_person_unlink``, deciding on a link to a known person;
- ``followups``: planning, doing and cancelling a follow-up; settling them when the case is
  resolved or closed, moving them when it changes hands;
- ``casework``: assignment and transfer, notes, status moves (``STATUS_TRANSITIONS``,
  ``case_status_moves``), resolving and reopening, adding a pet;
- ``referrals``: ``case_refer``, ``referral_status_set``;
- ``people``: ``person_update``, ``person_merge``;
- ``data_protection``: ``cases_anonymize_closed`` and what identifies a person;
- ``notifications``: ``followup_reminders_send``;
- ``lost_found``: lost and found reports (``report_photos_add``: photos checked and re-encoded
  by ``backoffice.photos``, nothing kept when one is refused);
- ``validation`` and ``timeline``: the checks and the history line every service shares.

The audit log's writer is ``backoffice.audit.audit_record`` (re-exported here too).
"""

from ..audit import audit_record
from .casework import (
    STATUS_TRANSITIONS,
    case_assign,
    case_note_add,
    case_pet_add,
    case_reopen,
    case_resolve,
    case_status_moves,
    case_status_set,
    case_transfer,
)
from .data_protection import cases_anonymize_closed
from .followups import case_followup_add, case_followup_cancel, case_followup_complete
from .intake import (
    PersonDetails,
    PetDetails,
    case_details_update,
    case_open,
    case_opens_confidential,
    case_person_confirm,
    case_person_unlink,
    priority_compute,
)
from .lost_found import photos_room, report_photos_add
from .notifications import followup_reminders_send
from .people import PERSON_FILL_FIELDS, person_merge, person_update
from .referrals import case_refer, referral_status_set

__all__ = [
    "PERSON_FILL_FIELDS",
    "STATUS_TRANSITIONS",
    "PersonDetails",
    "PetDetails",
    "audit_record",
    "case_assign",
    "case_details_update",
    "case_followup_add",
    "case_followup_cancel",
    "case_followup_complete",
    "case_note_add",
    "case_open",
    "case_opens_confidential",
    "case_person_confirm",
    "case_person_unlink",
    "case_pet_add",
    "case_refer",
    "case_reopen",
    "case_resolve",
    "case_status_moves",
    "case_status_set",
    "case_transfer",
    "cases_anonymize_closed",
    "followup_reminders_send",
    "person_merge",
    "person_update",
    "photos_room",
    "priority_compute",
    "referral_status_set",
    "report_photos_add",
]
