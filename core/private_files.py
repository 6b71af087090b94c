"""The private store: uploads people send (photos of lost pets, case attachments).

Its files have no public URL. A view serves one only after checking that the user may see it::

    @login_required
    def attachment(request, pk):
        attachment = get_object_or_404(attachments_visible_to(user=request.user), pk=pk)
        return private_file_response(attachment.file.name, download_name=attachment.filename)

``STORAGES["private"]`` names the store (a folder under ``var/private`` unless the environment
says otherwise); ``SERVE_MEDIA`` never reaches it.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

# Types a browser shows without running anything; any other file is offered as a download.
INLINE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain"}
)


@deconstructible(path="core.private_files.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files in ``PRIVATE_MEDIA_ROOT`` (unless ``location`` is given), with no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError(
            "Private files have no URL: serve them with core.private_files.private_file_response "
            "from a view that checks permission."
        )


def private_storage() -> Storage:
    return storages["private"]


def private_file_response(
    name: str,
    *,
    download_name: str = "",
    as_attachment: bool = False,
    storage: Storage | None = None,
) -> FileResponse:
    """The file ``name`` of the private store as a response. The caller has checked permission.

    The browser is told not to keep it (``Cache-Control: private, no-store``), not to guess its
    type (``nosniff``), and to download rather than show anything that could run (HTML, SVG...).
    A name that does not exist, or that tries to leave the store, is a 404.
    """
    storage = storage or private_storage()
    if not name or posixpath.isabs(name) or ".." in name.replace("\\", "/").split("/"):
        raise Http404
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as error:
        raise Http404 from error
    filename = download_name or posixpath.basename(name)
    content_type, _encoding = mimetypes.guess_type(filename)
    if content_type not in INLINE_TYPES:
        as_attachment, content_type = True, "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
