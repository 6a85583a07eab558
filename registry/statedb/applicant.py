"""Does the applicant exist, as far as a service is concerned?"""

from __future__ import annotations

from registry.statedb.interface import StateDatabase
from registry.statedb.model import LegalEntity, Person


async def find_applicant(
    db: StateDatabase, *, iin: str | None = None, bin: str | None = None
) -> Person | LegalEntity | None:
    """The applicant's active record, or None: the ``applicant_not_found`` case.

    Give the applicant's BIN for a legal entity, its IIN for an individual (one of them, as
    an application's ``applicant`` carries). A **liquidated** legal entity and a **deceased**
    person count as not found: the record exists, but nobody can apply in its name.
    """
    if (iin is None) == (bin is None):
        raise ValueError("give exactly one of iin and bin")
    found: Person | LegalEntity | None
    found = await db.find_person(iin) if iin is not None else await db.find_legal_entity(bin or "")
    if found is None or found.status != "active":
        return None
    return found
