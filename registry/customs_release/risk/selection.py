"""Corridor selection (ASYCUDA selectivity): rules first, else a seeded random draw.

1. Every active rule whose condition holds fires (:mod:`registry.customs_release.risk.rules`); the
   selection is the most severe corridor among them (red > yellow > blue > green) with the
   forms of control of all the fired rules (a corridor named by a rule without forms gets its
   lane's default forms).
   A declaration that claims a preference (box 36) is never released automatically: the
   built-in rule :data:`PREFERENCE_RULE` fires for it (it cannot be disabled), so it goes at
   least to yellow with documentary control and the benefits check, the claims named in the
   recorded reason.
2. When no rule fires, one number ``u`` in [0, 1) is drawn and compared with the lanes' minimum
   random rates stacked by severity: ``u < red`` → red, ``u < red + yellow`` → yellow,
   ``u < red + yellow + blue`` → blue, otherwise green. So each lane receives exactly its
   minimum random share of the declarations no rule selects, and the draw is recorded.

The draw comes from ``random.Random`` seeded with SHA-256 of (the configured seed, the
application id), so a selection is reproducible: the same seed and application give the same
corridor, in any process. :func:`decide` is the pure core :func:`select_corridor` runs; the
statistical test drives it directly over many draws.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.customs_release.forms import CustomsReleaseForm
from registry.customs_release.risk.errors import (
    RerouteInvalidError,
    RerouteNotAllowedError,
    RiskSelectionMissingError,
)
from registry.customs_release.risk.model import (
    CORRIDORS,
    FORMS_OF_CONTROL,
    SEVERITY,
    Corridor,
    LaneView,
    RuleView,
    Selection,
    ordered_forms,
)
from registry.customs_release.risk.repository import list_lanes, list_rules, value_controls
from registry.customs_release.risk.rules import fired_rules
from registry.models import Officer, RiskSelection

__all__ = [
    "PREFERENCE_RULE",
    "REROUTE_ROLES",
    "Selection",
    "claimed_preferences",
    "current_selection",
    "decide",
    "random_draw",
    "record_selection",
    "reroute",
    "select_corridor",
]

# Officers who may re-route a declaration (ASYCUDA's "authorised users"): the heads.
REROUTE_ROLES = ("head", "unit_head")
# The built-in rule for box-36 claims: an exemption or a deferral is only as good as the
# documents behind it, which no automatic check reads, so an officer always looks (item 5 of
# issue 13: a made-up code zeroed the duty and VAT of a green, unseen declaration).
# The ':' keeps it apart from the configured rules' codes (A-Z, 0-9, '-', '_'): no table row.
PREFERENCE_RULE = "BUILTIN:BOX36-PREFERENCE"
PREFERENCE_CORRIDOR: Corridor = "yellow"
PREFERENCE_FORMS = ("documentary_control", "benefits_check")
# Random lanes in the order their shares are stacked on [0, 1).
RANDOM_ORDER: tuple[Corridor, ...] = ("red", "yellow", "blue")


def random_draw(seed: int, application_id: uuid.UUID) -> float:
    """The reproducible draw in [0, 1) of one application under one configured seed."""
    digest = hashlib.sha256(f"{seed}:{application_id}".encode()).digest()
    return random.Random(int.from_bytes(digest, "big")).random()  # noqa: S311 (not crypto)


def decide(
    fired: Sequence[RuleView],
    lanes: Sequence[LaneView],
    draw: float | None,
    *,
    preferences: Sequence[str] = (),
) -> Selection:
    """The selection for the ``fired`` rules, or (none fired) for ``draw`` against ``lanes``.

    ``preferences`` describes the box-36 claims (e.g. ``"item 2: ОО for 2010"``); any claim
    fires :data:`PREFERENCE_RULE`, whatever the other rules say."""
    if preferences:
        return _with_preferences(fired, preferences)
    by_corridor = {lane.corridor: lane for lane in lanes}
    if fired:
        corridor = max((rule.corridor for rule in fired), key=SEVERITY.__getitem__)
        forms = ordered_forms({form for rule in fired for form in rule.forms_of_control})
        if not forms and corridor in by_corridor:
            forms = list(by_corridor[corridor].default_forms)
        named = ", ".join(f"{rule.code} ({rule.corridor})" for rule in fired)
        return Selection(
            corridor=corridor,
            forms_of_control=forms,
            fired_rules=[rule.code for rule in fired],
            random_draw=None,
            reason=f"rules fired: {named}; the most severe corridor is {corridor}",
        )
    if draw is None or not 0 <= draw < 1:
        raise ValueError("no rule fired: a random draw in [0, 1) is needed")
    bound = 0.0
    for corridor in RANDOM_ORDER:
        lane = by_corridor.get(corridor)
        if lane is None:
            continue
        share = float(lane.min_random_rate)
        if draw < bound + share:
            return Selection(
                corridor=corridor,
                forms_of_control=list(lane.default_forms),
                fired_rules=[],
                random_draw=draw,
                reason=(
                    f"no rule fired; random draw {draw:.6f} falls in the {corridor} lane's "
                    f"minimum random share [{bound:.4f}, {bound + share:.4f})"
                ),
            )
        bound += share
    return Selection(
        corridor="green",
        forms_of_control=[],
        fired_rules=[],
        random_draw=draw,
        reason=(
            f"no rule fired; random draw {draw:.6f} is above the minimum random shares "
            f"({bound:.4f} in all)"
        ),
    )


def _with_preferences(fired: Sequence[RuleView], preferences: Sequence[str]) -> Selection:
    """At least yellow with documentary control and the benefits check, plus the fired rules'
    corridor and forms when they ask for more."""
    corridor = max(
        (PREFERENCE_CORRIDOR, *(rule.corridor for rule in fired)), key=SEVERITY.__getitem__
    )
    forms = ordered_forms(
        {*PREFERENCE_FORMS, *(form for rule in fired for form in rule.forms_of_control)}
    )
    named = "".join(f", {rule.code} ({rule.corridor})" for rule in fired)
    return Selection(
        corridor=corridor,
        forms_of_control=forms,
        fired_rules=[PREFERENCE_RULE, *(rule.code for rule in fired)],
        random_draw=None,
        reason=(
            f"preferences claimed in box 36 ({'; '.join(preferences)}) are checked by an "
            f"officer; rules fired: {PREFERENCE_RULE} ({PREFERENCE_CORRIDOR}){named}; the most "
            f"severe corridor is {corridor}"
        ),
    )


def claimed_preferences(form: CustomsReleaseForm) -> list[str]:
    """The box-36 claims of ``form`` as the reason names them."""
    return [
        f"item {item.item_number}: {preference.code} for {preference.payment_type_code}"
        for item in form.goods
        for preference in item.preferences
    ]


async def select_corridor(
    session: AsyncSession, application_id: uuid.UUID, form: CustomsReleaseForm, *, seed: int
) -> Selection:
    """The corridor of a declaration under the current rules and lanes (reads only; store it
    with :func:`record_selection`). ``seed`` is the configured seed of the random source."""
    rules = await list_rules(session, active_only=True)
    fired = fired_rules(rules, form, await value_controls(session))
    lanes = await list_lanes(session)
    claims = claimed_preferences(form)
    draw = None if fired or claims else random_draw(seed, application_id)
    return decide(fired, lanes, draw, preferences=claims)


async def record_selection(
    session: AsyncSession,
    application_id: uuid.UUID,
    selection: Selection,
    *,
    actor: str,
    at: datetime | None = None,
    officer_id: uuid.UUID | None = None,
) -> None:
    """Store a ``selection`` with the rules that fired and the draw (``actor`` is who ran it,
    e.g. ``"system"``); with ``officer_id``, an officer's re-routing."""
    await session.execute(
        insert(RiskSelection).values(
            application_id=application_id,
            kind="automatic" if officer_id is None else "reroute",
            corridor=selection.corridor,
            forms_of_control=selection.forms_of_control,
            fired_rules=selection.fired_rules,
            random_draw=selection.random_draw,
            reason=selection.reason,
            actor=actor,
            officer_id=officer_id,
            selected_at=at or datetime.now(UTC),
        )
    )


