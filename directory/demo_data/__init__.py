"""Demo data of the resource directory: the fictional Riverbend County.

Plain Python structures read by ``directory.demo``. Every record has a stable key, from which
the loader derives its HSDS id, so loading again updates records instead of adding new ones.
"""

from . import people, pets, vet
from .places import LOCATIONS, ORGANIZATIONS, STATE, TOWN_BY_ZIP

RESOURCES = vet.RESOURCES + pets.RESOURCES + people.RESOURCES

__all__ = ["LOCATIONS", "ORGANIZATIONS", "RESOURCES", "STATE", "TOWN_BY_ZIP"]
