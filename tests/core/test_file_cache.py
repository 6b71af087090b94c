"""The file cache keeps to its bound without counting its folder on every write."""

from unittest import mock

from django.core.cache.backends.filebased import FileBasedCache

from core import file_cache
from core.file_cache import FileCache


def _cache(tmp_path, entries):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": entries, "CULL_FREQUENCY": 2}})


def test_the_folder_is_counted_once_a_second_not_on_every_write(tmp_path):
    cache = _cache(tmp_path, 1000)
    with mock.patch.object(
        FileBasedCache, "_list_cache_files", autospec=True, return_value=[]
    ) as listed:
        for n in range(50):
            cache.set(f"key{n}", n)
    assert listed.call_count == 1
    assert [cache.get(f"key{n}") for n in (0, 49)] == [0, 49]


def test_it_still_trims_itself_when_full(tmp_path):
    cache = _cache(tmp_path, 10)
    with mock.patch.object(file_cache, "CULL_CHECK_SECONDS", 0):
        for n in range(30):
            cache.set(f"key{n}", n)
    assert len(cache._list_cache_files()) <= 10
    assert cache.get("key29") == 29  # the newest is kept