async def current_selection(session: AsyncSession, application_id: uuid.UUID) -> Selection | None:
    """The application's corridor now: its newest selection (a re-routing wins over the rules)."""
    row = await session.scalar(
        select(RiskSelection)
        .where(RiskSelection.application_id == application_id)
        .order_by(RiskSelection.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    return Selection(
        corridor=_corridor(row.corridor),
        forms_of_control=list(row.forms_of_control),
        fired_rules=list(row.fired_rules),
        random_draw=row.random_draw,
        reason=row.reason,
    )


def _corridor(name: str) -> Corridor:
    for corridor in CORRIDORS:
        if corridor == name:
            return corridor
    raise ValueError(f"unknown corridor {name!r}")


async def reroute(
    session: AsyncSession,
    application_id: uuid.UUID,
    corridor: str,
    forms_of_control: list[str],
    *,
    officer_id: uuid.UUID,
    reason: str,
    at: datetime | None = None,
) -> Selection:
    """An authorised officer (active, role in :data:`REROUTE_ROLES`) sends the declaration to
    another corridor; the new selection is recorded with who and why, and every earlier one
    is kept. Non-green corridors need at least one form of control."""
    officer = await session.get(Officer, officer_id)
    if officer is None or officer.revoked_at is not None or officer.role not in REROUTE_ROLES:
        raise RerouteNotAllowedError(
            f"only an active officer with role {' or '.join(REROUTE_ROLES)} may re-route"
        )
    if corridor not in CORRIDORS:
        raise RerouteInvalidError(f"corridor: one of {', '.join(CORRIDORS)}")
    unknown = sorted(set(forms_of_control) - set(FORMS_OF_CONTROL))
    if unknown:
        raise RerouteInvalidError(f"unknown forms of control {unknown}")
    if corridor != "green" and not forms_of_control:
        raise RerouteInvalidError(f"the {corridor} corridor needs at least one form of control")
    if not reason.strip():
        raise RerouteInvalidError("say why the declaration is re-routed")
    previous = await current_selection(session, application_id)
    if previous is None:
        raise RiskSelectionMissingError("the declaration has no corridor yet")
    selection = Selection(
        corridor=_corridor(corridor),
        forms_of_control=ordered_forms(forms_of_control),
        fired_rules=[],
        random_draw=None,
        reason=f"re-routed from {previous.corridor} by officer {officer_id}: {reason.strip()}",
    )
    await record_selection(
        session,
        application_id,
        selection,
        actor=f"officer:{officer_id}",
        at=at,
        officer_id=officer_id,
    )
    return selection
