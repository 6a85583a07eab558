"""The state-database adapter: is an applicant a registered person or legal entity?"""

from registry.statedb.applicant import find_applicant
from registry.statedb.interface import StateDatabase
from registry.statedb.model import EntityStatus, LegalEntity, Person, PersonStatus
from registry.statedb.postgres import PostgresStateDatabase

__all__ = [
    "EntityStatus",
    "LegalEntity",
    "Person",
    "PersonStatus",
    "PostgresStateDatabase",
    "StateDatabase",
    "find_applicant",
]
