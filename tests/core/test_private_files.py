"""The private store: no URL, served only through a view that checked permission, and never through
/media/ (whatever the path says)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import override_settings

from core.private_files import private_file_response, private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stores(tmp_path):
    public, private = tmp_path / "media", tmp_path / "private"
    public.mkdir()
    private.mkdir()
    (public / "original_images").mkdir()
    (public / "original_images" / "dog.png").write_bytes(b"\x89PNG public")
    with override_settings(MEDIA_ROOT=str(public), PRIVATE_MEDIA_ROOT=str(private)):
        yield public, private


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_file_saved_to_the_private_store_lands_in_the_private_folder(stores):
    _public, private = stores
    name = private_storage().save("cases/photo.jpg", ContentFile(b"jpeg bytes"))
    assert (private / name).read_bytes() == b"jpeg bytes"


def test_a_private_file_has_no_url(stores):
    name = private_storage().save("cases/photo.jpg", ContentFile(b"jpeg bytes"))
    with pytest.raises(ValueError, match="no URL"):
        private_storage().url(name)


def test_the_response_is_private_and_not_sniffed(stores):
    name = private_storage().save("cases/photo.jpg", ContentFile(b"jpeg bytes"))
    response = private_file_response(name)
    assert body(response) == b"jpeg bytes"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="photo.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_download_name_and_attachment_are_honoured(stores):
    name = private_storage().save("cases/x1.pdf", ContentFile(b"%PDF-1.7"))
    response = private_file_response(name, download_name="vet bill.pdf", as_attachment=True)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vet bill.pdf"'


@pytest.mark.parametrize("filename", ["page.html", "drawing.svg", "script.js", "noextension"])
def test_a_file_that_could_run_in_the_browser_is_only_ever_downloaded(stores, filename):
    name = private_storage().save(f"cases/{filename}", ContentFile(b"<script>alert(1)</script>"))
    response = private_file_response(name)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name", ["", "cases/missing.jpg", "cases", "../media/original_images/dog.png", "/etc/passwd"]
)
def test_a_missing_or_escaping_name_is_a_404(stores, name):
    private_storage().save("cases/photo.jpg", ContentFile(b"jpeg bytes"))
    with pytest.raises(Http404):
        private_file_response(name)


def test_the_settings_name_a_private_store_outside_the_public_folders():
    assert settings.STORAGES["private"]["BACKEND"] == "core.private_files.PrivateFileSystemStorage"
    assert settings.PRIVATE_MEDIA_ROOT.endswith("test-private")


# --- /media/ serves the public store only --------------------------------------------------------


@pytest.fixture
def secret(stores):
    _public, private = stores
    (private / "secret.txt").write_text("case notes")
    return stores


@pytest.mark.parametrize(
    "path",
    [
        "/media/../private/secret.txt",
        "/media/%2e%2e/private/secret.txt",
        "/media/..%2fprivate/secret.txt",
        "/media/original_images/../../private/secret.txt",
        "/media//private/secret.txt",
        "/media/private/secret.txt",
        "/media/secret.txt",
    ],
)
@override_settings(SERVE_MEDIA=True)
def test_no_media_path_reaches_the_private_folder(client, secret, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"case notes" not in response.content


@override_settings(SERVE_MEDIA=True)
def test_an_absolute_path_through_media_is_a_404(client, secret):
    _public, private = secret
    response = client.get(f"/media/{private / 'secret.txt'}")
    assert response.status_code == 404


@override_settings(SERVE_MEDIA=True)
def test_a_symbolic_link_from_media_into_the_private_folder_is_not_followed(client, secret):
    public, private = secret
    (public / "link").symlink_to(private)
    assert client.get("/media/link/secret.txt").status_code == 404


@override_settings(SERVE_MEDIA=True)
def test_a_private_folder_configured_inside_media_is_still_not_served(client, stores):
    public, _private = stores
    (public / "private").mkdir()
    (public / "private" / "secret.txt").write_text("case notes")
    with override_settings(PRIVATE_MEDIA_ROOT=str(public / "private")):
        assert client.get("/media/private/secret.txt").status_code == 404
    assert client.get("/media/private/secret.txt").status_code == 200


@override_settings(SERVE_MEDIA=True)
def test_serve_media_serves_the_public_uploads(client, stores):
    response = client.get("/media/original_images/dog.png")
    assert response.status_code == 200
    assert body(response) == b"\x89PNG public"


@override_settings(SERVE_MEDIA=False, DEBUG=False)
def test_without_serve_media_nothing_is_served(client, stores):
    assert client.get("/media/original_images/dog.png").status_code == 404
